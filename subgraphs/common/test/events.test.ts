import { PGlite } from '@electric-sql/pglite';
import { asc, sql } from 'drizzle-orm';
import { bigserial, integer, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db';
import {
  enqueueEvent,
  eventRoute,
  inboxTable,
  outboxTable,
  replayEvents,
  startDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  type EventEnvelope,
} from '../src/events';
import { createHttpService, type HttpService } from '../src/http';
import { signatureAudience, signRequest } from '../src/signature';
import { createTestDatabase } from '../src/testing';

/**
 * The event path end to end on a real database and a real HTTP consumer. Producer and consumer
 * share one database (two schemas): on PGlite that is one connection, so a transaction held open
 * across a delivery would hang these tests rather than pass them.
 */

const SECRET = 'events-test-secret-0123456789';
const TOPIC = 'resident.registered';

const producerSchema = pgSchema('producer');
const outbox = outboxTable(producerSchema);
const consumerSchema = pgSchema('consumer');
const inbox = inboxTable(consumerSchema);
/** The consumer's business effect: one row per application of an event, so a double apply shows. */
const effects = consumerSchema.table('effects', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  eventId: uuid('event_id').notNull(),
  aggregateId: text('aggregate_id').notNull(),
  seq: integer('seq').notNull(),
});

// The same tables as the drizzle definitions above, as drizzle-kit would create them.
const DDL = [
  `create schema producer`,
  `create table producer.outbox (
    id bigserial primary key,
    event_id uuid not null unique default gen_random_uuid(),
    topic text not null,
    aggregate_id text not null,
    payload jsonb not null,
    occurred_at timestamptz not null default now(),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_until timestamptz,
    delivered_at timestamptz,
    last_error text)`,
  `create index outbox_pending_idx on producer.outbox (delivered_at, next_attempt_at)`,
  `create index outbox_aggregate_idx on producer.outbox (aggregate_id, id)`,
  `create schema consumer`,
  `create table consumer.inbox (
    source text not null,
    event_id uuid not null,
    topic text not null,
    received_at timestamptz not null default now(),
    primary key (source, event_id))`,
  `create table consumer.effects (
    id bigserial primary key,
    event_id uuid not null,
    aggregate_id text not null,
    seq integer not null)`,
];

type AnyDb = Db<Record<string, unknown>>;

interface Storage {
  db: AnyDb;
  close(): Promise<void>;
}

async function openStorage(kind: 'pglite' | 'postgres'): Promise<Storage> {
  if (kind === 'pglite') {
    const client = new PGlite();
    return { db: drizzlePglite(client) as unknown as AnyDb, close: () => client.close() };
  }
  const database = await createTestDatabase(process.env.DATABASE_URL!);
  const client = postgres(database.url, { max: 5, onnotice: () => {} });
  return {
    db: drizzlePostgres(client) as unknown as AnyDb,
    async close() {
      await client.end();
      await database.drop();
    },
  };
}

