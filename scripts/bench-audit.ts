/**
 * The cost of recording reads of personal data (个人信息查阅记录) on a list query, through the
 * gateway: `residents(first: 500)` asking identity numbers and phones (every person read is
 * recorded: one insert of 500 rows per request) beside the same list asking name and gender
 * (the same access checks, nothing recorded). Runs alternate; figures are medians.
 *   pnpm exec tsx scripts/bench-audit.ts            (BENCH_RUNS=20, in-memory PGlite)
 *   DATABASE_URL=postgres://… pnpm exec tsx scripts/bench-audit.ts   (in a database of its own)
 */
import { DEV_JWT_SECRET, type Db } from '@hub/common';
import { createTestDatabase, fakeIdentityNumber, graphql } from '@hub/common/testing';
import { issueToken } from '@hub/gateway/auth';
import * as residentsDb from '@hub/residents/db/schema';
import { startHub } from './hub';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COMMUNITY = '211402001001';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// On PostgreSQL, a database of its own, dropped afterwards: the benchmark writes 500 people.
const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
const hub = await startHub({ env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: 'memory://', ...(database ? { DATABASE_URL: database.url } : {}) } });
try {
  const db = hub.subgraphs.residents!.database.db as unknown as Db<typeof residentsDb>;
  const [home] = await db.insert(residentsDb.households).values({ communityCode: COMMUNITY, address: '测试路 1 号' }).returning();
  await db.insert(residentsDb.residents).values(
    Array.from({ length: 500 }, (_, i) => {
      const birthDate = `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
      return {
        householdId: home!.id, communityCode: COMMUNITY, identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'), name: '王秀兰', gender: 'FEMALE' as const,
        birthDate, phone: `139${String(10_000_000 + i).slice(-8)}`, employmentStatus: 'UNEMPLOYED' as const,
      };
    }),
  ).onConflictDoNothing();
  const token = await issueToken({ role: 'COORDINATOR', sub: 'bench', regionCode: COMMUNITY }, { secret: DEV_JWT_SECRET, issuer: 'full-employment-hub', audience: 'hub' });
  const list = (fields: string) => `{ residents(regionCode: "${COMMUNITY}", first: 500) { nodes { id ${fields} } } }`;
  const time = async (query: string) => {
    const started = performance.now();
    const result = await graphql(hub.gateway.url, query, {}, { token });
    if (result.errors) throw new Error(JSON.stringify(result.errors.slice(0, 2)));
    return performance.now() - started;
  };
  const recorded: number[] = [];
  const unrecorded: number[] = [];
  for (let i = 0; i < 3; i++) await Promise.all([time(list('identityNumber phone')), time(list('name gender'))]);
  for (let i = 0; i < RUNS; i++) {
    recorded.push(await time(list('identityNumber phone')));
    unrecorded.push(await time(list('name gender')));
  }
  const rows = await db.$count(residentsDb.personalDataAccess);
  console.log(`residents(first: 500), ${RUNS} runs each, medians:`);
  console.log(`  identityNumber phone (recorded): ${median(recorded).toFixed(1)} ms`);
  console.log(`  name gender (not recorded):      ${median(unrecorded).toFixed(1)} ms`);
  console.log(`  access records written: ${rows}`);
} finally {
  await hub.stop();
  await database?.drop();
}
