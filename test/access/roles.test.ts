import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, refer, resident, trainingCentre, vacancy } from '../support/fixtures';

const RESIDENT = `query ($id: ID!) { resident(id: $id) { name identityNumber phone birthDate personalDataVisible household { id } } }`;

describe('personal data follows the region tree', () => {
  it.each([
    ['the community itself', COMMUNITY.lianshan],
    ['its street', '211402001'],
    ['its district', '211402'],
    ['the city', '2114'],
  ])('is shown in full to a coordinator of %s', async (_what, regionCode) => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const token = await tokenFor({ role: 'COORDINATOR', sub: `c-${regionCode}`, regionCode });
    const data = await ok(RESIDENT, { id: person.id }, token);
    expect(data.resident).toMatchObject({ identityNumber: person.identityNumber, phone: '13800138000', personalDataVisible: true });
    expect(data.resident.household.id).toBe(person.householdId);
  });

  it.each([
    ['a neighbouring community', COMMUNITY.lianshan2],
    ['another district', '211481'],
  ])('is refused to a coordinator of %s, who asks by id', async (_what, regionCode) => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const token = await tokenFor({ role: 'COORDINATOR', sub: `c-${regionCode}`, regionCode });
    const result = await gql(RESIDENT, { id: person.id }, token);
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result.data)).not.toContain(person.identityNumber);
  });

  it('is refused to employers and training centres', async () => {
    const person = await resident();
    for (const token of [
      await tokenFor({ role: 'EMPLOYER', sub: 'e', employerId: '00000000-0000-4000-8000-000000000001' }),
      await tokenFor({ role: 'TRAINING_CENTRE', sub: 't', centreId: '00000000-0000-4000-8000-000000000002' }),
    ]) {
      const result = await gql(RESIDENT, { id: person.id }, token);
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result.data)).not.toContain(person.identityNumber);
    }
  });

  it('shows an employer only what hiring needs of the people referred to its vacancies', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan, phone: '13912345678', declaredGroups: ['DISABLED'] });
    const employerId = await employer();
    const vacancyId = await vacancy(employerId);
    expect((await refer(person.id, vacancyId)).errors).toBeUndefined();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    const query = `query ($v: ID!) { vacancy(id: $v) { referrals { resident { name age skills { name } identityNumber phone birthDate monthlyIncome household { id } history { kind } difficultyGroups declaredGroups { group } personalDataVisible } } } }`;
    // The grant travels by event from the referral to the register.
    await expect.poll(async () => (await gql(query, { v: vacancyId }, token)).data?.vacancy.referrals[0].resident.name, { timeout: 10_000 }).toBe(person.name);
    const result = await gql(query, { v: vacancyId }, token);
    // Nothing is masked any more: a field beyond what hiring needs is null with FORBIDDEN on its path.
    expect(result.data!.vacancy.referrals[0].resident).toEqual({
      name: person.name,
      age: 35,
      skills: [{ name: '保洁' }],
      identityNumber: null,
      phone: null,
      birthDate: null,
      monthlyIncome: null,
      household: null,
      history: null,
      difficultyGroups: null,
      declaredGroups: null,
      personalDataVisible: false,
    });
    const refused = (result.errors ?? []).map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(refused.sort()).toEqual(
      ['birthDate', 'declaredGroups', 'difficultyGroups', 'history', 'household', 'identityNumber', 'monthlyIncome', 'phone'].map((f) => [f, 'FORBIDDEN']),
    );
    expect(JSON.stringify(result)).not.toContain(person.identityNumber.slice(6, 14));
  });

  it('refuses a household of another community asked for by id', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const neighbour = await tokenFor({ role: 'COORDINATOR', sub: 'nb', regionCode: COMMUNITY.lianshan2 });
    const result = await gql(`query ($id: ID!) { household(id: $id) { address members { identityNumber } } }`, { id: person.householdId }, neighbour);
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(result.data?.household ?? null).toBeNull();
  });

  it('lets a coordinator register people only inside their region', async () => {
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'xc', regionCode: '211481' });
    const result = await gql(
      `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      { input: { communityCode: COMMUNITY.lianshan, address: '越界路 1 号' } },
      outsider,
    );
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    const lists = await gql(`{ residents(regionCode: "211402") { totalCount } }`, {}, outsider);
    expect(codesOf(lists)).toEqual(['FORBIDDEN']);
  });
});

describe('employers and training centres act only for themselves', () => {
  it('lets an employer post for itself but not for another employer', async () => {
    const own = await employer();
    const other = await employer();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'boss', employerId: own });
    await vacancy(own, {}, token);
    const result = await gql(
      `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`,
      { input: { employerId: other, title: '焊工', occupation: '焊工', headcount: 1, wageMin: 4000, wageMax: 6000, locationCode: COMMUNITY.lianshan } },
      token,
    );
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    const others = await ok(`query ($id: ID!) { employer(id: $id) { vacancies { id } contactPhone } }`, { id: other }, token);
    expect(others.employer).toEqual({ vacancies: [], contactPhone: null });
    const mine = await ok(`query ($id: ID!) { employer(id: $id) { contactPhone } }`, { id: own }, token);
    expect(mine.employer.contactPhone).toBe('13904290000');
  });

  it('does not let an employer register employers', async () => {
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'boss', employerId: await employer() });
    const result = await gql(
      `mutation { registerEmployer(input: { creditCode: "91211402MA0111111H", name: "冒名公司", industry: "x", districtCode: "211402" }) { id } }`,
      {},
      token,
    );
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
  });

  it('lets a training centre publish for itself but not for another centre', async () => {
    const own = await trainingCentre();
    const other = await trainingCentre();
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId: own });
    const input = (centreId: string) => ({
      centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2026-12-01', endDate: '2026-12-31', capacity: 20, locationCode: '211402',
    });
    await ok(`mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`, { input: input(own) }, token);
    const result = await gql(`mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`, { input: input(other) }, token);
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    const admin = await adminToken();
    const courses = await ok(`query ($id: ID!) { trainingCentre(id: $id) { courses { id } } }`, { id: other }, admin);
    expect(courses.trainingCentre.courses).toEqual([]);
  });
});
