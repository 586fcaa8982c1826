import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, household, orderBasedCourse, resident, trainingCentre, untilKnown, vacancy } from '../support/fixtures';

const JOB_MATCHES = `query ($id: ID!, $first: Int, $filter: JobMatchFilter) {
  resident(id: $id) { jobMatches(first: $first, filter: $filter) {
    score summary matchedSkills missingSkills vacancy { id title }
    components { factor points maxPoints reason }
  } }
}`;

const CANDIDATES = `query ($id: ID!) { vacancy(id: $id) { candidateMatches(first: 50) {
  score summary matchedSkills missingSkills hardToEmploy profile { age gender skills district { name } } resident { id name }
} } }`;

type Match = { score: number; summary: string; matchedSkills: string[]; missingSkills: string[]; vacancy: { id: string; title: string }; components: { factor: string; points: number; reason: string }[] };

async function matchesOf(residentId: string, filter?: Record<string, unknown>, token?: string): Promise<Match[]> {
  const data = await ok<{ resident: { jobMatches: Match[] } }>(JOB_MATCHES, { id: residentId, first: 50, filter }, token ?? (await adminToken()));
  return data.resident.jobMatches;
}

/** Waits until the index shows what was just written (it follows the database within moments). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('jobs for a person (Resident.jobMatches)', () => {
  it('ranks the job that needs the skills the person has and the work they want first, and says why', async () => {
    const boss = await employer();
    const cook = await vacancy(boss, { title: '食堂炊事员', occupation: '炊事员', mustHaveSkills: ['中式烹调'], niceToHaveSkills: [], wageMin: 3200, wageMax: 4000 });
    const welder = await vacancy(boss, { title: '电焊工', occupation: '焊工', mustHaveSkills: ['手工电弧焊', '氩弧焊'], niceToHaveSkills: [], wageMin: 5000, wageMax: 7000 });
    const person = await resident({
      age: 35,
      gender: 'FEMALE',
      skills: [{ name: '炒菜' }, { name: '刀工' }],
      jobIntention: { occupations: ['厨师'], keywords: ['离家近'], minMonthlyWage: 3000, workTime: 'FULL_TIME' },
    });
    const matches = await eventually(() => matchesOf(person.id, { employerIds: [boss] }), (m) => m.length >= 2);
    expect(matches.map((m) => m.vacancy.id)).toEqual([cook, welder]);
    const [best, worst] = matches;
    expect(best!.matchedSkills).toEqual(['中式烹调']);
    expect(best!.missingSkills).toEqual([]);
    expect(best!.components.find((c) => c.factor === 'SKILLS')!.reason).toMatch(/every required skill/);
    expect(best!.score).toBeGreaterThan(worst!.score);
    expect(worst!.missingSkills).toEqual(['手工电弧焊', '氩弧焊']);
    expect(worst!.summary).toMatch(/Lacks 手工电弧焊、氩弧焊/);
  });

  it('leaves out vacancies whose requirements the person does not meet', async () => {
    const boss = await employer();
    const menOnly = await vacancy(boss, { title: '男浴室保洁', occupation: '保洁员', genderRequirement: 'MALE', genderReason: '男浴室、男更衣室保洁' });
    const graduates = await vacancy(boss, { title: '电商运营', occupation: '电商运营', minEducation: 'BACHELOR' });
    const young = await vacancy(boss, { title: '快递员', occupation: '快递员', ageMax: 30 });
    const welfare = await vacancy(boss, { title: '社区保洁（公益性岗位）', occupation: '保洁员', publicWelfare: true });
    const open = await vacancy(boss, { title: '商场保洁', occupation: '保洁员' });
    // Someone else in her household works, so hers is not a zero-employment household.
    const home = await household();
    await resident({ householdId: home, age: 40, gender: 'MALE', employmentStatus: 'EMPLOYED' });
    const woman = await resident({ householdId: home, age: 35, gender: 'FEMALE' });
    const matches = await eventually(() => matchesOf(woman.id, { employerIds: [boss] }), (m) => m.length >= 1);
    const ids = matches.map((m) => m.vacancy.id);
    expect(ids).toContain(open);
    for (const excluded of [menOnly, graduates, young, welfare]) expect(ids).not.toContain(excluded);

    // A woman of 45 out of work is 4050 (hard-to-employ): the public-welfare post is hers to take.
    const fortyFive = await resident({ age: 45, gender: 'FEMALE' });
    const hers = await eventually(() => matchesOf(fortyFive.id, { employerIds: [boss] }), (m) => m.some((x) => x.vacancy.id === welfare));
    expect(hers.map((m) => m.vacancy.id)).toContain(welfare);
  });

  it('drops a vacancy from the matches once it is closed', async () => {
    const boss = await employer();
    const job = await vacancy(boss, { title: '小区保洁员', occupation: '保洁员' });
    const person = await resident({ age: 30 });
    await eventually(() => matchesOf(person.id, { employerIds: [boss] }), (m) => m.length === 1);
    await ok(`mutation ($id: ID!) { closeVacancy(id: $id) { id status } }`, { id: job }, await adminToken());
    const after = await eventually(() => matchesOf(person.id, { employerIds: [boss] }), (m) => m.length === 0);
    expect(after).toEqual([]);
  });

  it('is for staff only, and checks what it is asked', async () => {
    const boss = await employer();
    const person = await resident();
    const asEmployer = await gql(JOB_MATCHES, { id: person.id, first: 5 }, await tokenFor({ role: 'EMPLOYER', sub: 'e', employerId: boss }));
    expect(asEmployer.data?.resident ?? null).toBeNull();
    const tooMany = await gql(JOB_MATCHES, { id: person.id, first: 1000 }, await adminToken());
    expect(codesOf(tooMany)).toContain('BAD_USER_INPUT');
    const badRegion = await gql(JOB_MATCHES, { id: person.id, first: 5, filter: { regionCode: '999999' } }, await adminToken());
    expect(codesOf(badRegion).length).toBeGreaterThan(0);
  });
});

describe('skill gaps lead to training (JobMatch.coursesForMissingSkills)', () => {
  it('lists courses teaching the missing skills, the employer\'s own order-based course first', async () => {
    const boss = await employer();
    const job = await vacancy(boss, { mustHaveSkills: ['保洁'], niceToHaveSkills: [] });
    const centre = await trainingCentre();
    const ordered = await orderBasedCourse(centre, boss, job);
    const admin = await adminToken();
    const general = await untilKnown(() =>
      gql<{ publishCourse: { id: string } }>(
        `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`,
        { input: { centreId: centre, title: '保洁员培训班', mode: 'GENERAL', trade: '家政服务员', skills: ['清洁'], startDate: '2026-12-02', endDate: '2026-12-10', capacity: 30, locationCode: COMMUNITY.lianshan } },
        admin,
      ),
    );
    if (general.errors) throw new Error(JSON.stringify(general.errors));
    const person = await resident({ age: 30, skills: [{ name: '刀工' }] });
    const data = await eventually(
      () => ok<{ resident: { jobMatches: { missingSkills: string[]; vacancy: { id: string }; coursesForMissingSkills: { id: string }[] }[] } }>(
        `query ($id: ID!, $f: JobMatchFilter) { resident(id: $id) { jobMatches(filter: $f) { missingSkills vacancy { id } coursesForMissingSkills { id } } } }`,
        { id: person.id, f: { employerIds: [boss] } },
        admin,
      ),
      (d) => d.resident.jobMatches.length > 0,
    );
    const match = data.resident.jobMatches.find((m) => m.vacancy.id === job)!;
    expect(match.missingSkills).toEqual(['日常保洁']);
    expect(match.coursesForMissingSkills.map((c) => c.id).slice(0, 2)).toEqual([ordered, general.data!.publishCourse.id]);
  });
});

describe('people for a vacancy (Vacancy.candidateMatches)', () => {
  it('shows the employer its candidates without personal data, and staff the person', async () => {
    const boss = await employer();
    const job = await vacancy(boss, { title: '电脑维修技术员', occupation: '电脑维修工', mustHaveSkills: ['电脑维修'], niceToHaveSkills: [], locationCode: COMMUNITY.xingcheng });
    const fixer = await resident({ age: 28, gender: 'MALE', communityCode: COMMUNITY.xingcheng, skills: [{ name: '计算机维修', certificateLevel: 4 }] });
    const admin = await adminToken();
    const asStaff = await eventually(
      () => ok<{ vacancy: { candidateMatches: any[] } }>(CANDIDATES, { id: job }, admin),
      (d) => d.vacancy.candidateMatches.some((c) => c.resident?.id === fixer.id),
    );
    // Other tests' people share this hub: ours is found by id as staff, by profile as the employer.
    const place = asStaff.vacancy.candidateMatches.findIndex((c) => c.resident?.id === fixer.id);
    expect(place).toBeGreaterThanOrEqual(0);
    expect(asStaff.vacancy.candidateMatches[place].resident.name).toBe(fixer.name);

    const asEmployer = await ok<{ vacancy: { candidateMatches: any[] } }>(CANDIDATES, { id: job }, await tokenFor({ role: 'EMPLOYER', sub: 'e', employerId: boss }));
    const mine = asEmployer.vacancy.candidateMatches.find((c) => c.profile.age === 28 && c.profile.gender === 'MALE' && c.profile.skills.join() === '计算机维修');
    expect(mine).toBeDefined();
    expect(mine.score).toBe(asStaff.vacancy.candidateMatches[place].score);
    expect(mine.matchedSkills).toEqual(['计算机维修']);
    expect(asEmployer.vacancy.candidateMatches.every((c) => c.resident === null && c.hardToEmploy === null)).toBe(true);
    expect(mine.profile.district.name).toBe('兴城市');
  });

  it('refuses another employer, who may not even see the vacancy', async () => {
    const boss = await employer();
    const other = await employer();
    const job = await vacancy(boss);
    const result = await gql(CANDIDATES, { id: job }, await tokenFor({ role: 'EMPLOYER', sub: 'x', employerId: other }));
    expect(codesOf(result)).toContain('FORBIDDEN');
    expect(JSON.stringify(result.data ?? {})).not.toContain('candidateMatches":[{');
  });

  it('lists only hard-to-employ people for a public-welfare position', async () => {
    const boss = await employer();
    const job = await vacancy(boss, { title: '公益性岗位 绿化养护', occupation: '绿化工', mustHaveSkills: ['绿化'], niceToHaveSkills: [], publicWelfare: true, locationCode: COMMUNITY.lianshan2 });
    const home = await household(COMMUNITY.lianshan2);
    await resident({ householdId: home, age: 33, gender: 'FEMALE', employmentStatus: 'EMPLOYED' });
    const young = await resident({ householdId: home, age: 30, gender: 'MALE', skills: [{ name: '花木养护' }] });
    const older = await resident({ age: 52, gender: 'MALE', communityCode: COMMUNITY.lianshan2, skills: [{ name: '花木养护' }] });
    const admin = await adminToken();
    const data = await eventually(
      () => ok<{ vacancy: { candidateMatches: any[] } }>(CANDIDATES, { id: job }, admin),
      (d) => d.vacancy.candidateMatches.some((c) => c.resident?.id === older.id),
    );
    const ids = data.vacancy.candidateMatches.map((c) => c.resident?.id);
    expect(ids).toContain(older.id);
    expect(ids).not.toContain(young.id);
    expect(data.vacancy.candidateMatches.every((c) => c.hardToEmploy === true)).toBe(true);
  });
});

describe('searching vacancies by words', () => {
  it('finds a word inside a longer name, and the other names of an occupation', async () => {
    const bank = await ok<{ registerEmployer: { id: string } }>(
      `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`,
      { input: { creditCode: (await import('@hub/common/testing')).fakeCreditCode('211402'), name: '中国农业发展银行葫芦岛市分行', industry: '金融', districtCode: '211402', contactName: '王', contactPhone: '13904290001' } },
      await adminToken(),
    );
    const teller = await vacancy(bank.registerEmployer.id, { title: '柜员', occupation: '银行柜员', mustHaveSkills: [], niceToHaveSkills: [] });
    const filter = { employerIds: [bank.registerEmployer.id] };
    const admin = await adminToken();
    const search = (query: string) => ok<{ searchVacancies: { total: number; vacancies: { id: string }[] } }>(
      `query ($q: String!, $filter: JobMatchFilter) { searchVacancies(query: $q, filter: $filter) { total vacancies { id } } }`,
      { q: query, filter },
      admin,
    );
    const found = await eventually(() => search('农业'), (r) => r.searchVacancies.total > 0);
    expect(found.searchVacancies.vacancies.map((v) => v.id)).toEqual([teller]);
    expect((await search('化工')).searchVacancies.total).toBe(0);
  });
});

describe('the index follows the database', () => {
  it('reports its state, and a check finds nothing to repair once it has caught up', async () => {
    const boss = await employer();
    await vacancy(boss);
    const admin = await adminToken();
    const status = await eventually(
      () => ok<{ vacancyIndex: { documents: number; queued: number; engine: string } }>(`{ vacancyIndex { documents queued engine lagP50Ms } }`, {}, admin),
      (s) => s.vacancyIndex.queued === 0,
    );
    expect(status.vacancyIndex.engine).toBe('embedded');
    expect(status.vacancyIndex.documents).toBeGreaterThan(0);
    const check = await ok<{ checkVacancyIndex: { missing: number; stale: number; orphaned: number; expected: number; indexed: number } }>(
      `mutation { checkVacancyIndex { expected indexed missing stale orphaned } }`, {}, admin,
    );
    expect(check.checkVacancyIndex).toMatchObject({ missing: 0, stale: 0, orphaned: 0 });
    const jobseekers = await ok<{ checkJobseekerIndex: { missing: number; stale: number; orphaned: number } }>(`mutation { checkJobseekerIndex { missing stale orphaned } }`, {}, admin);
    expect(jobseekers.checkJobseekerIndex).toMatchObject({ missing: 0, orphaned: 0 });
    const courses = await ok<{ checkCourseIndex: { missing: number; stale: number; orphaned: number } }>(`mutation { checkCourseIndex { missing stale orphaned } }`, {}, admin);
    expect(courses.checkCourseIndex).toMatchObject({ missing: 0, orphaned: 0 });
  });

  it('lets only an admin rebuild or check an index', async () => {
    const coordinator = await tokenFor({ role: 'COORDINATOR', sub: 'c', regionCode: '2114' });
    expect(codesOf(await gql(`mutation { reindexVacancyIndex }`, {}, coordinator))).toContain('FORBIDDEN');
    expect(codesOf(await gql(`mutation { checkJobseekerIndex { missing } }`, {}, coordinator))).toContain('FORBIDDEN');
  });
});
