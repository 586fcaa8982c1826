import { asc, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { startBatchLoop } from '../batch-loop';
import type { Db } from '../db';
import type { Logger } from '../logger';
import type { IndexDefinition } from './definition';
import type { SearchDocument, SearchIndex } from './port';
import type { SearchQueueTable } from './queue';

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

export interface IndexStatus {
  index: string;
  engine: 'embedded' | 'meilisearch';
  documents: number;
  queued: number;
  oldestQueuedAt: Date | null;
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
}): Indexer {
  const { db, queue, indexes } = options;
  const log = options.log.child({ component: 'indexer' });
  const batchSize = options.batchSize ?? 500;
  const intervalMs = options.intervalMs ?? 250;
  // Short: a batch takes well under a second, and rows a crashed indexer held wait out the lease.
  const claimMs = options.claimMs ?? 10_000;
  const lags: number[] = [];

  const open = (name: string) => {
    const found = indexes.get(name);
    if (!found) throw new Error(`No search index named ${name}.`);
    return found;
  };

  async function claim() {
    const due = db
      .select({ id: queue.id })
      .from(queue)
      .where(or(isNull(queue.claimedUntil), lt(queue.claimedUntil, sql`now()`)))
      .orderBy(asc(queue.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return db
      .update(queue)
      .set({ claimedUntil: sql`now() + (${claimMs}::int * interval '1 millisecond')` })
      .where(inArray(queue.id, due))
      .returning();
  }

  /** Writes one batch of claimed rows to the engine; returns how many rows it claimed. */
  async function indexBatch(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    const byIndex = new Map<string, Set<string>>();
    for (const row of rows) {
      const ids = byIndex.get(row.indexName) ?? new Set<string>();
      ids.add(row.documentId);
      byIndex.set(row.indexName, ids);
    }
    try {
      for (const [name, idSet] of byIndex) {
        const found = indexes.get(name);
        // A row for an index this build no longer has is dropped with the batch.
        if (!found) continue;
        const ids = [...idSet];
        const docs = await found.definition.load(db, ids);
        const kept = new Set(docs.map((d) => d.id));
        await found.index.upsert(docs);
        await found.index.delete(ids.filter((id) => !kept.has(id)));
      }
    } catch (error) {
      await db.update(queue).set({ claimedUntil: null }).where(inArray(queue.id, rows.map((r) => r.id)));
      throw error;
    }
    await db.delete(queue).where(inArray(queue.id, rows.map((r) => r.id)));
    const now = Date.now();
    for (const row of rows) lags.push(now - row.queuedAt.getTime());
    if (lags.length > 1_000) lags.splice(0, lags.length - 1_000);
    log.debug({ documents: rows.length }, 'indexed');
    return rows.length;
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
        const [left] = await db.select({ count: sql<number>`count(*)::int` }).from(queue);
        if (left!.count === 0) return;
        if (Date.now() > deadline) throw new Error(`${left!.count} documents still queued for indexing after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => loop.stop(),
    async status(name) {
      const { index } = open(name);
      const [queued] = await db
        .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${queue.queuedAt})::text` })
        .from(queue)
        .where(sql`${queue.indexName} = ${name}`);
      return {
        index: name,
        engine: options.engine,
        documents: await index.count(),
        queued: queued!.count,
        oldestQueuedAt: queued!.oldest ? new Date(queued!.oldest) : null,
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
