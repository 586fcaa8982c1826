import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql, type SQLWrapper } from 'drizzle-orm';
import { startBatchLoop } from '../batch-loop';
import type { Db } from '../db';
import type { Logger } from '../logger';
import type { IndexDefinition } from './definition';
import { SearchEngineError, type SearchDocument, type SearchIndex } from './port';
import type { SearchQueueTable } from './queue';

/** Times a document is taken for indexing before it is quarantined. */
export const MAX_INDEX_ATTEMPTS = 3;

type QueueRow = SearchQueueTable['$inferSelect'];

/** The engine refused or failed on a document it was given, rather than being unreachable. */
class DocumentFault extends Error {
  readonly reason: string;
  constructor(cause: unknown) {
    super('document fault', { cause });
    // Kept for an administrator: short, and the engine's own words rather than the document's text.
    this.reason = (cause instanceof Error ? cause.message : String(cause)).slice(0, 300);
  }
}

/** A refusal by the engine (Meilisearch's failed task, the embedded engine's) or a limit the document broke. */
const isDocumentFault = (error: unknown) => error instanceof SearchEngineError || error instanceof RangeError;

export interface OpenIndex<TSchema extends Record<string, unknown>> {
  definition: IndexDefinition<TSchema>;
  index: SearchIndex<SearchDocument>;
}

export interface IndexCheck {
  index: string;
  /** Documents the database says belong in the index. */
  expected: number;
  /** Documents the index holds. */
  indexed: number;
  missing: number;
  stale: number;
  /** In the index but no longer in the database (a closed vacancy, a person now employed). */
  orphaned: number;
  /** Whether the differences were queued for repair. */
  repaired: boolean;
}

/** A document the engine could not index, kept out of the way with the reason. */
export interface QuarantinedDocument {
  documentId: string;
  attempts: number;
  lastError: string;
  quarantinedAt: Date;
}

/** How many quarantined documents the status lists (the most recent); `quarantined` counts them all. */
const QUARANTINE_SHOWN = 20;

export interface IndexStatus {
  index: string;
  engine: 'embedded' | 'meilisearch';
  documents: number;
  /** Changes waiting to be indexed, not counting quarantined documents. */
  queued: number;
  oldestQueuedAt: Date | null;
  quarantined: number;
  quarantine: QuarantinedDocument[];
  /** From a change's commit to its document being searchable, over the last 1,000 changes. */
  lagP50Ms: number | null;
  lagP95Ms: number | null;
}

export interface Indexer {
  kick(): void;
  /** Resolves once the queue is empty; rejects if it is not after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
  status(name: string): Promise<IndexStatus>;
  /** Empties the index and queues every document again; returns how many were queued. */
  reindex(name: string): Promise<number>;
  /** Compares the database with the index; with `repair`, queues every difference. */
  check(name: string, repair: boolean): Promise<IndexCheck>;
}

/**
 * Keeps a service's indexes where its database is. Rows of the search queue are claimed with a
 * lease, their documents read as they are now and written to the engine, and only then deleted:
 * a crash at any point leaves the rows to be taken again, and taking one twice does no harm.
 */
