import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDateForAge, fakeCreditCode, fakeIdentityNumber, graphql } from '@hub/common/testing';
import type { RunningGateway } from '@hub/gateway';
import { adminToken, codesOf, gql, ok, subgraphUrl, tokenFor } from '../support/hub';
import { COMMUNITY, employer, household, resident, trainingCentre, untilKnown, vacancy } from '../support/fixtures';
import { gatewayWith } from '../support/proxy';
import { APPROVE, coordinator, fortyFiftyWoman, personAssessment, submission, SUBMIT } from '../subsidies/helpers';

/**
 * Finding #5 of issue 10: when the gateway lost a subgraph's answer after the write committed,
 * the client was told to try again, and trying again created a second vacancy, household or
 * service delivery. Every create mutation now takes an idempotency key.
 */

const key = (label: string) => `${label}-${randomUUID()}`;

const POST_VACANCY = `mutation ($input: PostVacancyInput!, $k: String) { postVacancy(input: $input, idempotencyKey: $k) { id title } }`;
const EMPLOYER_VACANCIES = `query ($id: ID!) { employer(id: $id) { vacancies { id } } }`;
const DELIVER = `mutation ($r: ID!, $k: String) { recordServiceDelivery(residentId: $r, kind: GUIDANCE, note: "职业指导一次", idempotencyKey: $k) { id } }`;
const DELIVERIES = `query ($id: ID!) { resident(id: $id) { serviceDeliveries { kind note } } }`;
const HOUSEHOLD = `mutation ($input: RegisterHouseholdInput!, $k: String) { registerHousehold(input: $input, idempotencyKey: $k) { id } }`;

const vacancyInput = (employerId: string, title = '保洁员') => ({
  employerId,
  title,
  occupation: '保洁员',
  mustHaveSkills: ['保洁'],
  headcount: 2,
  wageMin: 2600,
  wageMax: 3000,
  locationCode: COMMUNITY.lianshan,
});

