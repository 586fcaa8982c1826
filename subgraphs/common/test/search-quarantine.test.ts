import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db';
import {
  embeddedSearchEngine,
  MAX_INDEX_ATTEMPTS,
  MAX_WORD_LENGTH,
  searchQueueTable,
  startIndexer,
  type IndexDefinition,
  type Indexer,
  type SearchDocument,
  type SearchIndex,
} from '../src/search';
import { createTestDatabase } from '../src/testing';

/**
 * A document the engine cannot index must not block the queue, nor be retried for ever, nor stop
 * the engine from opening again: on a real database (PGlite, or PostgreSQL when DATABASE_URL is
 * set) with the real indexer and the real embedded engine.
 */

const schema = pgSchema('quarantine_test');
const queue = searchQueueTable(schema);
const DDL = [
  `create schema quarantine_test`,
  `create table quarantine_test.search_queue (
    id bigserial primary key,
    index_name text not null,
    document_id text not null,
    queued_at timestamptz not null default now(),
    claimed_until timestamptz,
    attempts integer not null default 0,
    last_error text,
    quarantined_at timestamptz)`,
];

type AnyDb = Db<Record<string, unknown>>;
type Doc = SearchDocument & { text: unknown };

/** The service's "table": what load() reads. A text with no string form is what the engine refuses. */
const table = new Map<string, Doc>();
const definition: IndexDefinition<Record<string, unknown>> = {
  name: 'notes',
  settings: { searchableAttributes: ['text'], filterableAttributes: [], sortableAttributes: [] },
  load: async (_db, ids) => ids.flatMap((id) => (table.has(id) ? [table.get(id)!] : [])),
  ids: async (_db, after, limit) => [...table.keys()].sort().filter((id) => after === null || id > after).slice(0, limit),
};
const unindexable = (id: string): Doc => ({ id, text: Object.create(null) as unknown });

let db: AnyDb;
let close: () => Promise<void>;
let indexer: Indexer | undefined;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase(process.env.DATABASE_URL);
    const client = postgres(database.url, { max: 2, onnotice: () => {} });
    db = drizzlePostgres(client) as unknown as AnyDb;
    close = async () => {
      await client.end();
      await database.drop();
    };
  } else {
    const client = new PGlite();
    db = drizzlePglite(client) as unknown as AnyDb;
    close = () => client.close();
  }
  for (const statement of DDL) await db.execute(sql.raw(statement));
});
afterAll(() => close());
afterEach(async () => {
  await indexer?.stop();
  indexer = undefined;
  table.clear();
  await db.delete(queue);
});

async function start(index: SearchIndex<SearchDocument>) {
  indexer = startIndexer({
    db,
    queue,
    indexes: new Map([['notes', { definition, index }]]),
    engine: 'embedded',
    log,
    intervalMs: 20,
    retryPauseMs: 20,
  });
  return indexer;
}

const openIndex = (dir?: string) => embeddedSearchEngine(dir).index<SearchDocument>('notes', definition.settings);

async function queueDocs(...docs: Doc[]) {
  for (const doc of docs) table.set(doc.id, doc);
  await db.insert(queue).values(docs.map((doc) => ({ indexName: 'notes', documentId: doc.id })));
}

