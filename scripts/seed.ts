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

const DESTINATIONS = ['大连市甘井子区', '沈阳市铁西区', '北京市朝阳区', '天津市滨海新区', '锦州市太和区', '秦皇岛市海港区'];

/** A stable choice from a list, keyed by a person's identity number. */
const pick = <T>(list: T[], key: string) => list[Number(key.slice(-5, -1)) % list.length]!;

const EDUCATION = ['NONE', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'COLLEGE', 'BACHELOR', 'MASTER'] as const;

/** 文化程度 as the survey found it: younger people went to school for longer. */
function educationOf(p: { birthDate: string; identityNumber: string }): (typeof EDUCATION)[number] {
  const year = Number(p.birthDate.slice(0, 4));
  const roll = Number(p.identityNumber.slice(-6, -3)) % 100;
  const ladder: [number, (typeof EDUCATION)[number]][] =
    year < 1970
      ? [[10, 'PRIMARY'], [70, 'JUNIOR_SECONDARY'], [95, 'SENIOR_SECONDARY'], [100, 'VOCATIONAL']]
      : year < 1990
        ? [[5, 'PRIMARY'], [45, 'JUNIOR_SECONDARY'], [70, 'SENIOR_SECONDARY'], [85, 'VOCATIONAL'], [95, 'COLLEGE'], [100, 'BACHELOR']]
        : [[20, 'JUNIOR_SECONDARY'], [40, 'SENIOR_SECONDARY'], [60, 'VOCATIONAL'], [80, 'COLLEGE'], [97, 'BACHELOR'], [100, 'MASTER']];
  return ladder.find(([upTo]) => roll < upTo)![1];
}

/** Whether a person meets a vacancy's stated requirements, as the referral will check. */
function fits(
  p: { gender: string; birthDate: string; identityNumber: string },
  v: { genderRequirement: string | null; ageMin: number | null; ageMax: number | null; minEducation: string | null; publicWelfare: boolean },
  today: string,
) {
  const age = Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) - (today.slice(5) < p.birthDate.slice(5) ? 1 : 0);
  return (
    !v.publicWelfare &&
    (!v.genderRequirement || v.genderRequirement === p.gender) &&
    (v.ageMin === null || age >= v.ageMin) &&
    (v.ageMax === null || age <= v.ageMax) &&
    (!v.minEducation || EDUCATION.indexOf(educationOf(p)) >= EDUCATION.indexOf(v.minEducation as (typeof EDUCATION)[number]))
  );
}

/** Monthly income as a survey would find it: a wage for those in work, little or nothing otherwise. */
function incomeOf(p: { employmentStatus: string; identityNumber: string }): number | null {
  const spread = Number(p.identityNumber.slice(-4, -1));
  switch (p.employmentStatus) {
    case 'EMPLOYED':
    case 'MIGRATED':
      return 3000 + spread * 3;
    case 'FLEXIBLE':
    case 'SELF_EMPLOYED':
      return 1800 + spread * 3;
    case 'PUBLIC_WELFARE':
      return 1900;
    case 'UNEMPLOYED':
      return spread % 3 === 0 ? 0 : 300 + spread;
    default:
      return null;
  }
}

/**
 * The register's life after the first visit, so statistics, cases and clocks have something to
 * show: unemployed people registered (with certificates), referrals made, services delivered,
 * agreements signed and visits paid, and a few people who moved away or died.
 */
