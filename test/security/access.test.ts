import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, enrol, refer, resident, trainingCentre, vacancy } from '../support/fixtures';

/** Access decided at the entity: every path to a person or a referral follows one policy per service. */

const xingchengStaff = () => tokenFor({ role: 'COORDINATOR', sub: 'xc-attacker', regionCode: '211481' });
const lianshanStaff = () => tokenFor({ role: 'COORDINATOR', sub: 'ls-staff', regionCode: '211402' });

/** The errors on paths ending in `field`, by code. */
const errorsAt = (result: { errors?: { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }, field: string) =>
  (result.errors ?? []).filter((e) => e.path?.at(-1) === field).map((e) => e.extensions?.code);

async function referredPerson() {
  const person = await resident({ communityCode: COMMUNITY.lianshan, phone: '13912345678', declaredGroups: ['DISABLED'] });
  await ok(`mutation ($id: ID!) { registerUnemployment(residentId: $id) { id } }`, { id: person.id }, await adminToken());
  const employerId = await employer();
  const vacancyId = await vacancy(employerId, { locationCode: COMMUNITY.xingcheng });
  const referral = await refer(person.id, vacancyId);
  expect(referral.errors).toBeUndefined();
  return { person, employerId, vacancyId, referralId: referral.data!.referResident.id };
}

describe('a coordinator of another county', () => {
  it('reads nothing of a person reached through vacancy → referrals → resident, and keeps the vacancy', async () => {
    // The vacancy is in 兴城市, so its staff see the referral; the person lives in 连山区.
    const { person, vacancyId } = await referredPerson();
    const result = await gql(
      `query ($v: ID!) { vacancy(id: $v) { id title referrals { id resident { id name identityNumber phone difficultyGroups employmentStatus skills { name } community { code } registration { certificateNumber } } } } }`,
      { v: vacancyId },
      await xingchengStaff(),
    );
    expect(result.data?.vacancy).toMatchObject({ id: vacancyId, title: '家政服务员' });
    const seen = result.data!.vacancy.referrals[0].resident;
    expect(seen).toEqual({ id: person.id, name: null, identityNumber: null, phone: null, difficultyGroups: null, employmentStatus: null, skills: null, community: null, registration: null });
    for (const field of ['name', 'identityNumber', 'phone', 'difficultyGroups', 'employmentStatus', 'skills', 'community', 'registration']) {
      expect(errorsAt(result, field)).toEqual(['FORBIDDEN']);
    }
    expect(JSON.stringify(result)).not.toContain(person.identityNumber);
    expect(JSON.stringify(result)).not.toContain('DISABLED');
  });

  it('reads nothing of a person reached through vacancy → candidateMatches → resident', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan, age: 29, skills: [{ name: '计算机维修', certificateLevel: 4 }], declaredGroups: ['DISABLED'] });
    const vacancyId = await vacancy(await employer('211481'), { title: '电脑维修技术员', occupation: '电脑维修工', mustHaveSkills: ['电脑维修'], niceToHaveSkills: [], locationCode: COMMUNITY.xingcheng });
    const attacker = await xingchengStaff();
    const QUERY = `query ($v: ID!) { vacancy(id: $v) { id candidateMatches(first: 100) { resident { id name difficultyGroups } } } }`;
    // The person reaches the jobseeker index a moment after registration.
    await expect
      .poll(async () => (await gql(QUERY, { v: vacancyId }, attacker)).data?.vacancy.candidateMatches.some((c: { resident: { id: string } }) => c.resident.id === person.id), { timeout: 15_000 })
      .toBe(true);
    const result = await gql(QUERY, { v: vacancyId }, attacker);
    const mine = result.data!.vacancy.candidateMatches.findIndex((c: { resident: { id: string } }) => c.resident.id === person.id);
    expect(result.data!.vacancy.candidateMatches[mine].resident).toEqual({ id: person.id, name: null, difficultyGroups: null });
    const refused = (result.errors ?? []).filter((e) => e.path?.[2] === mine).map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(refused.sort()).toEqual([['difficultyGroups', 'FORBIDDEN'], ['name', 'FORBIDDEN']]);
  });

  it('reads nothing of a person reached through courses → enrolments → resident', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan, declaredGroups: ['DISABLED'] });
    const centreId = await trainingCentre();
    const course = await ok(
      `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`,
      { input: { centreId, title: '家政培训班', mode: 'GENERAL', trade: '家政服务员', skills: ['保洁'], startDate: '2027-05-01', endDate: '2027-05-20', capacity: 20, locationCode: '211402' } },
      await adminToken(),
    );
    expect((await enrol(person.id, course.publishCourse.id)).errors).toBeUndefined();
    const result = await gql(`query ($c: ID!) { courses(centreId: $c) { id enrolments { id resident { id name difficultyGroups } } } }`, { c: centreId }, await xingchengStaff());
    expect(result.data!.courses[0].enrolments[0].resident).toEqual({ id: person.id, name: null, difficultyGroups: null });
    expect(errorsAt(result, 'name')).toEqual(['FORBIDDEN']);
    expect(errorsAt(result, 'difficultyGroups')).toEqual(['FORBIDDEN']);
  });

  it('cannot record the outcome of a referral of neither its people nor its places, and nothing changes', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const vacancyId = await vacancy(await employer());
    const referralId = (await refer(person.id, vacancyId)).data!.referResident.id;
    const OUTCOME = `mutation ($id: ID!) { recordReferralOutcome(referralId: $id, outcome: HIRED) { outcome } }`;
    expect(codesOf(await gql(OUTCOME, { id: referralId }, await xingchengStaff()))).toEqual(['FORBIDDEN']);
    const after = await ok(`query ($v: ID!) { vacancy(id: $v) { filledCount referrals { outcome } } }`, { v: vacancyId }, await adminToken());
    expect(after.vacancy).toEqual({ filledCount: 0, referrals: [{ outcome: 'PENDING' }] });
    // Staff of the person's own district may.
    expect((await ok(OUTCOME, { id: referralId }, await lianshanStaff())).recordReferralOutcome.outcome).toBe('HIRED');
  });

  it('cannot edit an employer of another district, plan its hiring or close its vacancies', async () => {
    const employerId = await employer('211402');
    const vacancyId = await vacancy(employerId);
    const attacker = await xingchengStaff();
    const attempts = await Promise.all([
      gql(`mutation ($id: ID!) { updateEmployer(id: $id, input: { name: "被改名的公司" }) { name } }`, { id: employerId }, attacker),
      gql(`mutation ($id: ID!) { setHiringPlan(employerId: $id, year: 2027, lines: [{ occupation: "保洁员", month: 3, headcount: 9 }]) { year } }`, { id: employerId }, attacker),
      gql(`mutation ($id: ID!) { closeVacancy(id: $id) { status } }`, { id: vacancyId }, attacker),
      gql(`mutation ($id: ID!) { updateVacancy(id: $id, input: { headcount: 1 }) { headcount } }`, { id: vacancyId }, attacker),
    ]);
    expect(attempts.map(codesOf)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    const after = await ok(`query ($e: ID!, $v: ID!) { employer(id: $e) { name hiringPlan(year: 2027) { lines { occupation } } } vacancy(id: $v) { status headcount } }`, { e: employerId, v: vacancyId }, await adminToken());
    expect(after).toEqual({ employer: { name: '葫芦岛市渤海家政服务有限公司', hiringPlan: { lines: [] } }, vacancy: { status: 'OPEN', headcount: 5 } });
    // Staff of its district may.
    expect((await ok(`mutation ($id: ID!) { updateEmployer(id: $id, input: { industry: "家政" }) { industry } }`, { id: employerId }, await lianshanStaff())).updateEmployer.industry).toBe('家政');
  });
});

