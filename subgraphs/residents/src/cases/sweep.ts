import { sql } from 'drizzle-orm';
import { rowsOf, todayIso, type Logger } from '@hub/common';
import type { ResidentsDb } from '../db';
import { assistanceCases, residents } from '../db/schema';
import { syncCases } from './sync';

const CHUNK = 200;

/**
 * Some cases open with time alone: a woman turns 40 while unemployed, six months of
 * unemployment pass. The sweep re-evaluates every household that could have changed.
 */
export async function sweepCases(db: ResidentsDb, log: Logger, asOf = todayIso()): Promise<number> {
  const result = await db.execute(sql`
    select distinct household_id as id from ${residents} where ${residents.employmentStatus} = 'UNEMPLOYED'
    union
    select distinct household_id from ${assistanceCases} where ${assistanceCases.status} = 'OPEN'`);
  const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.transaction((tx) => syncCases(tx, ids.slice(i, i + CHUNK), asOf, 'system:case-sweep', { publish: false }));
  }
  log.info({ households: ids.length, asOf }, 'assistance cases swept');
  return ids.length;
}

/** Runs the sweep now and every `intervalMs` (0: never again), one run at a time. */
export function scheduleSweeps(db: ResidentsDb, log: Logger, intervalMs: number) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => sweepCases(db, log)).catch((err) => log.error({ err }, 'case sweep failed'));
  };
  run();
  const timer = intervalMs > 0 ? setInterval(run, intervalMs) : undefined;
  timer?.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}