async function seedRegisterLife(
  send: Send,
  people: { id: string; employmentStatus: string; statusSince: string; identityNumber: string; gender: string; birthDate: string }[],
  vacancies: { id: string; publicWelfare: boolean; genderRequirement: string | null; ageMin: number | null; ageMax: number | null; minEducation: string | null }[],
  today: string,
) {
  const unemployed = people.filter((p) => p.employmentStatus === 'UNEMPLOYED');
  await inBatches(send, 'registrations', unemployed, 100, keyed({ name: 'registerUnemployment', args: { residentId: 'ID!', registeredOn: 'Date' }, selection: 'id' }), (p) => ({
    residentId: p.id,
    registeredOn: p.statusSince,
  }));
  const referred = unemployed
    .filter((_, i) => i % 2 === 0)
    .map((p) => ({ ...p, vacancy: vacancies.filter((v) => fits(p, v, today)) }))
    .filter((p) => p.vacancy.length > 0);
  // One at a time, like courses: a referral waits for the employers service to hear of the person.
  await inBatches(send, 'referrals', referred, 1, keyed({ name: 'referResident', args: { residentId: 'ID!', vacancyId: 'ID!' }, selection: 'id' }), (p) => ({
    residentId: p.id,
    vacancyId: pick(p.vacancy, p.identityNumber).id,
  }));
  const served = unemployed.filter((_, i) => i % 3 === 0);
  await inBatches(send, 'services', served, 100, keyed({ name: 'recordServiceDelivery', args: { residentId: 'ID!', kind: 'ServiceKind!', note: 'String' }, selection: 'id' }), (p) => ({
    residentId: p.id,
    kind: pick(['GUIDANCE', 'POLICY', 'TRAINING_OFFER'], p.identityNumber),
    note: '社区劳动保障服务站',
  }));
  const retired = people.filter((p) => p.employmentStatus === 'RETIRED');
  const exits = retired.filter((_, i) => i % 25 === 0).map((p, i) => ({ ...p, reason: i % 3 === 0 ? 'DECEASED' : 'MOVED_AWAY' }));
  await inBatches(send, 'exits', exits, 50, { name: 'recordExit', args: { residentId: 'ID!', reason: 'ExitReason!' }, selection: 'id' }, (p) => ({
    residentId: p.id,
    reason: p.reason,
  }));
  const cases = ((await send(`{ region(code: "2114") { openCases { id openedOn } } }`, {})).region.openCases as { id: string; openedOn: string }[]).filter(
    (_, i) => i % 2 === 0,
  );
  await inBatches(send, 'agreements', cases, 100, { name: 'signAssistanceAgreement', args: { caseId: 'ID!', signedOn: 'Date' }, selection: 'id' }, (c) => ({
    caseId: c.id,
    signedOn: c.openedOn,
  }));
  await inBatches(send, 'case visits', cases, 100, keyed({ name: 'recordCaseVisit', args: { caseId: 'ID!', note: 'String!' }, selection: 'id' }), (c) => ({
    caseId: c.id,
    note: '入户回访，了解求职进展',
  }));
  return { registrations: unemployed.length, referrals: referred.length, services: served.length, exits: exits.length, visits: cases.length };
}

/** What a coordinator would have seen for a declared group. */
const EVIDENCE = { DISABLED: '残疾人证（入户核验）', POOR_FAMILY_GRADUATE: '困难家庭认定材料与毕业证书' } as const;

type Send = (query: string, variables: Record<string, unknown>) => Promise<Record<string, any>>;

/** The register tells other services about people by events; a referral may have to wait for one. */
class NotYetKnown extends Error {
  constructor(
    readonly aliases: Set<string>,
    readonly data: Record<string, any>,
  ) {
    super('waiting for the register to tell the employers service');
  }
}

/** One mutation field: its name, its arguments' GraphQL types, and what to select. */
interface Call {
  name: string;
  args: Record<string, string>;
  selection: string;
}

/** Create mutations take an idempotency key, so a batch whose answer was lost can be sent again. */
const keyed = (call: Call): Call => ({ ...call, args: { ...call.args, idempotencyKey: 'String' } });
const withInput = (name: string, inputType: string, selection = 'id'): Call => keyed({ name, args: { input: `${inputType}!` }, selection });

/** The hub did not answer in time or lost the answer: what the batch wrote is not known. */
class OutcomeUnknown extends Error {}