/** What the test asks of the consumer, carried in the payload. */
interface Payload {
  seq: number;
  /** Answer 500 this many times before applying. */
  failTimes?: number;
  /** Wait inside the handler until the test opens the gate. */
  hold?: boolean;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const kinds = ['pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])] as const;

describe.each(kinds)('events on %s', (kind) => {
  let storage: Storage;
  let db: AnyDb;
  let consumer: HttpService;
  let eventsUrl: string;
  const logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  /** Handler calls per event id, applied or not. */
  const calls = new Map<string, number>();
  let held: { entered: Promise<void>; enter: () => void; gate: Promise<void>; open: () => void };
  const dispatchers: Dispatcher[] = [];

  beforeAll(async () => {
    storage = await openStorage(kind);
    db = storage.db;
    for (const statement of DDL) await db.execute(sql.raw(statement));
    consumer = createHttpService({
      log,
      isReady: async () => true,
      routes: [
        eventRoute({
          service: 'consumer',
          db,
          inbox,
          secret: SECRET,
          maxAgeMs: 30_000,
          log,
          handlers: {
            [TOPIC]: async (tx, envelope) => {
              const payload = envelope.payload as Payload;
              const call = (calls.get(envelope.eventId) ?? 0) + 1;
              calls.set(envelope.eventId, call);
              if (call <= (payload.failTimes ?? 0)) throw new Error(`refusing call ${call}`);
              if (payload.hold) {
                held.enter();
                await held.gate;
              }
              await tx.insert(effects).values({ eventId: envelope.eventId, aggregateId: envelope.aggregateId, seq: payload.seq });
            },
          },
        }),
      ],
    });
    eventsUrl = `http://127.0.0.1:${await consumer.listen(0)}/events`;
  });

  afterAll(async () => {
    await consumer?.close();
    await storage?.close();
  });

  beforeEach(async () => {
    await db.execute(sql`truncate producer.outbox, consumer.inbox, consumer.effects restart identity`);
    logs.length = 0;
    calls.clear();
    const entered = deferred();
    const gate = deferred();
    held = { entered: entered.promise, enter: entered.resolve, gate: gate.promise, open: gate.resolve };
  });

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  });

  const start = (options: Partial<DispatcherOptions<Record<string, unknown>>> = {}) => {
    const dispatcher = startDispatcher({
      db,
      outbox,
      source: 'producer',
      routes: { [TOPIC]: [{ service: 'consumer', url: eventsUrl }] },
      secret: SECRET,
      log,
      intervalMs: 20,
      baseBackoffMs: 10,
      maxBackoffMs: 100,
      ...options,
    });
    dispatchers.push(dispatcher);
    return dispatcher;
  };

  const enqueue = (aggregateId: string, payload: Payload, topic = TOPIC) =>
    db.transaction((tx) => enqueueEvent(tx, outbox, { topic, aggregateId, payload }));

  const outboxRows = () => db.select().from(outbox).orderBy(asc(outbox.id));
  const applied = () => db.select().from(effects).orderBy(asc(effects.id));
  const inboxRows = () => db.select().from(inbox);

  const envelopeOf = (row: typeof outbox.$inferSelect): EventEnvelope => ({
    eventId: row.eventId,
    source: 'producer',
    topic: row.topic,
    aggregateId: row.aggregateId,
    occurredAt: row.occurredAt.toISOString(),
    payload: row.payload,
  });

  /** Posts as a dispatcher would; `tamper` changes the body after signing, `audience` names another recipient. */
  const post = async (
    envelope: EventEnvelope,
    options: { sign?: boolean; tamper?: (body: string) => string; audience?: string } = {},
  ) => {
    const body = JSON.stringify(envelope);
    const audience = options.audience ?? signatureAudience('consumer', 'events');
    const headers = options.sign === false ? {} : signRequest(SECRET, { audience, body, viewer: 'service:producer', requestId: envelope.eventId });
    const response = await fetch(eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: options.tamper ? options.tamper(body) : body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('never delivers an event whose transaction rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueEvent(tx, outbox, { topic: TOPIC, aggregateId: 'r-1', payload: { seq: 1 } });
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    await enqueue('r-2', { seq: 2 });
    await start().drain(5_000);
    expect((await outboxRows()).map((r) => r.aggregateId)).toEqual(['r-2']);
    expect((await applied()).map((r) => r.aggregateId)).toEqual(['r-2']);
    expect(await inboxRows()).toHaveLength(1);
  });

  it('delivers an event and applies it once', async () => {
    const dispatcher = start();
    const eventId = await enqueue('r-1', { seq: 1 });
    dispatcher.kick();
    await dispatcher.drain(5_000);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ eventId, attempts: 0, lastError: null, claimedUntil: null });
    expect(row!.deliveredAt).toBeInstanceOf(Date);
    expect(await applied()).toMatchObject([{ eventId, aggregateId: 'r-1', seq: 1 }]);
    expect(await inboxRows()).toMatchObject([{ source: 'producer', eventId, topic: TOPIC }]);
    expect(logs.some((l) => l.msg === 'events delivered' && l.delivered === 1 && l.level === 30)).toBe(true);
  });