describe('the search indexer and a document the engine cannot index', () => {
  it(`indexes the rest of the batch, tries the bad one ${MAX_INDEX_ATTEMPTS} times, then quarantines it with the reason and stops trying`, async () => {
    const index = await openIndex();
    await queueDocs({ id: 'a', text: '保洁员 包吃住' }, unindexable('bad'), { id: 'c', text: '厨师' });
    const running = await start(index);
    await running.drain(10_000);

    expect((await index.search({ q: '保洁' })).hits.map((d) => d.id)).toEqual(['a']);
    expect((await index.search({ q: '厨师' })).hits.map((d) => d.id)).toEqual(['c']);
    const status = await running.status('notes');
    expect(status).toMatchObject({ queued: 0, quarantined: 1, documents: 2 });
    expect(status.quarantine).toEqual([
      { documentId: 'bad', attempts: MAX_INDEX_ATTEMPTS, lastError: 'The engine could not index bad.', quarantinedAt: expect.any(Date) },
    ]);

    // Quarantined means left alone: more rounds do not take it again.
    await running.drain(1_000);
    const [row] = await db.select().from(queue).where(eq(queue.documentId, 'bad'));
    expect(row).toMatchObject({ attempts: MAX_INDEX_ATTEMPTS, claimedUntil: null });
  });

  it('clears the quarantine once the document has been changed into one the engine takes', async () => {
    const index = await openIndex();
    await queueDocs(unindexable('fixed-later'));
    const running = await start(index);
    await running.drain(10_000);
    expect((await running.status('notes')).quarantined).toBe(1);

    await queueDocs({ id: 'fixed-later', text: '电工' });
    await running.drain(10_000);
    expect(await running.status('notes')).toMatchObject({ queued: 0, quarantined: 0, documents: 1 });
    expect((await index.search({ q: '电工' })).hits.map((d) => d.id)).toEqual(['fixed-later']);
  });

  it('quarantines, without trying it again, a document the process died indexing every time', async () => {
    const index = await openIndex();
    table.set('killer', { id: 'killer', text: '电焊' });
    table.set('bystander', { id: 'bystander', text: '保洁' });
    // As the rows stand after the process was killed while holding them: taken, never finished.
    await db.insert(queue).values([
      { indexName: 'notes', documentId: 'killer', attempts: MAX_INDEX_ATTEMPTS, claimedUntil: new Date(Date.now() - 1_000) },
      { indexName: 'notes', documentId: 'bystander', attempts: 1, claimedUntil: new Date(Date.now() - 1_000) },
    ]);
    const running = await start(index);
    await running.drain(10_000);

    const status = await running.status('notes');
    expect(status).toMatchObject({ queued: 0, quarantined: 1, documents: 1 });
    expect(status.quarantine[0]).toMatchObject({ documentId: 'killer', lastError: expect.stringMatching(/stopped while indexing/) });
    expect((await index.search({ q: '保洁' })).hits.map((d) => d.id)).toEqual(['bystander']);
  });

  it('does not count an attempt against the documents when the failure is not theirs (the database read failed)', async () => {
    const index = await openIndex();
    await queueDocs({ id: 'a', text: '保洁' });
    const broken: IndexDefinition<Record<string, unknown>> = {
      ...definition,
      load: async (database) => {
        await database.execute(sql`select * from quarantine_test.no_such_table`);
        return [];
      },
    };
    indexer = startIndexer({ db, queue, indexes: new Map([['notes', { definition: broken, index }]]), engine: 'embedded', log, intervalMs: 20 });
    await expect(indexer.drain(300)).rejects.toThrow(/still queued/);
    const [row] = await db.select().from(queue);
    expect(row).toMatchObject({ attempts: 0, quarantinedAt: null, claimedUntil: null });
  });
});

describe('the embedded engine and text no word list has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-engine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('indexes a 1,000,000-character word in linear memory and finds it by the word', async () => {
    const index = await openIndex();
    const word = 'x'.repeat(1_000_000);
    global.gc?.();
    const before = process.memoryUsage().rss;
    await index.upsert([{ id: 'long', text: `${word} 保洁` } as Doc]);
    const grown = process.memoryUsage().rss - before;
    // Uncut, the prefix index would hold 500,000,000,000 characters; cut, a few megabytes.
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    expect((await index.search({ q: word })).hits.map((d) => d.id)).toEqual(['long']);
    expect((await index.search({ q: 'x'.repeat(MAX_WORD_LENGTH) })).hits.map((d) => d.id)).toEqual(['long']);
  });

  it('refuses a document it cannot index without logging it, and opens again from a damaged log with every other document', async () => {
    const first = await openIndex(dir);
    await first.upsert([{ id: 'ok', text: '厨师' } as Doc]);
    await expect(first.upsert([unindexable('refused'), { id: 'ok-too', text: '电工' } as Doc])).rejects.toThrow('The engine could not index refused.');
    // Lines of the wrong shape, as a damaged disk or an older build might leave them.
    appendFileSync(join(dir, 'notes.log'), '{"upsert":5}\nnull\n7\n{"upsert":[null,{"text":"无编号"}]}\n{"delete":"ok"}\n');

    const reopened = await openIndex(dir);
    expect(await reopened.count()).toBe(2);
    expect((await reopened.search({ q: '电工' })).hits.map((d) => d.id)).toEqual(['ok-too']);
    expect((await reopened.search({ q: '厨师' })).hits.map((d) => d.id)).toEqual(['ok']);
  });
});