/** Runs `items` through one aliased mutation per item, `size` items to a request; returns what each selected. */
async function inBatches<T>(send: Send, label: string, items: T[], size: number, call: Call, toArgs: (item: T) => Record<string, unknown>): Promise<any[]> {
  const results: any[] = [];
  const bar = progress(label, items.length);
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    const variables: Record<string, unknown> = {};
    const fields = batch.map((item, i) => {
      // The same key for the same item every time the demo is seeded: a resent batch creates nothing twice.
      const values: Record<string, unknown> = { ...toArgs(item), idempotencyKey: `demo-${label.replace(/\s+/g, '-')}-${start + i}` };
      const params: string[] = [];
      const args = Object.entries(call.args).map(([arg, type]) => {
        params.push(`$${arg}${i}: ${type}`);
        variables[`${arg}${i}`] = values[arg];
        return `${arg}: $${arg}${i}`;
      });
      return { alias: `m${i}`, field: `m${i}: ${call.name}(${args.join(', ')}) { ${call.selection} }`, params };
    });
    const data = await sendRetrying(send, fields, variables, 'idempotencyKey' in call.args);
    batch.forEach((_, i) => {
      // An answer missing here is a write that failed or whose answer was lost: fail loudly, never count it.
      if (data[`m${i}`] == null) throw new Error(`seeding ${label} failed: no answer for item ${start + i + 1} of ${items.length}`);
      results.push(data[`m${i}`]);
    });
    bar.advance(batch.length);
  }
  bar.finish();
  return results;
}

/**
 * Sends a batch; fields refused only because an event has not arrived yet are sent again, alone,
 * after a pause (mutations run in order, so the others were written and are not repeated). A batch
 * of keyed creates whose outcome is unknown (a deadline passed, an answer was lost) is sent again
 * whole with the same keys: what was written comes back as it is, the rest is written now.
 */