/** A hop that passes the request on, lets the subgraph commit, and then drops the answer. */
async function answerLosingProxy(target: string) {
  let forwarded = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    await (await fetch(target, { method: req.method, headers, body: Buffer.concat(chunks) })).text();
    forwarded++;
    res.socket?.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    forwarded: () => forwarded,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('a write whose answer was lost', () => {
  let proxy: Awaited<ReturnType<typeof answerLosingProxy>>;
  let lossy: RunningGateway;
  beforeAll(async () => {
    proxy = await answerLosingProxy(subgraphUrl('employers'));
    lossy = await gatewayWith({ EMPLOYERS_URL: proxy.url });
  });
  afterAll(async () => {
    await lossy?.stop();
    await proxy?.close();
  });

  it('retried with the same key after the gateway lost the answer, creates one vacancy', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    const k = key('lost-answer');
    const lost = await graphql(lossy.url, POST_VACANCY, { input: vacancyInput(employerId), k }, { token: admin });
    expect(lost.data?.postVacancy ?? null).toBeNull();
    expect(lost.errors?.length).toBeGreaterThan(0);
    // The client is not told that nothing changed, since that is not known …
    expect(lost.errors!.map((e) => e.message).join(' ')).not.toMatch(/Nothing was changed/);
    expect(proxy.forwarded()).toBe(1);
    // … for the write did commit behind the lost answer …
    const [committed] = (await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies;
    expect(committed).toBeDefined();
    // … and the retry the client is told to make returns it instead of posting a second one.
    const retried = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
    expect(retried.postVacancy.id).toBe(committed.id);
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toHaveLength(1);
  });
});

describe('idempotency keys on create mutations', () => {
  it('a retry of postVacancy with the same key returns the first vacancy and posts nothing more', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    const k = key('post');
    const first = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
    const second = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
    expect(second.postVacancy).toEqual(first.postVacancy);
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toEqual([{ id: first.postVacancy.id }]);
  });

  it('a concurrent double submit of postVacancy with one key creates one vacancy', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    const k = key('double');
    const answers = await Promise.all([1, 2, 3, 4].map(() => ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin)));
    const ids = new Set(answers.map((a) => a.postVacancy.id));
    expect(ids.size).toBe(1);
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toEqual([{ id: [...ids][0] }]);
  });

  it('a concurrent double submit of recordServiceDelivery with one key records one delivery', async () => {
    const admin = await adminToken();
    const person = await resident();
    const k = key('delivery');
    const answers = await Promise.all([1, 2, 3].map(() => ok(DELIVER, { r: person.id, k }, admin)));
    expect(new Set(answers.map((a) => a.recordServiceDelivery.id)).size).toBe(1);
    const { serviceDeliveries } = (await ok(DELIVERIES, { id: person.id }, admin)).resident;
    expect(serviceDeliveries.filter((d: { note: string }) => d.note === '职业指导一次')).toHaveLength(1);
  });

  it('a concurrent double submit of registerHousehold with one key returns one household', async () => {
    const admin = await adminToken();
    const k = key('household');
    const input = { communityCode: COMMUNITY.lianshan, address: '连山区 幸福里 7号楼 1单元 101' };
    const answers = await Promise.all([1, 2, 3].map(() => ok(HOUSEHOLD, { input, k }, admin)));
    expect(new Set(answers.map((a) => a.registerHousehold.id)).size).toBe(1);
  });

  it('a key reused for a different vacancy is CONFLICT and posts nothing', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    const k = key('reuse');
    const first = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
    const other = await gql(POST_VACANCY, { input: vacancyInput(employerId, '厨师'), k }, admin);
    expect(codesOf(other)).toEqual(['CONFLICT']);
    expect(other.errors![0]!.extensions?.field).toBe('idempotencyKey');
    expect(other.data?.postVacancy ?? null).toBeNull();
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toEqual([{ id: first.postVacancy.id }]);
  });

  it('a key reused for a different delivery is CONFLICT and records nothing', async () => {
    const admin = await adminToken();
    const person = await resident();
    const k = key('reuse-delivery');
    await ok(DELIVER, { r: person.id, k }, admin);
    const other = await gql(`mutation ($r: ID!, $k: String) { recordServiceDelivery(residentId: $r, kind: TRAINING_OFFER, idempotencyKey: $k) { id } }`, { r: person.id, k }, admin);
    expect(codesOf(other)).toEqual(['CONFLICT']);
    expect((await ok(DELIVERIES, { id: person.id }, admin)).resident.serviceDeliveries.map((d: { kind: string }) => d.kind)).toEqual(['GUIDANCE']);
  });

  it('a key shorter than 8 or longer than 100 characters is BAD_USER_INPUT and posts nothing', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    for (const k of ['short', 'x'.repeat(101)]) {
      const result = await gql(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions?.field).toBe('idempotencyKey');
    }
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toEqual([]);
  });

  it('the same key from another signed-in person is theirs alone: it never returns someone else\'s vacancy', async () => {
    const employerId = await employer();
    const k = key('scoped');
    const mine = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, await tokenFor({ role: 'ADMIN', sub: 'admin-a' }));
    const theirs = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, await tokenFor({ role: 'ADMIN', sub: 'admin-b' }));
    expect(theirs.postVacancy.id).not.toBe(mine.postVacancy.id);
  });

  it('a refused attempt leaves its key free: after the cause is fixed, the same key creates', async () => {
    const admin = await adminToken();
    const employerId = await employer();
    const k = key('refused');
    const refused = await gql(POST_VACANCY, { input: { ...vacancyInput(employerId), wageMin: 4000, wageMax: 3000 }, k }, admin);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    const created = await ok(POST_VACANCY, { input: vacancyInput(employerId), k }, admin);
    expect((await ok(EMPLOYER_VACANCIES, { id: employerId }, admin)).employer.vacancies).toEqual([{ id: created.postVacancy.id }]);
  });
});

