import { describe, expect, it } from 'vitest';
import { birthDateForAge, fakeCreditCode, fakeIdentityNumber, type GraphQLResult } from '@hub/common/testing';
import { adminToken, codesOf, gql, ok } from '../support/hub';
import { COMMUNITY, employer, household, trainingCentre } from '../support/fixtures';

/**
 * Bad input, as an attacker or a slip of the hand sends it: every attempt is refused with a stable
 * code, the message quotes nothing long back, no SQL or stack leaks, and nothing is written.
 */

const MB = 'a'.repeat(1_000_000);
const unique = (label: string) => `${label}${process.pid}${Date.now()}${Math.random().toString(36).slice(2, 8)}`;

const REGISTER_EMPLOYER = `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`;
const EMPLOYERS = `query ($search: String) { employers(search: $search) { totalCount } }`;
const POST_VACANCY = `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`;
const VACANCIES = `query ($employerId: ID) { vacancies(employerId: $employerId) { totalCount } }`;
const REGISTER_RESIDENT = `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const REGISTER_HOUSEHOLD = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
const MEMBERS = `query ($id: ID!) { household(id: $id) { members { id } } }`;
const IMPORT = `mutation ($input: HouseholdSurveyInput!) { importHouseholdSurvey(input: $input) { created updated } }`;
const PUBLISH_COURSE = `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`;
const COURSES = `query ($centreId: ID) { courses(centreId: $centreId) { id } }`;

/** A refusal as a user must see it: one error, the code, a short message that leaks nothing. */
function expectRefused(result: GraphQLResult, code: string, field?: string) {
  expect(codesOf(result)).toEqual([code]);
  const [error] = result.errors!;
  expect(error!.message.length).toBeLessThan(300);
  expect(JSON.stringify(result.errors)).not.toMatch(/aaaaaaaaaaaaaaaaaaaaaaaaa|stack|insert into|select .* from|at \w+ \(/i);
  if (field) expect(error!.extensions).toMatchObject({ field });
}

function employerInput(overrides: Record<string, unknown> = {}) {
  return { creditCode: fakeCreditCode('211402'), name: unique('葫芦岛市测试保洁有限公司'), industry: '居民服务', districtCode: '211402', contactName: '李经理', contactPhone: '13904290000', ...overrides };
}

function residentInput(householdId: string, overrides: Record<string, unknown> = {}) {
  const birthDate = birthDateForAge(40);
  return { householdId, name: '刘桂芝', identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'), gender: 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED', ...overrides };
}

const employersNamed = async (name: string, token: string) => (await ok(EMPLOYERS, { search: name }, token)).employers.totalCount;
const vacanciesOf = async (employerId: string, token: string) => (await ok(VACANCIES, { employerId }, token)).vacancies.totalCount;
const membersOf = async (householdId: string, token: string) => (await ok(MEMBERS, { id: householdId }, token)).household.members;

describe('ids that are no ids are refused before any SQL', () => {
  it.each([
    ['household(id: "abc")', `query { household(id: "abc") { id } }`, 'id'],
    ['resident(id) with SQL in it', `query { resident(id: "1' or '1'='1") { id } }`, 'id'],
    ['vacancy(id) of a megabyte', `query ($id: ID!) { vacancy(id: $id) { id } }`, 'id'],
    ['closeVacancy(id: "42")', `mutation { closeVacancy(id: "42") { id } }`, 'id'],
    ['enrolResident with a number for a course', `mutation { enrolResident(residentId: "0f8e4a2c-5b1d-4c3e-9a7f-6d2b8c1e0a94", courseId: "7") { id } }`, 'courseId'],
  ])('%s is BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async (_what, query, field) => {
    expectRefused(await gql(query, { id: MB }, await adminToken()), 'BAD_USER_INPUT', field);
  });

  it('registerResident into household "abc" is BAD_USER_INPUT and registers nobody', async () => {
    const token = await adminToken();
    const input = residentInput('abc');
    expectRefused(await gql(REGISTER_RESIDENT, { input }, token), 'BAD_USER_INPUT', 'householdId');
    // The same person goes in once the household is real: the refusal wrote nothing.
    const householdId = await household();
    await ok(REGISTER_RESIDENT, { input: { ...input, householdId } }, token);
    expect(await membersOf(householdId, token)).toHaveLength(1);
  });
});

describe('control characters and direction overrides are refused in any text', () => {
  it.each([
    ['a NUL byte in an employer name', (tag: string) => ({ name: `葫芦岛市\u0000${tag}` })],
    ['an escape sequence in a contact name', () => ({ contactName: '李\u001b[2J' })],
    ['a right-to-left override in an employer name', (tag: string) => ({ name: `葫芦岛市\u202E${tag}` })],
    ['a direction isolate in an industry', () => ({ industry: '居民\u2067服务' })],
  ])('%s is BAD_USER_INPUT and registers nothing', async (_what, change) => {
    const token = await adminToken();
    const tag = unique('渤海');
    const input = employerInput({ name: `葫芦岛市${tag}`, ...change(tag) });
    const field = Object.keys(change(tag))[0]!;
    expectRefused(await gql(REGISTER_EMPLOYER, { input }, token), 'BAD_USER_INPUT', field);
    // The tag is in the name whatever character came before it.
    expect(await employersNamed(tag, token)).toBe(0);
  });

  it('a NUL byte in a vacancy title is BAD_USER_INPUT and posts nothing', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const result = await gql(POST_VACANCY, { input: { employerId, title: '保洁员\u0000', occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2600, locationCode: COMMUNITY.lianshan } }, token);
    expectRefused(result, 'BAD_USER_INPUT', 'title');
    expect(await vacanciesOf(employerId, token)).toBe(0);
  });

  it('still takes Chinese text with line breaks, tabs and characters beyond the basic plane', async () => {
    const token = await adminToken();
    const input = employerInput({ name: unique('𠮷野家\t葫芦岛店') });
    await ok(REGISTER_EMPLOYER, { input }, token);
    expect(await employersNamed('𠮷野家', token)).toBeGreaterThanOrEqual(1);
  });
});

describe('a megabyte of text is refused in every field the attack filled, and not echoed', () => {
  const employerFields = ['name', 'industry', 'contactName', 'contactPhone'];
  it.each(employerFields)('registerEmployer.%s', async (field) => {
    const token = await adminToken();
    const input = employerInput({ [field]: MB });
    expectRefused(await gql(REGISTER_EMPLOYER, { input }, token), 'BAD_USER_INPUT', field);
    if (field !== 'name') expect(await employersNamed(input.name, token)).toBe(0);
  });

  it.each(['title', 'description', 'genderReason', 'occupation'])('postVacancy.%s', async (field) => {
    const token = await adminToken();
    const employerId = await employer();
    const input = { employerId, title: '保洁员', occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2600, locationCode: COMMUNITY.lianshan, [field]: MB };
    expectRefused(await gql(POST_VACANCY, { input }, token), 'BAD_USER_INPUT', field);
    expect(await vacanciesOf(employerId, token)).toBe(0);
  });

  it.each(['name', 'phone', 'migrationDestination'])('registerResident.%s', async (field) => {
    const token = await adminToken();
    const householdId = await household();
    expectRefused(await gql(REGISTER_RESIDENT, { input: residentInput(householdId, { [field]: MB }) }, token), 'BAD_USER_INPUT', field);
    expect(await membersOf(householdId, token)).toEqual([]);
  });

  it('registerHousehold.address', async () => {
    expectRefused(await gql(REGISTER_HOUSEHOLD, { input: { communityCode: COMMUNITY.lianshan, address: MB } }, await adminToken()), 'BAD_USER_INPUT', 'address');
  });

  it('searchVacancies(query)', async () => {
    expectRefused(await gql(`query ($q: String!) { searchVacancies(query: $q) { total } }`, { q: MB }, await adminToken()), 'BAD_USER_INPUT', 'query');
  });
});

describe('lists are bounded', () => {
  it('20,000 keywords in a job intention are BAD_USER_INPUT and register nobody', async () => {
    const token = await adminToken();
    const householdId = await household();
    const input = residentInput(householdId, { jobIntention: { occupations: ['保洁员'], keywords: Array.from({ length: 20_000 }, (_, i) => `词${i}`) } });
    expectRefused(await gql(REGISTER_RESIDENT, { input }, token), 'BAD_USER_INPUT', 'jobIntention.keywords');
    expect(await membersOf(householdId, token)).toEqual([]);
  });

  it('20,000 required skills on a vacancy are BAD_USER_INPUT and post nothing', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const input = { employerId, title: '保洁员', occupation: '保洁员', mustHaveSkills: Array.from({ length: 20_000 }, (_, i) => `技能${i}`), headcount: 1, wageMin: 2000, wageMax: 2600, locationCode: COMMUNITY.lianshan };
    expectRefused(await gql(POST_VACANCY, { input }, token), 'BAD_USER_INPUT', 'mustHaveSkills');
    expect(await vacanciesOf(employerId, token)).toBe(0);
  });

  it('10,000 members in one survey household are BAD_USER_INPUT and import nobody', async () => {
    const token = await adminToken();
    const birthDate = birthDateForAge(45);
    const members = Array.from({ length: 10_000 }, (_, i) => ({
      name: `王${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10]}`, identityNumber: fakeIdentityNumber(birthDate, i % 2 ? 'MALE' : 'FEMALE'), gender: i % 2 ? 'MALE' : 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED',
    }));
    const input = { communityCode: COMMUNITY.lianshan, address: unique('连山区 测试街 '), members };
    expectRefused(await gql(IMPORT, { input }, token), 'BAD_USER_INPUT', 'members');
    // The first of them imports as new: the refusal wrote none of them.
    expect((await ok(IMPORT, { input: { ...input, members: members.slice(0, 1) } }, token)).importHouseholdSurvey).toEqual({ created: 1, updated: 0 });
  });
});

describe('numbers and dates have ranges that fit their meaning', () => {
  it('a course fee of 2^31-1 yuan is BAD_USER_INPUT and publishes nothing', async () => {
    const token = await adminToken();
    const centreId = await trainingCentre();
    const input = { centreId, title: '家政服务员培训班', mode: 'GENERAL', skills: ['保洁'], startDate: '2026-12-01', endDate: '2026-12-20', capacity: 30, locationCode: COMMUNITY.lianshan, trade: '家政服务员', fee: 2 ** 31 - 1 };
    expectRefused(await gql(PUBLISH_COURSE, { input }, token), 'BAD_USER_INPUT', 'fee');
    expect((await ok(COURSES, { centreId }, token)).courses).toEqual([]);
  });

  it('a monthly wage of 2^31-1 yuan is BAD_USER_INPUT and posts nothing', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const input = { employerId, title: '保洁员', occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2 ** 31 - 1, locationCode: COMMUNITY.lianshan };
    expectRefused(await gql(POST_VACANCY, { input }, token), 'BAD_USER_INPUT', 'wageMax');
    expect(await vacanciesOf(employerId, token)).toBe(0);
  });

  it.each([
    ['valid from 1800-01-01', { validFrom: '1800-01-01' }],
    ['valid from 0001-01-01', { validFrom: '0001-01-01' }],
    ['valid until 9999-12-31', { validUntil: '9999-12-31' }],
  ])('a vacancy %s is BAD_USER_INPUT and posts nothing', async (_what, change) => {
    const token = await adminToken();
    const employerId = await employer();
    const input = { employerId, title: '保洁员', occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2600, locationCode: COMMUNITY.lianshan, ...change };
    const result = await gql(POST_VACANCY, { input }, token);
    expectRefused(result, 'BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/check the year/);
    expect(await vacanciesOf(employerId, token)).toBe(0);
  });
});

describe('identity numbers name a region that exists', () => {
  it('a number starting 999999 (check digit right) is INVALID_IDENTITY_NUMBER and registers nobody', async () => {
    const token = await adminToken();
    const householdId = await household();
    const birthDate = birthDateForAge(40);
    const input = residentInput(householdId, { identityNumber: fakeIdentityNumber(birthDate, 'FEMALE', '999999') });
    const result = await gql(REGISTER_RESIDENT, { input }, token);
    expectRefused(result, 'INVALID_IDENTITY_NUMBER', 'identityNumber');
    expect(result.errors![0]!.message).toMatch(/not a region of China/);
    expect(await membersOf(householdId, token)).toEqual([]);
  });

  it('a number from a county code no longer current (Chongwen, Beijing, merged in 2010) is still taken', async () => {
    const token = await adminToken();
    const householdId = await household();
    const birthDate = birthDateForAge(60);
    await ok(REGISTER_RESIDENT, { input: residentInput(householdId, { birthDate, identityNumber: fakeIdentityNumber(birthDate, 'FEMALE', '110103') }) }, token);
    expect(await membersOf(householdId, token)).toHaveLength(1);
  });
});