async function sendRetrying(
  send: Send,
  items: { alias: string; field: string; params: string[] }[],
  variables: Record<string, unknown>,
  retriable: boolean,
): Promise<Record<string, any>> {
  const data: Record<string, any> = {};
  let pending = items;
  let unknownOutcomes = 0;
  for (let attempt = 0; pending.length; attempt++) {
    try {
      Object.assign(data, await send(`mutation (${pending.flatMap((p) => p.params).join(', ')}) { ${pending.map((p) => p.field).join(' ')} }`, variables));
      pending = [];
    } catch (error) {
      if (error instanceof OutcomeUnknown && retriable && unknownOutcomes < 5) {
        unknownOutcomes++;
        await new Promise((resolve) => setTimeout(resolve, 1000 * unknownOutcomes));
        continue;
      }
      if (!(error instanceof NotYetKnown) || attempt > 150) throw error;
      // A refused field nulls the whole answer of a mutation batch (its fields are non-null); what
      // the others wrote is then unknown, so a batch is retried only when every other answer came back.
      const answered = pending.filter((p) => !error.aliases.has(p.alias)).every((p) => error.data[p.alias] != null);
      if (!answered) throw new Error(`seeding failed: ${error.aliases.size} of ${pending.length} writes were refused while the others' answers were lost; send such writes one at a time`);
      for (const [alias, value] of Object.entries(error.data)) if (value !== null) data[alias] = value;
      pending = pending.filter((p) => error.aliases.has(p.alias));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return data;
}

export async function seedDemo(gatewayUrl: string, token: string, today = new Date().toISOString().slice(0, 10)) {
  const send: Send = async (query, variables) => {
    const result = await graphql(gatewayUrl, query, variables, { token });
    const errors = result.errors ?? [];
    const waiting = errors.filter((e) => e.extensions?.code === 'NOT_FOUND' && /not yet told/.test(e.message));
    if (waiting.length && waiting.length === errors.length) throw new NotYetKnown(new Set(waiting.map((e) => String(e.path?.[0]))), result.data ?? {});
    const unknown = errors.filter((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' || e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (unknown.length && unknown.length === errors.length) throw new OutcomeUnknown(`seeding paused: ${unknown[0]!.message}`);
    if (errors.length || !result.data) throw new Error(`seeding failed: ${JSON.stringify(errors.slice(0, 3))}`);
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

  const householdIds = (
    await inBatches(send, 'households', demo.households, 100, withInput('registerHousehold', 'RegisterHouseholdInput'), (h) => ({
      input: { communityCode: h.communityCode, address: h.address },
    }))
  ).map((r) => r.id as string);
  const people = demo.households.flatMap((h, i) => h.members.map((m) => ({ ...m, householdId: householdIds[i]! })));
  const residentIds = (
    await inBatches(send, 'residents', people, 100, withInput('registerResident', 'RegisterResidentInput'), (p) => ({
      input: {
        ...p,
        declaredGroups: p.declaredGroups.map((group) => ({ group, evidence: EVIDENCE[group] })),
        monthlyIncome: incomeOf(p),
        education: educationOf(p),
        migrationDestination: p.employmentStatus === 'MIGRATED' ? pick(DESTINATIONS, p.identityNumber) : null,
      },
    }))
  ).map((r) => r.id as string);

  const employerIds = new Map<string, string>();
  const employerIdList = (
    await inBatches(send, 'employers', demo.employers, 20, withInput('registerEmployer', 'RegisterEmployerInput'), ({ key: _key, ...e }) => ({ input: e }))
  ).map((r) => r.id as string);
  demo.employers.forEach((e, i) => employerIds.set(e.key, employerIdList[i]!));

  const vacancyIds = new Map<string, string>();
  const vacancyIdList = (
    await inBatches(send, 'vacancies', demo.vacancies, 100, withInput('postVacancy', 'PostVacancyInput'), ({ key: _key, employerKey, skills, ...v }) => ({
      input: { ...v, mustHaveSkills: skills.slice(0, 2), niceToHaveSkills: skills.slice(2), employerId: employerIds.get(employerKey) },
    }))
  ).map((r) => r.id as string);
  demo.vacancies.forEach((v, i) => vacancyIds.set(v.key, vacancyIdList[i]!));

  const centreIds = new Map<string, string>();
  const centreIdList = (
    await inBatches(send, 'centres', demo.centres, 50, withInput('registerTrainingCentre', 'RegisterTrainingCentreInput'), ({ key: _key, ...c }) => ({
      input: { ...c, accreditedUntil: '2028-12-31' },
    }))
  ).map((r) => r.id as string);
  demo.centres.forEach((c, i) => centreIds.set(c.key, centreIdList[i]!));

  // One at a time: an order-based course is refused until training has heard of its vacancy, and
  // a refusal inside a batch would take the other courses' answers with it.
  await inBatches(send, 'courses', demo.courses, 1, withInput('publishCourse', 'PublishCourseInput'), ({ key: _key, centreKey, employerKey, vacancyKey, ...c }) => ({
    input: {
      ...c,
      centreId: centreIds.get(centreKey),
      ...(c.mode === 'ORDER_BASED' ? { employerId: employerIds.get(employerKey!), vacancyId: vacancyIds.get(vacancyKey!) } : { committedHires: undefined }),
      ...(c.mode === 'TARGETED' ? {} : { targetOccupation: undefined }),
    },
  }));

  const life = await seedRegisterLife(send, people.map((p, i) => ({ ...p, id: residentIds[i]! })), demo.vacancies.map((v, i) => ({ ...v, id: vacancyIdList[i]! })), today);

  // What the hub now holds, counted through its API, not what was sent.
  const held = await send(
    `{ residents(regionCode: "2114", first: 0) { totalCount } employers(first: 0) { totalCount } vacancies(openOnly: false, first: 0) { totalCount } trainingCentres { id } courses { id } }`,
    {},
  );
  const actual = {
    residents: held.residents.totalCount as number,
    employers: held.employers.totalCount as number,
    vacancies: held.vacancies.totalCount as number,
    centres: (held.trainingCentres as unknown[]).length,
    courses: (held.courses as unknown[]).length,
  };
  const expected = { residents: people.length, employers: demo.employers.length, vacancies: demo.vacancies.length, centres: demo.centres.length, courses: demo.courses.length };
  const short = Object.entries(expected).filter(([what, n]) => actual[what as keyof typeof actual] < n);
  if (short.length) throw new Error(`seeding incomplete: ${short.map(([what, n]) => `${actual[what as keyof typeof actual]} of ${n} ${what}`).join(', ')}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `seeded ${actual.residents} residents in ${demo.households.length} households, ${actual.employers} employers, ` +
      `${actual.vacancies} vacancies, ${actual.centres} training centres and ${actual.courses} courses; ` +
      `${life.registrations} unemployment registrations, ${life.referrals} referrals, ${life.services} services, ${life.exits} exits, ` +
      `${life.visits} case visits, in ${seconds} s`,
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
