import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, refer, resident, vacancy } from '../support/fixtures';

const OUTCOME = `mutation ($id: ID!, $outcome: ReferralOutcome!, $reason: String) { recordReferralOutcome(referralId: $id, outcome: $outcome, reason: $reason) { outcome outcomeReason } }`;
const PERSON = `query ($id: ID!) { resident(id: $id) { employmentStatus employer { id } registration { id } assistanceCases { status closeReason } } }`;

describe('referrals check the vacancy\'s requirements against the person', () => {
  it('says which requirements fail, all of them', async () => {
    const vacancyId = await vacancy(await employer(), { genderRequirement: 'FEMALE', genderReason: '女宿舍管理', ageMin: 20, ageMax: 40, minEducation: 'SENIOR_SECONDARY' });
    const man = await resident({ gender: 'MALE', age: 45 });
    const result = await refer(man.id, vacancyId);
    expect(codesOf(result)).toEqual(['REQUIREMENT_NOT_MET']);
    expect(result.errors![0]!.extensions!.requirements).toEqual(['GENDER', 'AGE', 'EDUCATION']);
    expect(result.errors![0]!.message).toBe(
      "The vacancy is for women only (女宿舍管理). The vacancy asks for ages 20 to 40; the person is 45. The vacancy asks for at least senior secondary; the person's education is not recorded.",
    );
  });

  it('keeps public-welfare positions for hard-to-employ people', async () => {
    const vacancyId = await vacancy(await employer(), { title: '公园绿化工（公益性岗位）', publicWelfare: true });
    // Registered after a working member, so the register never reports the household as zero-employment.
    const father = await resident({ age: 55, gender: 'MALE', employmentStatus: 'EMPLOYED' });
    const young = await resident({ householdId: father.householdId, age: 28, employmentStatus: 'UNEMPLOYED' });
    const refused = await refer(young.id, vacancyId);
    expect(codesOf(refused)).toEqual(['REQUIREMENT_NOT_MET']);
    expect(refused.errors![0]!.extensions!.requirements).toEqual(['HARD_TO_EMPLOY']);
    const fortyFifty = await resident({ age: 46, gender: 'FEMALE', employmentStatus: 'UNEMPLOYED' });
    expect((await refer(fortyFifty.id, vacancyId)).errors).toBeUndefined();
  });

  it('refuses a coordinator referring someone from outside their region', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'far', regionCode: '211481' });
    expect(codesOf(await refer(person.id, await vacancy(await employer()), outsider))).toEqual(['FORBIDDEN']);
  });
});

describe('outcomes and placements', () => {
  it('turns a hire into employment in the register: status, employer, registration and case closed', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const vacancyId = await vacancy(employerId, { headcount: 3 });
    const person = await resident({ age: 52, gender: 'MALE', employmentStatus: 'EMPLOYED', statusSince: '2020-01-01' });
    await ok(`mutation ($id: ID!) { registerUnemployment(residentId: $id) { id } }`, { id: person.id }, token);
    const referral = (await refer(person.id, vacancyId)).data!.referResident.id;
    const employerToken = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    expect((await ok(OUTCOME, { id: referral, outcome: 'INTERVIEWED' }, employerToken)).recordReferralOutcome.outcome).toBe('INTERVIEWED');
    expect((await ok(OUTCOME, { id: referral, outcome: 'HIRED' }, employerToken)).recordReferralOutcome.outcome).toBe('HIRED');
    const v = await ok(`query ($id: ID!) { vacancy(id: $id) { filledCount openings status } }`, { id: vacancyId }, token);
    expect(v.vacancy).toEqual({ filledCount: 1, openings: 2, status: 'OPEN' });
    await expect.poll(async () => (await ok(PERSON, { id: person.id }, token)).resident.employmentStatus, { timeout: 10_000 }).toBe('EMPLOYED');
    const after = (await ok(PERSON, { id: person.id }, token)).resident;
    expect(after.employer).toEqual({ id: employerId });
    expect(after.registration).toBeNull();
    // Alone and 52: a 4050 case and a zero-employment household case opened; the hire closed both.
    expect(after.assistanceCases).toEqual([
      { status: 'CLOSED', closeReason: 'EMPLOYED' },
      { status: 'CLOSED', closeReason: 'EMPLOYED' },
    ]);
    expect(codesOf(await gql(OUTCOME, { id: referral, outcome: 'REJECTED', reason: '不合适' }, employerToken))).toEqual(['CONFLICT']);
  });

  it('asks a reason for a rejection, and lets only the vacancy\'s employer and staff record outcomes', async () => {
    const employerId = await employer();
    const person = await resident();
    const referral = (await refer(person.id, await vacancy(employerId))).data!.referResident.id;
    const other = await tokenFor({ role: 'EMPLOYER', sub: 'x', employerId: await employer() });
    expect(codesOf(await gql(OUTCOME, { id: referral, outcome: 'REJECTED', reason: '不合适' }, other))).toEqual(['FORBIDDEN']);
    const own = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    expect(codesOf(await gql(OUTCOME, { id: referral, outcome: 'REJECTED' }, own))).toEqual(['BAD_USER_INPUT']);
    expect((await ok(OUTCOME, { id: referral, outcome: 'REJECTED', reason: '需要夜班，本人不能接受' }, own)).recordReferralOutcome).toEqual({
      outcome: 'REJECTED', outcomeReason: '需要夜班，本人不能接受',
    });
    const q = `query ($id: ID!) { vacancy(id: $id) { referrals { id } } }`;
    const vacancyOfOther = await vacancy(employerId);
    expect(codesOf(await gql(q, { id: vacancyOfOther }, other))).toEqual(['FORBIDDEN']);
  });

  it('never hires beyond the headcount, even when hires arrive at once', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const vacancyId = await vacancy(employerId, { headcount: 2 });
    const referrals: string[] = [];
    for (let i = 0; i < 6; i++) {
      const person = await resident({ age: 30 + i });
      referrals.push((await refer(person.id, vacancyId)).data!.referResident.id);
    }
    const results = await Promise.all(referrals.map((id) => gql(OUTCOME, { id, outcome: 'HIRED' }, token)));
    expect(results.filter((r) => !r.errors).length).toBe(2);
    expect(results.flatMap(codesOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    const v = await ok(`query ($id: ID!) { vacancy(id: $id) { filledCount status referrals { outcome } } }`, { id: vacancyId }, token);
    expect(v.vacancy.filledCount).toBe(2);
    expect(v.vacancy.status).toBe('FILLED');
    expect(v.vacancy.referrals.filter((r: any) => r.outcome === 'HIRED')).toHaveLength(2);
  });
});
