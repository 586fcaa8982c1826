import { and, eq, gt, gte, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { startBatchLoop } from '../batch-loop';
import { signatureAudience, signRequest } from '../signature';
import type { EventEnvelope } from './outbox';
import type { OutboxTable } from './tables';

/** A service that takes a topic, and its `/events` URL. */
export interface EventConsumer {
  service: string;
  url: string;
}

export interface DispatcherOptions<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  outbox: OutboxTable;
  /** The sending service's name: the envelope's `source` and the signed viewer `service:<source>`. */
  source: string;
  /** Consumers per topic; an event whose topic has none counts as delivered. */
  routes: Record<string, EventConsumer[]> | ((topic: string) => EventConsumer[]);
  secret: string;
  log: Logger;
  intervalMs?: number;
  batchSize?: number;
  /** The first retry waits about this long; each further failure doubles it, up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claim holds rows; a dispatcher that died holding them lets them go after this. */
  claimMs?: number;
  requestTimeoutMs?: number;
}

export interface Dispatcher {
  /** Delivers soon instead of at the next poll: call it after committing an event. */
  kick(): void;
  /** Resolves once every event is delivered; rejects when some are still waiting after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  /** Sends nothing new, lets requests in flight finish, and hands back the rest of its claim. */
  stop(): Promise<void>;
}

type OutboxRow = OutboxTable['$inferSelect'];

const interval = (ms: number) => sql`(${Math.round(ms)}::int * interval '1 millisecond')`;

/**
 * Pushes a service's outbox to its consumers, at least once. No transaction stays open while a
 * request is out (PGlite has a single connection, and a slow consumer must not hold locks): rows
 * are claimed with one short statement, sent, then marked one statement each.
 */
