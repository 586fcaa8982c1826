/**
 * Seeds the demo through the public API: the official regions are already there; households,
 * residents, employers, vacancies, training centres and courses are generated from a fixed seed
 * and registered with ordinary mutations, so every row passed the same validation a user's would.
 *
 *   pnpm seed                  against the gateway at GATEWAY_URL (default http://127.0.0.1:4000/graphql)
 */
import { pathToFileURL } from 'node:url';
import { DEV_JWT_SECRET } from '@hub/common';
import { graphql } from '@hub/common/testing';
import { issueToken } from '@hub/gateway/auth';
import { generateDemoData, type DemoData } from './demo/generate';
import { progress } from './progress';

export const DEMO_SIZE = { residents: 2000, employers: 100, vacancies: 300, centres: 5, courses: 30 } as const;
/** The bureau report's date, 2012-09-26, as the seed of every random choice. */
export const DEMO_SEED = 20120926;

/** What a coordinator would have seen for a declared group. */
const EVIDENCE = { DISABLED: '残疾人证（入户核验）', POOR_FAMILY_GRADUATE: '困难家庭认定材料与毕业证书' } as const;

type Send = (query: string, variables: Record<string, unknown>) => Promise<Record<string, any>>;

/** Runs `items` through one aliased mutation per item, `size` items to a request. */
async function inBatches<T>(
  send: Send,
  label: string,
  items: T[],
  size: number,
  mutation: { name: string; inputType: string; selection: string },
  toInput: (item: T) => Record<string, unknown>,
): Promise<string[]> {
  const ids: string[] = [];
  const bar = progress(label, items.length);
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    const variables: Record<string, unknown> = {};
    const params = batch.map((_, i) => `$i${i}: ${mutation.inputType}!`).join(', ');
    const fields = batch.map((item, i) => {
      variables[`i${i}`] = toInput(item);
      return `m${i}: ${mutation.name}(input: $i${i}) { ${mutation.selection} }`;
    });
    const data = await send(`mutation (${params}) { ${fields.join(' ')} }`, variables);
    batch.forEach((_, i) => ids.push(data[`m${i}`].id));
    bar.advance(batch.length);
  }
  bar.finish();
  return ids;
}

export async function seedDemo(gatewayUrl: string, token: string, today = new Date().toISOString().slice(0, 10)) {
  const send: Send = async (query, variables) => {
    const result = await graphql(gatewayUrl, query, variables, { token });
    if (result.errors?.length || !result.data) throw new Error(`seeding failed: ${JSON.stringify(result.errors?.slice(0, 3))}`);
    return result.data;
  };
  const counts = await send(`{ residents(regionCode: "2114", first: 0) { totalCount } employers(first: 0) { totalCount } }`, {});
  const existing = { residents: counts.residents.totalCount as number, employers: counts.employers.totalCount as number };
  if (existing.residents >= DEMO_SIZE.residents && existing.employers >= DEMO_SIZE.employers) {
    console.log(`demo data already present (${existing.residents} residents, ${existing.employers} employers): nothing to seed`);
    return;
  }
  if (existing.residents || existing.employers) {
    console.log(`the database holds other data (${existing.residents} residents, ${existing.employers} employers): not seeding the demo over it`);
    return;
  }

  const started = performance.now();
  const regions = await send(`{ regions(parentCode: "2114", level: COMMUNITY) { code name } }`, {});
  const communities = (regions.regions as { code: string; name: string }[]).map((r) => ({ ...r, districtCode: r.code.slice(0, 6) }));
  const demo: DemoData = generateDemoData({ seed: DEMO_SEED, communities, today, ...DEMO_SIZE });

  const householdIds = await inBatches(send, 'households', demo.households, 100,
    { name: 'registerHousehold', inputType: 'RegisterHouseholdInput', selection: 'id' },
    (h) => ({ communityCode: h.communityCode, address: h.address }));
  const people = demo.households.flatMap((h, i) => h.members.map((m) => ({ ...m, householdId: householdIds[i]! })));
  await inBatches(send, 'residents', people, 100, { name: 'registerResident', inputType: 'RegisterResidentInput', selection: 'id' }, (p) => ({
    ...p,
    declaredGroups: p.declaredGroups.map((group) => ({ group, evidence: EVIDENCE[group] })),
  }));

  const employerIds = new Map<string, string>();
  const employerIdList = await inBatches(send, 'employers', demo.employers, 50,
    { name: 'registerEmployer', inputType: 'RegisterEmployerInput', selection: 'id' },
    ({ key: _key, ...e }) => e);
  demo.employers.forEach((e, i) => employerIds.set(e.key, employerIdList[i]!));

  const vacancyIds = new Map<string, string>();
  const vacancyIdList = await inBatches(send, 'vacancies', demo.vacancies, 100,
    { name: 'postVacancy', inputType: 'PostVacancyInput', selection: 'id' },
    ({ key: _key, employerKey, ...v }) => ({ ...v, employerId: employerIds.get(employerKey) }));
  demo.vacancies.forEach((v, i) => vacancyIds.set(v.key, vacancyIdList[i]!));

  const centreIds = new Map<string, string>();
  const centreIdList = await inBatches(send, 'centres', demo.centres, 50,
    { name: 'registerTrainingCentre', inputType: 'RegisterTrainingCentreInput', selection: 'id' },
    ({ key: _key, ...c }) => ({ ...c, accreditedUntil: '2028-12-31' }));
  demo.centres.forEach((c, i) => centreIds.set(c.key, centreIdList[i]!));

  await inBatches(send, 'courses', demo.courses, 50,
    { name: 'publishCourse', inputType: 'PublishCourseInput', selection: 'id' },
    ({ key: _key, centreKey, employerKey, vacancyKey, ...c }) => ({
      ...c,
      centreId: centreIds.get(centreKey),
      ...(c.mode === 'ORDER_BASED' ? { employerId: employerIds.get(employerKey!), vacancyId: vacancyIds.get(vacancyKey!) } : { committedHires: undefined }),
      ...(c.mode === 'TARGETED' ? {} : { targetOccupation: undefined }),
    }));

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `seeded ${people.length} residents in ${demo.households.length} households, ${demo.employers.length} employers, ` +
      `${demo.vacancies.length} vacancies, ${demo.centres.length} training centres and ${demo.courses.length} courses in ${seconds} s`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const token = await issueToken({ role: 'ADMIN', sub: 'demo-seed' }, {
    secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    issuer: process.env.JWT_ISSUER ?? 'full-employment-hub',
    audience: process.env.JWT_AUDIENCE ?? 'hub',
  });
  await seedDemo(url, token);
}
