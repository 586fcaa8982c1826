import { and, eq, lt, sql } from 'drizzle-orm';
import { todayIso, type Logger } from '@hub/common';
import type { EmployersDb } from '../db';
import { vacancies, vacancyChanges } from '../db/schema';

type Tx = Parameters<Parameters<EmployersDb['transaction']>[0]>[0];

/** Appends to the change feed in the transaction of the change itself, so the feed never misses one. */
export async function recordChange(tx: Tx, vacancyId: string, kind: 'CREATED' | 'UPDATED' | 'REMOVED') {
  await tx.insert(vacancyChanges).values({ vacancyId, kind });
}

/** Vacancies past their last day leave the open list (EXPIRED), each with a REMOVED change. */
export async function expireVacancies(db: EmployersDb, log: Logger, today = todayIso()): Promise<number> {
  const expired = await db.transaction(async (tx) => {
    const rows = await tx
      .update(vacancies)
      .set({ status: 'EXPIRED', closedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(vacancies.status, 'OPEN'), lt(vacancies.validUntil, today)))
      .returning({ id: vacancies.id });
    if (rows.length) await tx.insert(vacancyChanges).values(rows.map((r) => ({ vacancyId: r.id, kind: 'REMOVED' as const })));
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