describe('an employer', () => {
  it('sees of a referred person only name, age, gender, skills, education and job intention', async () => {
    const { person, employerId, vacancyId } = await referredPerson();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    const QUERY = `query ($v: ID!) { vacancy(id: $v) { referrals { resident { id name age gender skills { name } education jobIntention { occupations } employmentStatus statusSince community { code } identityNumber phone } } } }`;
    // The grant travels by event from the referral to the register.
    await expect.poll(async () => (await gql(QUERY, { v: vacancyId }, token)).data?.vacancy.referrals[0].resident.name, { timeout: 10_000 }).toBe(person.name);
    const result = await gql(QUERY, { v: vacancyId }, token);
    expect(result.data!.vacancy.referrals[0].resident).toMatchObject({
      id: person.id, name: person.name, age: 35, gender: 'FEMALE', skills: [{ name: '保洁' }],
      employmentStatus: null, statusSince: null, community: null, identityNumber: null, phone: null,
    });
    for (const field of ['employmentStatus', 'statusSince', 'community', 'identityNumber', 'phone']) expect(errorsAt(result, field)).toEqual(['FORBIDDEN']);
    for (const field of ['name', 'age', 'gender', 'skills', 'education', 'jobIntention']) expect(errorsAt(result, field)).toEqual([]);
  });
});

describe('a training centre', () => {
  it('sees of its own enrolees what training needs, nothing more, and nothing of another centre\'s', async () => {
    const centreId = await trainingCentre();
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId });
    const otherCentre = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc-other', centreId: await trainingCentre() });
    const course = await ok(
      `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id } }`,
      { input: { centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2027-06-01', endDate: '2027-06-20', capacity: 20, locationCode: '211402' } },
      token,
    );
    const person = await resident();
    expect((await enrol(person.id, course.publishCourse.id)).errors).toBeUndefined();
    const ask = (who: string) =>
      gql(`query ($id: ID!) { trainingCentre(id: $id) { id courses { id enrolments { status resident { id name identityNumber } } } } }`, { id: centreId }, who);
    // The grant arrives with the enrolment.made event: the name shows once the register has heard of it.
    let result = await ask(token);
    for (let i = 0; i < 100 && result.data?.trainingCentre?.courses?.[0]?.enrolments?.[0]?.resident?.name === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      result = await ask(token);
    }
    expect(result.data!.trainingCentre).toEqual({
      id: centreId,
      courses: [{ id: course.publishCourse.id, enrolments: [{ status: 'ENROLLED', resident: { id: person.id, name: person.name, identityNumber: null } }] }],
    });
    expect(errorsAt(result, 'identityNumber')).toEqual(['FORBIDDEN']);
    const outsider = await gql(`query ($id: ID!) { resident(id: $id) { id } }`, { id: person.id }, otherCentre);
    expect(outsider.data?.resident ?? null).toBeNull();
    expect(codesOf(outsider)).toEqual(['FORBIDDEN']);
  });
});
