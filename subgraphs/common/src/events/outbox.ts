import type { Db } from '../db';
import type { OutboxTable } from './tables';

/** What a consumer receives, as JSON, for one event. */
export interface EventEnvelope {
  eventId: string;
  /** The service that wrote the event. */
  source: string;
  topic: string;
  /** The entity the event is about; events of one aggregate arrive in the order they were written. */
  aggregateId: string;
  occurredAt: string;
  payload: unknown;
}

/** A transaction of a service's database, as `db.transaction` hands it to its callback. */
export type Tx<TSchema extends Record<string, unknown>> = Parameters<Parameters<Db<TSchema>['transaction']>[0]>[0];

/**
 * Records an event in the transaction of the change it announces: both commit or neither does,
 * so no event goes out for a change that was rolled back, and none is lost for one that stuck.
 * Call the dispatcher's `kick()` after the commit to send it without waiting for the next poll.
 */
export async function enqueueEvent<TSchema extends Record<string, unknown>>(
  tx: Tx<TSchema>,
  outbox: OutboxTable,
  event: { topic: string; aggregateId: string; payload: unknown },
): Promise<string> {
  const [row] = await tx.insert(outbox).values(event).returning({ eventId: outbox.eventId });
  return row!.eventId;
}
