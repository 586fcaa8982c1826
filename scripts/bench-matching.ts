/**
 * Measures matching on the embedded engine, through the gateway: 100,000 residents and 20,000
 * vacancies are written straight into the services' databases (the register's own import is
 * measured by bench:import), both indexes are rebuilt by the services' indexers, and then
 *   - indexing throughput (documents per second) and memory,
 *   - jobMatches latency, median and p95, under 1 and under 16 concurrent clients, beside a
 *     plain `resident { id name }` lookup through the same gateway as the baseline,
 *   - the lag from a vacancy posted through the API to its being searchable.
 * Not a test: these machines are noisy; read medians and ratios.
 *   pnpm bench:matching                          (PGlite in a temporary directory)
 *   BENCH_RESIDENTS=20000 BENCH_VACANCIES=4000 pnpm bench:matching
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { DEV_JWT_SECRET, type Db } from '@hub/common';
import { graphql } from '@hub/common/testing';
import { OCCUPATIONS, PHRASES } from '@hub/common/vocabulary';
import { issueToken } from '@hub/gateway/auth';
import * as employersDb from '@hub/employers/db/schema';
import * as residentsDb from '@hub/residents/db/schema';
import { startHub } from './hub';
import { progress } from './progress';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const VACANCIES = Number(process.env.BENCH_VACANCIES ?? 20_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);

let seed = 20261125;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const some = <T>(items: readonly T[], n: number) => [...new Set(Array.from({ length: n }, () => pick(items)))];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-matching-'));
const hub = await startHub({ env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dir } });
const url = hub.gateway.url;
const token = await issueToken({ role: 'ADMIN', sub: 'bench' }, { secret: DEV_JWT_SECRET, issuer: 'full-employment-hub', audience: 'hub' });
const call = async <T>(query: string, variables: Record<string, unknown> = {}) => {
  const result = await graphql<T>(url, query, variables, { token });
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};

try {
  const residentsDbHandle = hub.subgraphs.residents!.database.db as unknown as Db<typeof residentsDb>;
  const employersDbHandle = hub.subgraphs.employers!.database.db as unknown as Db<typeof employersDb>;
  const communities = (await residentsDbHandle.select({ code: residentsDb.regions.code }).from(residentsDb.regions).where(eq(residentsDb.regions.level, 'COMMUNITY'))).map((r) => r.code);

  // The register: households of 2.5 people on average, three in four out of work with an intention.
  const writing = progress('residents', RESIDENTS);
  const CHUNK = 1_000;
  for (let done = 0; done < RESIDENTS; done += CHUNK) {
    const n = Math.min(CHUNK, RESIDENTS - done);
    const households = Array.from({ length: Math.ceil(n / 2.5) }, () => ({ communityCode: pick(communities), address: '测试路' }));
    const homes = await residentsDbHandle.insert(residentsDb.households).values(households).returning({ id: residentsDb.households.id, communityCode: residentsDb.households.communityCode });
    const people = Array.from({ length: n }, (_, i) => {
      const home = homes[i % homes.length]!;
      const gender = random() < 0.5 ? ('MALE' as const) : ('FEMALE' as const);
      const year = 1966 + Math.floor(random() * 40);
      const birthDate = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const occupation = pick(OCCUPATIONS);
      return {
        householdId: home.id,
        communityCode: home.communityCode,
        // Written past the API, so no check digit is needed: only uniqueness.
        identityNumber: `B${String(done + i).padStart(17, '0')}`,
        name: '测试',
        gender,
        birthDate,
        employmentStatus: random() < 0.75 ? ('UNEMPLOYED' as const) : ('EMPLOYED' as const),
        jobIntention: { occupations: [occupation.name], keywords: some(PHRASES, 1), districtCodes: [], minMonthlyWage: 2000 + Math.floor(random() * 20) * 100, workTime: 'EITHER' as const },
        _skills: some(occupation.skills, 2),
      };
    });
    const inserted = await residentsDbHandle
      .insert(residentsDb.residents)
      .values(people.map(({ _skills, ...p }) => p))
      .onConflictDoNothing()
      .returning({ id: residentsDb.residents.id, identityNumber: residentsDb.residents.identityNumber });
    const skillsOf = new Map(people.map((p) => [p.identityNumber, p._skills]));
    const skills = inserted.flatMap((r) => skillsOf.get(r.identityNumber)!.map((name) => ({ residentId: r.id, name, certificateLevel: 5 })));
    if (skills.length) await residentsDbHandle.insert(residentsDb.residentSkills).values(skills).onConflictDoNothing();
    writing.advance(n);
  }
  console.log(`wrote ${RESIDENTS} residents in ${writing.finish().toFixed(1)} s`);

  const employerRows = await employersDbHandle
    .insert(employersDb.employers)
    .values(Array.from({ length: Math.max(1, Math.round(VACANCIES / 10)) }, (_, i) => ({ creditCode: `BENCH${String(i).padStart(13, '0')}`, name: `葫芦岛测试企业${i}有限公司`, industry: '测试', districtCode: pick(communities).slice(0, 6) })))
    .onConflictDoNothing()
    .returning({ id: employersDb.employers.id });
  const posting = progress('vacancies', VACANCIES);
  for (let done = 0; done < VACANCIES; done += CHUNK) {
    const n = Math.min(CHUNK, VACANCIES - done);
    await employersDbHandle.insert(employersDb.vacancies).values(
      Array.from({ length: n }, () => {
        const occupation = pick(OCCUPATIONS);
        const wageMin = 2000 + Math.floor(random() * 30) * 100;
        return {
          employerId: pick(employerRows).id,
          title: `招聘${occupation.name}`,
          occupation: occupation.name,
          description: some(PHRASES, 2).join('，'),
          skills: some(occupation.skills, 2),
          niceToHaveSkills: some(occupation.skills, 1),
          headcount: 1 + Math.floor(random() * 5),
          wageMin,
          wageMax: wageMin + 1000,
          locationCode: pick(communities),
          ageMax: random() < 0.2 ? 45 : null,
          publicWelfare: random() < 0.1,
        };
      }),
    );
    posting.advance(n);
  }
  console.log(`wrote ${VACANCIES} vacancies in ${posting.finish().toFixed(1)} s`);

  // Indexing: each service's indexer works through its queue.
  for (const [label, field] of [['vacancies', 'Vacancy'], ['jobseekers', 'Jobseeker']] as const) {
    const started = performance.now();
    const { queued } = await call<{ queued: number }>(`mutation { queued: reindex${field}Index }`);
    const bar = progress(label, queued);
    let left = queued;
    while (left > 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const s = await call<{ s: { queued: number } }>(`{ s: ${field.toLowerCase()}Index { queued } }`);
      bar.advance(left - s.s.queued);
      left = s.s.queued;
    }
    bar.finish();
    const seconds = (performance.now() - started) / 1000;
    console.log(`indexed ${queued} ${label} in ${seconds.toFixed(1)} s: ${Math.round(queued / seconds)} documents/s`);
  }
  global.gc?.();
  const memory = process.memoryUsage();
  console.log(`memory after indexing (whole hub in one process): rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}`);

  const ids = (await residentsDbHandle.select({ id: residentsDb.residents.id }).from(residentsDb.residents).where(eq(residentsDb.residents.employmentStatus, 'UNEMPLOYED')).limit(QUERIES)).map((r) => r.id);
  const MATCHES = process.env.BENCH_MATCH_QUERY ?? `query ($id: ID!) { resident(id: $id) { jobMatches(first: 10) { score vacancy { id title } } } }`;
  const LOOKUP = `query ($id: ID!) { resident(id: $id) { id name } }`;
  async function measure(query: string, clients: number): Promise<number[]> {
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const started = performance.now();
          await call(query, { id });
          times.push(performance.now() - started);
        }
      }),
    );
    return times;
  }
  await measure(MATCHES, 4); // warm-up: query plans, caches, JIT
  for (const clients of [1, 16]) {
    const lookup = await measure(LOOKUP, clients);
    const matches = await measure(MATCHES, clients);
    const m50 = percentile(matches, 50);
    const l50 = percentile(lookup, 50);
    console.log(
      `${clients} client${clients > 1 ? 's' : ''}: jobMatches p50 ${m50.toFixed(1)} ms, p95 ${percentile(matches, 95).toFixed(1)} ms; ` +
        `baseline resident lookup p50 ${l50.toFixed(1)} ms, p95 ${percentile(lookup, 95).toFixed(1)} ms; ratio ${(m50 / l50).toFixed(2)}x (${ids.length} queries each)`,
    );
  }

  // Lag: from a vacancy acknowledged by the API to its being found by search.
  const lags: number[] = [];
  const employerId = employerRows[0]!.id;
  for (let i = 0; i < 20; i++) {
    const title = `滞后测量岗位${i}号`;
    await call(`mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`, {
      input: { employerId, title, occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2500, locationCode: communities[0] },
    });
    const acknowledged = performance.now();
    for (;;) {
      const found = await call<{ s: { total: number } }>(`query ($q: String!) { s: searchVacancies(query: $q) { total } }`, { q: `滞后测量岗位${i}号` });
      if (found.s.total > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    lags.push(performance.now() - acknowledged);
  }
  console.log(`lag from write to searchable: p50 ${percentile(lags, 50).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms (20 vacancies)`);
  console.log(`summary: ${RESIDENTS} residents, ${VACANCIES} vacancies on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`);
} finally {
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
}