export function startIndexer<TSchema extends Record<string, unknown>>(options: {
  db: Db<TSchema>;
  queue: SearchQueueTable;
  indexes: Map<string, OpenIndex<TSchema>>;
  engine: 'embedded' | 'meilisearch';
  log: Logger;
  batchSize?: number;
  intervalMs?: number;
  claimMs?: number;
  /** Pause before a document the engine refused is tried again, times the attempts so far. */
  retryPauseMs?: number;
}): Indexer {
  const { db, queue, indexes } = options;
  const log = options.log.child({ component: 'indexer' });
  const batchSize = options.batchSize ?? 500;
  const intervalMs = options.intervalMs ?? 250;
  // Short: a batch takes well under a second, and rows a crashed indexer held wait out the lease.
  const claimMs = options.claimMs ?? 10_000;
  const retryPauseMs = options.retryPauseMs ?? 1_000;
  const lags: number[] = [];

  const open = (name: string) => {
    const found = indexes.get(name);
    if (!found) throw new Error(`No search index named ${name}.`);
    return found;
  };

  /** Marks rows taken for `claimMs`; each take counts as an attempt, so a take the process died in counts too. */
  async function take(ids: SQLWrapper) {
    return db
      .update(queue)
      .set({ claimedUntil: sql`now() + (${claimMs}::int * interval '1 millisecond')`, attempts: sql`${queue.attempts} + 1` })
      .where(inArray(queue.id, ids))
      .returning();
  }

  const due = and(isNull(queue.quarantinedAt), or(isNull(queue.claimedUntil), lt(queue.claimedUntil, sql`now()`)));

  /** Fresh rows (never attempted), a batch of them. */
  function claimFresh() {
    return take(db.select({ id: queue.id }).from(queue).where(and(due, eq(queue.attempts, 0))).orderBy(asc(queue.id)).limit(batchSize).for('update', { skipLocked: true }));
  }

  /** One row attempted before and not finished: a suspect, tried on its own so it cannot take others down with it. */
  function claimSuspect() {
    return take(db.select({ id: queue.id }).from(queue).where(and(due, gt(queue.attempts, 0))).orderBy(asc(queue.id)).limit(1).for('update', { skipLocked: true }));
  }

  /** Writes the rows' documents to the engine and deletes the rows; a document's own fault is thrown as DocumentFault. */
  async function write(rows: QueueRow[]) {
    const byIndex = new Map<string, Set<string>>();
    for (const row of rows) {
      const ids = byIndex.get(row.indexName) ?? new Set<string>();
      ids.add(row.documentId);
      byIndex.set(row.indexName, ids);
    }
    for (const [name, idSet] of byIndex) {
      const found = indexes.get(name);
      // A row for an index this build no longer has is dropped with the batch.
      if (!found) continue;
      const ids = [...idSet];
      const docs = await found.definition.load(db, ids);
      const kept = new Set(docs.map((d) => d.id));
      try {
        await found.index.upsert(docs);
      } catch (error) {
        throw isDocumentFault(error) ? new DocumentFault(error) : error;
      }
      await found.index.delete(ids.filter((id) => !kept.has(id)));
      // A document indexed now makes any quarantined row for it obsolete.
      await db.delete(queue).where(and(eq(queue.indexName, name), inArray(queue.documentId, ids), isNotNull(queue.quarantinedAt)));
    }
    await db.delete(queue).where(inArray(queue.id, rows.map((r) => r.id)));
    const now = Date.now();
    for (const row of rows) lags.push(now - row.queuedAt.getTime());
    if (lags.length > 1_000) lags.splice(0, lags.length - 1_000);
  }

  /** Hands rows back untouched: the engine, not the documents, failed (it is down, say), so the take does not count. */
  async function release(rows: QueueRow[]) {
    await db.update(queue).set({ claimedUntil: null, attempts: sql`greatest(${queue.attempts} - 1, 0)` }).where(inArray(queue.id, rows.map((r) => r.id)));
  }

  /**
   * Keeps the rows with the engine's reason, to be tried again (alone) after a pause that grows
   * with each attempt; at MAX_INDEX_ATTEMPTS they are quarantined and no longer taken.
   */
  async function fail(rows: QueueRow[], reason: string) {
    await db
      .update(queue)
      .set({
        claimedUntil: sql`case when ${queue.attempts} < ${MAX_INDEX_ATTEMPTS} then now() + (${retryPauseMs}::int * ${queue.attempts} * interval '1 millisecond') end`,
        lastError: reason,
        quarantinedAt: sql`case when ${queue.attempts} >= ${MAX_INDEX_ATTEMPTS} then now() end`,
      })
      .where(inArray(queue.id, rows.map((r) => r.id)));
  }

  /** Indexes one suspect row alone; returns whether there was one. */
  async function indexSuspect(): Promise<boolean> {
    const [row] = await claimSuspect();
    if (!row) return false;
    if (row.attempts > MAX_INDEX_ATTEMPTS) {
      // Taken this often without an answer: the process died while indexing it each time.
      await fail([row], 'The indexer stopped while indexing this document, every time it tried.');
      log.error({ index: row.indexName, documentId: row.documentId }, 'document quarantined: the indexer stopped while indexing it');
      return true;
    }
    try {
      await write([row]);
    } catch (error) {
      if (!(error instanceof DocumentFault)) {
        await release([row]);
        throw error;
      }
      await fail([row], error.reason);
      log.warn({ index: row.indexName, documentId: row.documentId, attempts: row.attempts, reason: error.reason }, 'the engine could not index a document');
    }
    return true;
  }

  /** Writes suspects one at a time, then one batch of fresh rows; returns how many rows it took. */
  async function indexBatch(): Promise<number> {
    let taken = 0;
    while (await indexSuspect()) taken++;
    const rows = await claimFresh();
    if (rows.length > 0) {
      try {
        await write(rows);
        log.debug({ documents: rows.length }, 'indexed');
      } catch (error) {
        if (!(error instanceof DocumentFault)) {
          await release(rows);
          throw error;
        }
        // Some document of the batch is at fault: every row of it is now a suspect and is tried on its own.
        await fail(rows, error.reason);
      }
    }
    return Math.max(taken, rows.length);
  }

  const loop = startBatchLoop({
    runBatch: indexBatch,
    batchSize,
    intervalMs,
    // While the engine is down, try every few seconds rather than every tick, and say so once.
    retryMs: Math.max(intervalMs, 2_000),
    onError: (error, failures) => {
      if (failures === 1) log.error({ err: error }, 'indexing failed; the documents stay queued and are tried again');
    },
  });
  const wake = loop.wake;

  const percentile = (p: number) => {
    if (lags.length === 0) return null;
    const sorted = [...lags].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  };

  return {
    kick: () => void wake(),
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await wake();
        const [left] = await db.select({ count: sql<number>`count(*)::int` }).from(queue).where(isNull(queue.quarantinedAt));
        if (left!.count === 0) return;
        if (Date.now() > deadline) throw new Error(`${left!.count} documents still queued for indexing after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => loop.stop(),
    async status(name) {
      const { index } = open(name);
      const [queued] = await db
        .select({
          count: sql<number>`(count(*) filter (where ${queue.quarantinedAt} is null))::int`,
          oldest: sql<string | null>`(min(${queue.queuedAt}) filter (where ${queue.quarantinedAt} is null))::text`,
          quarantined: sql<number>`(count(*) filter (where ${queue.quarantinedAt} is not null))::int`,
        })
        .from(queue)
        .where(eq(queue.indexName, name));
      const quarantine = await db
        .select({ documentId: queue.documentId, attempts: queue.attempts, lastError: queue.lastError, quarantinedAt: queue.quarantinedAt })
        .from(queue)
        .where(and(eq(queue.indexName, name), isNotNull(queue.quarantinedAt)))
        .orderBy(desc(queue.quarantinedAt))
        .limit(QUARANTINE_SHOWN);
      return {
        index: name,
        engine: options.engine,
        documents: await index.count(),
        queued: queued!.count,
        oldestQueuedAt: queued!.oldest ? new Date(queued!.oldest) : null,
        quarantined: queued!.quarantined,
        quarantine: quarantine.map((row) => ({ ...row, lastError: row.lastError ?? '', quarantinedAt: row.quarantinedAt! })),
        lagP50Ms: percentile(50),
        lagP95Ms: percentile(95),
      };
    },
    async reindex(name) {
      const { definition, index } = open(name);
      await index.clear();
      let queuedCount = 0;
      for (let after: string | null = null; ; ) {
        const ids = await definition.ids(db, after, 5_000);
        if (ids.length === 0) break;
        await db.insert(queue).values(ids.map((documentId) => ({ indexName: name, documentId })));
        queuedCount += ids.length;
        after = ids[ids.length - 1]!;
      }
      log.info({ index: name, queued: queuedCount }, 'reindex queued');
      void wake();
      return queuedCount;
    },
    async check(name, repair) {
      const { definition, index } = open(name);
      const indexed = new Map<string, string>();
      const page = 1_000;
      for (let offset = 0; ; offset += page) {
        const { results } = await index.documents({ offset, limit: page });
        for (const doc of results) indexed.set(doc.id, stableJson(doc));
        if (results.length < page) break;
      }
      let expected = 0;
      const differing: string[] = [];
      let missing = 0;
      let stale = 0;
      for (let after: string | null = null; ; ) {
        const ids = await definition.ids(db, after, 1_000);
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        expected += ids.length;
        const docs = await definition.load(db, ids);
        for (const doc of docs) {
          const held = indexed.get(doc.id);
          if (held === undefined) {
            missing++;
            differing.push(doc.id);
          } else if (held !== stableJson(doc)) {
            stale++;
            differing.push(doc.id);
          }
          indexed.delete(doc.id);
        }
      }
      // What is left was never expected: it goes when its id is queued, as load() returns nothing for it.
      const orphaned = [...indexed.keys()];
      const repairs = [...differing, ...orphaned];
      if (repair && repairs.length) {
        for (let i = 0; i < repairs.length; i += 5_000) {
          await db.insert(queue).values(repairs.slice(i, i + 5_000).map((documentId) => ({ indexName: name, documentId })));
        }
        void wake();
      }
      log.info({ index: name, expected, missing, stale, orphaned: orphaned.length, repaired: repair && repairs.length > 0 }, 'index checked');
      return { index: name, expected, indexed: (await index.count()), missing, stale, orphaned: orphaned.length, repaired: repair && repairs.length > 0 };
    },
  };
}

/** JSON with keys in order, so a document read back from the engine compares equal to a fresh one. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