describe('every create mutation takes a key, and a retry returns what the first attempt created', () => {
  interface Case {
    /** Sends the mutation with the key and returns the created thing's id. */
    send: (k: string) => Promise<string>;
  }
  const cases: Record<string, () => Promise<Case>> = {};
  /** Runs a mutation (retrying only while another service has not yet heard of a new person) and picks the id. */
  const idOf = async (field: string, query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await untilKnown(() => gql(query, variables, token));
    if (result.errors?.length || !result.data) throw new Error(`${field}: ${JSON.stringify(result.errors)}`);
    const value = result.data[field];
    return String(value.id ?? value.householdId);
  };

  cases.registerEmployer = async () => {
    const admin = await adminToken();
    const input = { creditCode: fakeCreditCode('211402'), name: '葫芦岛市海滨物业管理有限公司', industry: '物业管理', districtCode: '211402' };
    return { send: (k) => idOf('registerEmployer', `mutation ($input: RegisterEmployerInput!, $k: String) { registerEmployer(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.createJobFair = async () => {
    const admin = await adminToken();
    const vacancyId = await vacancy(await employer());
    const input = { title: '春风行动招聘会', communityCode: COMMUNITY.lianshan, heldOn: '2026-03-01', vacancyIds: [vacancyId] };
    return { send: (k) => idOf('createJobFair', `mutation ($input: CreateJobFairInput!, $k: String) { createJobFair(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.referResident = async () => {
    const admin = await adminToken();
    const [person, vacancyId] = await Promise.all([resident(), employer().then((e) => vacancy(e))]);
    return { send: (k) => idOf('referResident', `mutation ($r: ID!, $v: ID!, $k: String) { referResident(residentId: $r, vacancyId: $v, idempotencyKey: $k) { id } }`, { r: person.id, v: vacancyId, k }, admin) };
  };
  cases.registerResident = async () => {
    const admin = await adminToken();
    const householdId = await household();
    const birthDate = birthDateForAge(40);
    const input = { householdId, name: '孙立军', identityNumber: fakeIdentityNumber(birthDate, 'MALE'), gender: 'MALE', birthDate, employmentStatus: 'UNEMPLOYED' };
    return { send: (k) => idOf('registerResident', `mutation ($input: RegisterResidentInput!, $k: String) { registerResident(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.registerUnemployment = async () => {
    const admin = await adminToken();
    const person = await resident();
    return { send: (k) => idOf('registerUnemployment', `mutation ($r: ID!, $k: String) { registerUnemployment(residentId: $r, idempotencyKey: $k) { id } }`, { r: person.id, k }, admin) };
  };
  cases.recordHouseholdSurvey = async () => {
    const admin = await adminToken();
    const person = await resident();
    const householdId = (await ok(`query ($id: ID!) { resident(id: $id) { household { id } } }`, { id: person.id }, admin)).resident.household.id;
    const input = { householdId, situation: '夫妻二人', members: [{ residentId: person.id, monthlyIncome: 1200 }] };
    return { send: (k) => idOf('recordHouseholdSurvey', `mutation ($input: RecordSurveyInput!, $k: String) { recordHouseholdSurvey(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.declareDifficultyGroup = async () => {
    const admin = await adminToken();
    const person = await resident();
    return {
      send: (k) =>
        idOf('declareDifficultyGroup', `mutation ($r: ID!, $k: String) { declareDifficultyGroup(residentId: $r, group: DISABLED, evidence: "残疾人证 21140299", idempotencyKey: $k) { id } }`, { r: person.id, k }, admin),
    };
  };
  cases.requestTraining = async () => {
    const admin = await adminToken();
    const person = await resident();
    return { send: (k) => idOf('requestTraining', `mutation ($r: ID!, $k: String) { requestTraining(residentId: $r, note: "想学电脑维修", idempotencyKey: $k) { id } }`, { r: person.id, k }, admin) };
  };
  cases.recordCaseVisit = async () => {
    const admin = await adminToken();
    // Alone in a household and out of work: a zero-employment household, so a case opens.
    const person = await resident({ age: 45 });
    const [found] = (await ok(`query ($id: ID!) { resident(id: $id) { assistanceCases { id } } }`, { id: person.id }, admin)).resident.assistanceCases;
    return { send: (k) => idOf('recordCaseVisit', `mutation ($c: ID!, $k: String) { recordCaseVisit(caseId: $c, note: "上门走访一次", idempotencyKey: $k) { id } }`, { c: found.id, k }, admin) };
  };
  cases.importHouseholdSurvey = async () => {
    const admin = await adminToken();
    const birthDate = birthDateForAge(50);
    const input = {
      communityCode: COMMUNITY.lianshan2,
      address: '连山区 锦绣园 9号楼 502',
      members: [{ name: '周桂芝', identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'), gender: 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED' }],
    };
    return { send: (k) => idOf('importHouseholdSurvey', `mutation ($input: HouseholdSurveyInput!, $k: String) { importHouseholdSurvey(input: $input, idempotencyKey: $k) { householdId } }`, { input, k }, admin) };
  };
  cases.registerTrainingCentre = async () => {
    const admin = await adminToken();
    const input = { name: `葫芦岛市家政培训学校 ${randomUUID()}`, districtCode: '211402', trades: ['家政服务员'] };
    return { send: (k) => idOf('registerTrainingCentre', `mutation ($input: RegisterTrainingCentreInput!, $k: String) { registerTrainingCentre(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  const generalCourse = (centreId: string) => ({
    centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2026-12-01', endDate: '2026-12-20', capacity: 20, locationCode: COMMUNITY.lianshan,
  });
  cases.publishCourse = async () => {
    const admin = await adminToken();
    const input = generalCourse(await trainingCentre());
    return { send: (k) => idOf('publishCourse', `mutation ($input: PublishCourseInput!, $k: String) { publishCourse(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.enrolResident = async () => {
    const admin = await adminToken();
    const [person, centreId] = await Promise.all([resident(), trainingCentre()]);
    const courseId = (await ok(`mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`, { input: generalCourse(centreId) }, admin)).publishCourse.id;
    return { send: (k) => idOf('enrolResident', `mutation ($r: ID!, $c: ID!, $k: String) { enrolResident(residentId: $r, courseId: $c, idempotencyKey: $k) { id } }`, { r: person.id, c: courseId, k }, admin) };
  };
  cases.publishSubsidyPolicy = async () => {
    const admin = await adminToken();
    const input = {
      code: `RETRY_${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      name: '就业见习补贴（测试）',
      kind: 'PERSON',
      legalBasis: '葫芦岛市就业见习管理办法（测试）',
      validFrom: '2020-01-01',
      rule: JSON.stringify({ all: [{ fact: 'regionCode', op: 'within', value: ['211402'], label: 'lives in 连山区' }] }),
      amount: JSON.stringify({ kind: 'FIXED', fen: 10_000 }),
    };
    return { send: (k) => idOf('publishSubsidyPolicy', `mutation ($input: PublishSubsidyPolicyInput!, $k: String) { publishSubsidyPolicy(input: $input, idempotencyKey: $k) { id } }`, { input, k }, admin) };
  };
  cases.recordPolicyDelivery = async () => {
    const admin = await adminToken();
    const person = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const assessment = await personAssessment(person.id, 'SOCIAL_INSURANCE_4050', admin);
    return {
      send: (k) =>
        idOf('recordPolicyDelivery', `mutation ($a: String!, $k: String) { recordPolicyDelivery(assessment: $a, channel: HOME_VISIT, idempotencyKey: $k) { id } }`, { a: assessment, k }, admin),
    };
  };
  /** An application for the 4050 subsidy, submitted by one official and approved by another. */
  const approvedApplication = async () => {
    const submitter = await coordinator('211402', key('clerk'));
    const officer = await coordinator('211402', key('officer'));
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter), key('application')), submitter)).submitSubsidyApplication.id;
    await ok(APPROVE, { id }, officer);
    return { id, officer };
  };
  cases.recordSubsidyPayout = async () => {
    const { id, officer } = await approvedApplication();
    return { send: (k) => idOf('recordSubsidyPayout', `mutation ($id: ID!, $k: String) { recordSubsidyPayout(applicationId: $id, reference: "YH-RETRY-1", idempotencyKey: $k) { id } }`, { id, k }, officer) };
  };
  cases.reverseSubsidyPayout = async () => {
    const { id, officer } = await approvedApplication();
    const paid = await ok(`mutation ($id: ID!) { recordSubsidyPayout(applicationId: $id, reference: "YH-RETRY-2") { payouts { id } } }`, { id }, officer);
    const payoutId = paid.recordSubsidyPayout.payouts[0].id;
    return {
      send: (k) =>
        idOf('reverseSubsidyPayout', `mutation ($p: ID!, $k: String) { reverseSubsidyPayout(payoutId: $p, reason: "账号错误", reference: "YH-REFUND-1", idempotencyKey: $k) { id } }`, { p: payoutId, k }, officer),
    };
  };

  it.each(Object.keys(cases))('%s', async (name) => {
    const { send } = await cases[name]!();
    const k = key(name);
    const first = await send(k);
    const retried = await send(k);
    expect(retried).toBe(first);
  });
});
