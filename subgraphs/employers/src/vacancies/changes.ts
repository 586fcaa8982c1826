import { and, eq, lt, sql } from 'drizzle-orm';
import { enqueueEvent, todayIso, type Logger } from '@hub/common';
import type { EmployersDb } from '../db';
import { queueForIndex } from '@hub/common/search';
import { outbox, searchQueue, vacancies, vacancyChanges } from '../db/schema';
import { VACANCY_INDEX } from '../search/vacancy-index';

type Tx = Parameters<Parameters<EmployersDb['transaction']>[0]>[0];

type VacancyRow = typeof vacancies.$inferSelect;

/**
 * Appends to the change feed, announces the vacancy as it now stands (vacancy.changed) and queues
 * it for the search index, in the transaction of the change itself, so none of them misses one.
 */
export async function recordChange(tx: Tx, vacancy: VacancyRow, kind: 'CREATED' | 'UPDATED' | 'REMOVED') {
  await tx.insert(vacancyChanges).values({ vacancyId: vacancy.id, kind });
  await queueForIndex(tx, searchQueue, VACANCY_INDEX, [vacancy.id]);
  await enqueueEvent(tx, outbox, {
    topic: 'vacancy.changed',
    aggregateId: vacancy.id,
    payload: {
      vacancyId: vacancy.id,
      employerId: vacancy.employerId,
      title: vacancy.title,
      occupation: vacancy.occupation,
      status: vacancy.status,
      headcount: vacancy.headcount,
      filledCount: vacancy.filledCount,
      locationCode: vacancy.locationCode,
    },
  });
}

/** Vacancies past their last day leave the open list (EXPIRED), each with a REMOVED change. */
export async function expireVacancies(db: EmployersDb, log: Logger, today = todayIso()): Promise<number> {
  const expired = await db.transaction(async (tx) => {
    const rows = await tx
      .update(vacancies)
      .set({ status: 'EXPIRED', closedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(vacancies.status, 'OPEN'), lt(vacancies.validUntil, today)))
      .returning();
    for (const row of rows) await recordChange(tx, row, 'REMOVED');
    return rows.length;
  });
  if (expired) log.info({ expired }, 'vacancies expired');
  return expired;
}

/** Expires now and then every `intervalMs`. */
export function scheduleExpiry(db: EmployersDb, log: Logger, intervalMs = 600_000) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => expireVacancies(db, log)).catch((err) => log.error({ err }, 'vacancy expiry failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