export function startDispatcher<TSchema extends Record<string, unknown>>(options: DispatcherOptions<TSchema>): Dispatcher {
  const { db, outbox, source, routes, secret } = options;
  const log = options.log.child({ component: 'outbox' });
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 50;
  const baseBackoffMs = options.baseBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const claimMs = options.claimMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  if (claimMs <= requestTimeoutMs) throw new Error('claimMs must be longer than requestTimeoutMs');
  const viewer = `service:${source}`;
  const earlier = alias(outbox, 'earlier');

  async function claim(): Promise<OutboxRow[]> {
    const now = sql`now()`;
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.deliveredAt),
          lte(outbox.nextAttemptAt, now),
          or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
          // Keeps an aggregate in order across batches: nothing overtakes an earlier event that
          // waits for a retry or is out with another dispatcher. (Two dispatchers claiming at the
          // same instant can still split an aggregate at the batch limit; one dispatcher cannot.)
          notExists(
            db
              .select({ id: earlier.id })
              .from(earlier)
              .where(
                and(
                  eq(earlier.aggregateId, outbox.aggregateId),
                  lt(earlier.id, outbox.id),
                  isNull(earlier.deliveredAt),
                  or(gt(earlier.nextAttemptAt, now), gte(earlier.claimedUntil, now)),
                ),
              ),
          ),
        ),
      )
      .orderBy(outbox.id)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const rows = await db
      .update(outbox)
      .set({ claimedUntil: sql`now() + ${interval(claimMs)}` })
      .where(inArray(outbox.id, due))
      .returning();
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Posts the event to every consumer of its topic; the error text, or null when all took it. */
  async function send(row: OutboxRow): Promise<string | null> {
    const consumers = typeof routes === 'function' ? routes(row.topic) : Object.hasOwn(routes, row.topic) ? routes[row.topic]! : [];
    const envelope: EventEnvelope = {
      eventId: row.eventId,
      source,
      topic: row.topic,
      aggregateId: row.aggregateId,
      occurredAt: row.occurredAt.toISOString(),
      payload: row.payload,
    };
    const body = JSON.stringify(envelope);
    const errors = await Promise.all(
      consumers.map(async ({ service, url }) => {
        try {
          // Signed for this consumer alone, so a delivery captured on its way cannot be sent to another.
          const signed = signRequest(secret, { audience: signatureAudience(service, 'events'), body, viewer, requestId: row.eventId });
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...signed },
            body,
            signal: AbortSignal.timeout(requestTimeoutMs),
          });
          const text = await response.text();
          return response.ok ? null : `${url}: HTTP ${response.status} ${text.slice(0, 200)}`;
        } catch (error) {
          const cause = (error as { cause?: { message?: string } }).cause?.message;
          return `${url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`;
        }
      }),
    );
    const failed = errors.filter((e) => e !== null);
    return failed.length > 0 ? failed.join('; ') : null;
  }

  async function markDelivered(row: OutboxRow) {
    await db.update(outbox).set({ deliveredAt: sql`now()`, claimedUntil: null }).where(eq(outbox.id, row.id));
  }

  async function markFailed(row: OutboxRow, error: string) {
    // Jitter spreads the retries of everything that failed together during a consumer's outage.
    const delayMs = Math.min(maxBackoffMs, baseBackoffMs * 2 ** row.attempts) * (0.75 + Math.random() * 0.25);
    await db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: error,
        nextAttemptAt: sql`now() + ${interval(delayMs)}`,
        claimedUntil: null,
      })
      .where(eq(outbox.id, row.id));
    log.warn(
      { eventId: row.eventId, topic: row.topic, aggregateId: row.aggregateId, attempt: row.attempts + 1, retryInMs: Math.round(delayMs), error },
      'event delivery failed',
    );
  }

  async function release(rows: OutboxRow[]) {
    if (rows.length === 0) return;
    await db.update(outbox).set({ claimedUntil: null }).where(inArray(outbox.id, rows.map((r) => r.id)));
  }

  /** One aggregate's events in order; the first failure holds back the rest. Returns how many went out. */
  async function deliverInOrder(rows: OutboxRow[], sendBy: number): Promise<number> {
    for (const [i, row] of rows.entries()) {
      // Past `sendBy` a request might outlive the claim and race another dispatcher's retry.
      if (loop.stopped || Date.now() > sendBy) {
        await release(rows.slice(i));
        return i;
      }
      const error = await send(row);
      if (error !== null) {
        await markFailed(row, error);
        await release(rows.slice(i + 1));
        return i;
      }
      await markDelivered(row);
    }
    return rows.length;
  }

  /** Claims and delivers one batch; returns how many rows it claimed. */
  async function deliverBatch(): Promise<number> {
    const sendBy = Date.now() + claimMs - requestTimeoutMs;
    const rows = await claim();
    const byAggregate = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byAggregate.get(row.aggregateId);
      if (list) list.push(row);
      else byAggregate.set(row.aggregateId, [row]);
    }
    // Aggregates are independent of each other, so one slow consumer does not hold up the batch.
    const counts = await Promise.all([...byAggregate.values()].map((group) => deliverInOrder(group, sendBy)));
    const delivered = counts.reduce((a, b) => a + b, 0);
    if (delivered > 0) log.info({ delivered, claimed: rows.length }, 'events delivered');
    return rows.length;
  }

  const loop = startBatchLoop({
    runBatch: deliverBatch,
    batchSize,
    intervalMs,
    // Rows claimed when this happened wait out their claim and go out again; consumers dedupe.
    onError: (error) => log.error({ err: error }, 'event dispatch failed'),
  });
  const wake = loop.wake;

  return {
    kick: () => void wake(),
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (loop.stopped) throw new Error('the dispatcher is stopped');
        await wake();
        const [pending] = await db
          .select({
            count: sql<number>`count(*)::int`,
            dueInMs: sql<number>`coalesce(extract(epoch from min(greatest(${outbox.nextAttemptAt}, ${outbox.claimedUntil})) - now()) * 1000, 0)::float8`,
          })
          .from(outbox)
          .where(isNull(outbox.deliveredAt));
        if (pending!.count === 0) return;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${pending!.count} events still undelivered after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(left, Math.max(10, pending!.dueInMs))));
      }
    },
    stop: () => loop.stop(),
  };
}
