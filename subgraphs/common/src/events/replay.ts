import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { OutboxTable } from './tables';

/**
 * Makes matching events due again, as if never sent (all events when no filter is given).
 * Consumers that already applied one recognise its event id and skip it, so replaying is safe;
 * a consumer that lost its data, or one added later, gets them again. Returns how many.
 */
export async function replayEvents<TSchema extends Record<string, unknown>>(
  db: Db<TSchema>,
  outbox: OutboxTable,
  filter: { since?: Date; topic?: string; ids?: number[] } = {},
): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ deliveredAt: null, attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
    .where(
      and(
        filter.since ? gte(outbox.occurredAt, filter.since) : undefined,
        filter.topic ? eq(outbox.topic, filter.topic) : undefined,
        filter.ids ? inArray(outbox.id, filter.ids) : undefined,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}
