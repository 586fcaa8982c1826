import { bigserial, index, integer, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * The tables live in each service's own schema and are declared in its `src/db/schema.ts`
 * (`export const outbox = outboxTable(residentsSchema)`), so drizzle-kit writes their migrations
 * with the rest of the service's tables and no service ever touches another's.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Events written in the same transaction as the change they announce, waiting to be pushed. */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      eventId: uuid('event_id').notNull().unique().defaultRandom(),
      topic: text('topic').notNull(),
      aggregateId: text('aggregate_id').notNull(),
      payload: jsonb('payload').notNull(),
      occurredAt: at('occurred_at').notNull().defaultNow(),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
      /** A dispatcher's lease on the row; once it has passed, a crashed dispatcher's rows are free again. */
      claimedUntil: at('claimed_until'),
      deliveredAt: at('delivered_at'),
      lastError: text('last_error'),
    },
    (t) => [
      index('outbox_pending_idx').on(t.deliveredAt, t.nextAttemptAt),
      // The claim looks for an earlier undelivered event of the same aggregate before taking a later one.
      index('outbox_aggregate_idx').on(t.aggregateId, t.id),
    ],
  );
}

/** Event ids a consumer has applied, so a redelivered event is recognised and skipped. */
export function inboxTable(schema: PgSchema) {
  return schema.table(
    'inbox',
    {
      source: text('source').notNull(),
      eventId: uuid('event_id').notNull(),
      topic: text('topic').notNull(),
      receivedAt: at('received_at').notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.source, t.eventId] })],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;
export type InboxTable = ReturnType<typeof inboxTable>;
