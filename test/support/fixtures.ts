import { birthDateForAge, fakeCreditCode, fakeIdentityNumber } from '@hub/common/testing';
import type { GraphQLResult } from '@hub/common/testing';
import { adminToken, gql, ok } from './hub';

/** Communities of Huludao used across tests: two in 连山区, one in 兴城市. */
export const COMMUNITY = { lianshan: '211402001001', lianshan2: '211402001002', xingcheng: '211481001001' } as const;

export async function household(communityCode: string = COMMUNITY.lianshan, token?: string) {
  const data = await ok<{ registerHousehold: { id: string } }>(
    `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
    { input: { communityCode, address: '测试路 1 号' } },
    token ?? (await adminToken()),
  );
  return data.registerHousehold.id;
}

export interface PersonSpec {
  householdId?: string;
  communityCode?: string;
  age?: number;
  gender?: 'MALE' | 'FEMALE';
  employmentStatus?: string;
  statusSince?: string;
  declaredGroups?: string[];
  skills?: { name: string; certificateLevel?: number }[];
  phone?: string;
  employerId?: string;
  education?: string;
  jobIntention?: { occupations?: string[]; keywords?: string[]; districtCodes?: string[]; minMonthlyWage?: number | null; workTime?: string };
}

export async function resident(spec: PersonSpec = {}, token?: string) {
  const auth = token ?? (await adminToken());
  const gender = spec.gender ?? 'FEMALE';
  const birthDate = birthDateForAge(spec.age ?? 35);
  const householdId = spec.householdId ?? (await household(spec.communityCode, auth));
  const input = {
    householdId,
    name: gender === 'MALE' ? '张建国' : '王秀兰',
    identityNumber: '',
    gender,
    birthDate,
    phone: spec.phone ?? '13800138000',
    employmentStatus: spec.employmentStatus ?? 'UNEMPLOYED',
    ...(spec.statusSince ? { statusSince: spec.statusSince } : {}),
    declaredGroups: (spec.declaredGroups ?? []).map((group) => ({ group, evidence: '残疾人证 21140219' })),
    skills: spec.skills ?? [{ name: '保洁', certificateLevel: 5 }],
    ...(spec.employerId ? { employerId: spec.employerId } : {}),
    ...(spec.education ? { education: spec.education } : {}),
    ...(spec.jobIntention ? { jobIntention: spec.jobIntention } : {}),
  };
  // Random identity numbers of people born the same day can collide across test files; a
  // collision is the fixture's problem, not the test's, so it draws another number.
  for (let attempt = 0; ; attempt++) {
    input.identityNumber = fakeIdentityNumber(birthDate, gender);
    const result = await gql<{ registerResident: { id: string } }>(
      `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      { input },
      auth,
    );
    const duplicate = result.errors?.some((e) => e.extensions?.code === 'DUPLICATE' && e.extensions.field === 'identityNumber');
    if (duplicate && attempt < 5) continue;
    if (result.errors?.length || !result.data) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
    return { ...input, id: result.data.registerResident.id };
  }
}

export async function employer(districtCode = '211402') {
  const data = await ok<{ registerEmployer: { id: string } }>(
    `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`,
    { input: { creditCode: fakeCreditCode(districtCode), name: '葫芦岛市渤海家政服务有限公司', industry: '居民服务', districtCode, contactName: '李经理', contactPhone: '13904290000' } },
    await adminToken(),
  );
  return data.registerEmployer.id;
}

export async function vacancy(employerId: string, overrides: Record<string, unknown> = {}, token?: string) {
  const data = await ok<{ postVacancy: { id: string } }>(
    `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`,
    {
      input: {
        employerId,
        title: '家政服务员',
        occupation: '家政服务员',
        mustHaveSkills: ['保洁'],
        niceToHaveSkills: ['烹饪'],
        headcount: 5,
        wageMin: 2800,
        wageMax: 3600,
        locationCode: COMMUNITY.lianshan,
        ...overrides,
      },
    },
    token ?? (await adminToken()),
  );
  return data.postVacancy.id;
}

let centreCounter = 0;

export async function trainingCentre() {
  const data = await ok<{ registerTrainingCentre: { id: string } }>(
    `mutation ($input: RegisterTrainingCentreInput!) { registerTrainingCentre(input: $input) { id } }`,
    {
      input: {
        name: `葫芦岛市职业技能培训中心 ${process.pid}-${Date.now()}-${++centreCounter}`,
        districtCode: '211402',
        accreditationNumber: '辽人社培字〔2024〕017号',
        accreditedUntil: '2030-12-31',
        // The seed's trades: computer repair, housekeeping, beauty and hairdressing, cooking.
        trades: ['电脑维修', '家政服务员', '美容美发', '中式烹调师'],
      },
    },
    await adminToken(),
  );
  return data.registerTrainingCentre.id;
}

export async function orderBasedCourse(centreId: string, employerId: string, vacancyId: string, token?: string) {
  const auth = token ?? (await adminToken());
  const result = await untilKnown(() => gql<{ publishCourse: { id: string } }>(
    `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`,
    {
      input: {
        centreId,
        title: '家政服务员（订单式）培训班',
        mode: 'ORDER_BASED',
        skills: ['保洁', '烹饪', '育婴'],
        startDate: '2026-12-01',
        endDate: '2026-12-20',
        capacity: 30,
        locationCode: COMMUNITY.lianshan,
        employerId,
        vacancyId,
        committedHires: 3,
      },
    },
    auth,
  ));
  if (result.errors) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.data!.publishCourse.id;
}

/**
 * Runs a request again while it is refused only because this service has not yet been told, by
 * an event, about a person or vacancy written a few milliseconds earlier elsewhere.
 */
export async function untilKnown<T>(call: () => Promise<GraphQLResult<T>>): Promise<GraphQLResult<T>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await call();
    const first = result.errors?.[0];
    const notYet = first?.extensions?.code === 'NOT_FOUND' && /not yet told/.test(first.message);
    if (!notYet || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function refer(residentId: string, vacancyId: string, token?: string) {
  const auth = token ?? (await adminToken());
  return untilKnown(() =>
    gql<{ referResident: { id: string } }>(`mutation ($r: ID!, $v: ID!) { referResident(residentId: $r, vacancyId: $v) { id } }`, { r: residentId, v: vacancyId }, auth),
  );
}

export async function enrol(residentId: string, courseId: string, token?: string) {
  const auth = token ?? (await adminToken());
  return untilKnown(() =>
    gql<{ enrolResident: { id: string } }>(`mutation ($r: ID!, $c: ID!) { enrolResident(residentId: $r, courseId: $c) { id } }`, { r: residentId, c: courseId }, auth),
  );
}