  it('retries after two 500s, counts the attempts and applies the event exactly once', async () => {
    const eventId = await enqueue('r-1', { seq: 1, failTimes: 2 });
    await start().drain(5_000);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ attempts: 2, claimedUntil: null });
    expect(row!.deliveredAt).toBeInstanceOf(Date);
    expect(row!.lastError).toContain('HTTP 500');
    expect(calls.get(eventId)).toBe(3);
    expect(await applied()).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(1);
    const warnings = logs.filter((l) => l.msg === 'event delivery failed');
    expect(warnings.map((w) => [w.level, w.attempt])).toEqual([
      [40, 1],
      [40, 2],
    ]);
  });

  it('applies an event delivered twice only once', async () => {
    const eventId = await enqueue('r-1', { seq: 1 });
    await enqueue('r-2', { seq: 2 }, 'resident.moved');
    const consumer = { service: 'consumer', url: eventsUrl };
    const dispatcher = start({ routes: { [TOPIC]: [consumer], 'resident.moved': [consumer] } });
    await dispatcher.drain(5_000);
    const [first] = await outboxRows();

    expect(await replayEvents(db, outbox, { ids: [first!.id] })).toBe(1);
    expect((await outboxRows())[0]).toMatchObject({ deliveredAt: null, attempts: 0 });
    dispatcher.kick();
    await dispatcher.drain(5_000);
    expect((await outboxRows()).every((r) => r.deliveredAt !== null)).toBe(true);
    expect(calls.get(eventId)).toBe(1);
    expect(await applied()).toHaveLength(1);

    expect(await post(envelopeOf(first!))).toEqual({ status: 200, body: { accepted: true, duplicate: true } });
    expect(await applied()).toHaveLength(1);

    expect(await replayEvents(db, outbox, { topic: 'resident.moved' })).toBe(1);
    expect(await replayEvents(db, outbox, { since: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await replayEvents(db, outbox, { ids: [] })).toBe(0);
    expect(await replayEvents(db, outbox)).toBe(2);
    await dispatcher.drain(5_000);
    expect(await applied()).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(2);
  });

  it('records an event of a topic without a handler, and marks one without a route delivered', async () => {
    await enqueue('r-1', { seq: 1 }, 'nobody.listens');
    await start().drain(5_000);
    expect((await outboxRows())[0]!.deliveredAt).toBeInstanceOf(Date);
    expect(await inboxRows()).toHaveLength(0);

    const unknown = { ...envelopeOf((await outboxRows())[0]!), topic: 'resident.unknown' };
    expect(await post(unknown)).toEqual({ status: 200, body: { accepted: true, duplicate: false } });
    expect(await inboxRows()).toMatchObject([{ topic: 'resident.unknown' }]);
    expect(await applied()).toHaveLength(0);
  });

  it('refuses unsigned and tampered events, and events signed for another service, and changes nothing', async () => {
    await enqueue('r-1', { seq: 1 });
    const envelope = envelopeOf((await outboxRows())[0]!);
    const unsigned = await post(envelope, { sign: false });
    const tampered = await post(envelope, { tamper: (body) => body.replace('"seq":1', '"seq":2') });
    const forAnother = await post(envelope, { audience: signatureAudience('other', 'events') });
    const forItsGraphql = await post(envelope, { audience: signatureAudience('consumer', 'graphql') });
    for (const refused of [unsigned, tampered, forAnother, forItsGraphql]) {
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNSIGNED_REQUEST');
    }
    expect(await inboxRows()).toHaveLength(0);
    expect(await applied()).toHaveLength(0);
    expect(calls.size).toBe(0);
  });

  it('keeps an aggregate in order when its first event fails', async () => {
    const a1 = await enqueue('a', { seq: 1, failTimes: 1 });
    await enqueue('a', { seq: 2 });
    await enqueue('b', { seq: 1 });
    await enqueue('a', { seq: 3 });
    await start().drain(5_000);
    const effectsOf = async (aggregateId: string) =>
      (await applied()).filter((e) => e.aggregateId === aggregateId).map((e) => e.seq);
    expect(await effectsOf('a')).toEqual([1, 2, 3]);
    expect(await effectsOf('b')).toEqual([1]);
    const rows = await outboxRows();
    expect(rows.map((r) => [r.aggregateId, r.attempts])).toEqual([
      ['a', 1],
      ['a', 0],
      ['b', 0],
      ['a', 0],
    ]);
    // a2 and a3 were held back, never sent while a1 waited for its retry.
    expect(calls.get(a1)).toBe(2);
    expect(calls.size).toBe(4);
  });

  it('hands back the rest of its claim when stopped mid-batch, and a restart delivers it', async () => {
    await enqueue('a', { seq: 1, hold: true });
    await enqueue('a', { seq: 2 });
    await enqueue('a', { seq: 3 });
    const first = start();
    await held.entered;
    const stopping = first.stop();
    held.open();
    await stopping;
    const afterStop = await outboxRows();
    expect(afterStop.map((r) => r.deliveredAt !== null)).toEqual([true, false, false]);
    expect(afterStop.map((r) => r.claimedUntil)).toEqual([null, null, null]);

    await start().drain(5_000);
    expect((await applied()).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('delivers what a crashed dispatcher had claimed once its claim runs out', async () => {
    const x1 = await enqueue('x', { seq: 1 });
    await enqueue('x', { seq: 2 });
    await enqueue('y', { seq: 1 });
    // The crashed dispatcher had claimed all three and got x1 through before dying, unmarked.
    await db.update(outbox).set({ claimedUntil: sql`now() + interval '1 hour'` });
    expect((await post(envelopeOf((await outboxRows())[0]!))).body).toEqual({ accepted: true, duplicate: false });

    const dispatcher = start();
    await expect(dispatcher.drain(150)).rejects.toThrow('3 events still undelivered');
    expect(await applied()).toHaveLength(1);

    await db.update(outbox).set({ claimedUntil: sql`now() - interval '1 second'` });
    await dispatcher.drain(5_000);
    expect((await applied()).map((e) => `${e.aggregateId}${e.seq}`).sort()).toEqual(['x1', 'x2', 'y1']);
    expect(calls.get(x1)).toBe(1);
    expect((await outboxRows()).every((r) => r.deliveredAt !== null)).toBe(true);
  });
});
