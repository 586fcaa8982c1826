import { bigserial, index, integer, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Tx } from '../events/outbox';

/**
 * The search outbox: a row per document to (re)index, written in the transaction of the change.
 * The indexer reads the document's current state when it gets to the row, so rows can be
 * repeated, merged or replayed at will: the index ends where the database is.
 * Declared in each indexing service's `src/db/schema.ts` (`searchQueueTable(employersSchema)`).
 */
export function searchQueueTable(schema: PgSchema) {
  return schema.table(
    'search_queue',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      indexName: text('index_name').notNull(),
      documentId: text('document_id').notNull(),
      queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
      /** An indexer's lease; once it has passed, a crashed indexer's rows are taken again. */
      claimedUntil: timestamp('claimed_until', { withTimezone: true }),
      /** Failed attempts at indexing this document; past the limit the row is quarantined. */
      attempts: integer('attempts').notNull().default(0),
      /** Why the engine could not index the document: shown in the index status, never replayed blindly. */
      lastError: text('last_error'),
      /** Set when the document is quarantined: kept for an administrator, skipped by the indexer. */
      quarantinedAt: timestamp('quarantined_at', { withTimezone: true }),
    },
    (t) => [index('search_queue_document_idx').on(t.indexName, t.documentId)],
  );
}

export type SearchQueueTable = ReturnType<typeof searchQueueTable>;

/** Queues documents for indexing in the caller's transaction: both commit or neither does. */
export async function queueForIndex<TSchema extends Record<string, unknown>>(
  tx: Tx<TSchema>,
  queue: SearchQueueTable,
  indexName: string,
  documentIds: string[],
): Promise<void> {
  const unique = [...new Set(documentIds)];
  if (unique.length) await tx.insert(queue).values(unique.map((documentId) => ({ indexName, documentId })));
}
