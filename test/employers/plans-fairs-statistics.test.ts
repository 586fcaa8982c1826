import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { employer, refer, resident, vacancy } from '../support/fixtures';

const year = new Date().getUTCFullYear();
const month = new Date().getUTCMonth() + 1;
const OUTCOME = `mutation ($id: ID!) { recordReferralOutcome(referralId: $id, outcome: HIRED) { outcome } }`;

describe('an employer\'s own record and hiring plan', () => {
  it('lets an employer edit only its own record', async () => {
    const own = await employer();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId: own });
    const edited = await ok(`mutation ($id: ID!) { updateEmployer(id: $id, input: { contactName: "周主管", contactPhone: "0429-3123456" }) { contactName contactPhone creditCode } }`, { id: own }, token);
    expect(edited.updateEmployer).toMatchObject({ contactName: '周主管', contactPhone: '0429-3123456' });
    const other = await employer();
    expect(codesOf(await gql(`mutation ($id: ID!) { updateEmployer(id: $id, input: { name: "改名" }) { id } }`, { id: other }, token))).toEqual(['FORBIDDEN']);
  });

  it('plans hires by occupation and month, and counts the hires made against the plan', async () => {
    const employerId = await employer();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    const plan = `mutation ($e: ID!, $lines: [HiringPlanLineInput!]!) { setHiringPlan(employerId: $e, year: ${year}, lines: $lines) { planned filled lines { occupation month headcount filled } } }`;
    const set = await ok(plan, { e: employerId, lines: [{ occupation: '家政服务员', month, headcount: 2 }, { occupation: '育婴员', month: 12, headcount: 1 }] }, token);
    expect(set.setHiringPlan).toMatchObject({ planned: 3, filled: 0 });
    const vacancyId = await vacancy(employerId, { occupation: '家政服务员' });
    const person = await resident();
    const referral = (await refer(person.id, vacancyId)).data!.referResident.id;
    await ok(OUTCOME, { id: referral }, token);
    const read = await ok(`query ($e: ID!) { employer(id: $e) { hiringPlan(year: ${year}) { planned filled lines { occupation filled } } } }`, { e: employerId }, token);
    expect(read.employer.hiringPlan.filled).toBe(1);
    expect(read.employer.hiringPlan.lines.find((l: any) => l.occupation === '家政服务员').filled).toBe(1);
    expect(codesOf(await gql(plan, { e: employerId, lines: [{ occupation: '电工', month: 13, headcount: 1 }] }, token))).toEqual(['BAD_USER_INPUT']);
    const intruder = await tokenFor({ role: 'EMPLOYER', sub: 'x', employerId: await employer() });
    expect(codesOf(await gql(plan, { e: employerId, lines: [] }, intruder))).toEqual(['FORBIDDEN']);
  });
});

describe('job fairs in communities, and monthly statistics', () => {
  it('attributes referrals and placements to the fair, and counts them per month', async () => {
    const token = await adminToken();
    // A village of 建昌县 that only this test uses: every figure below is this test's own.
    const villages = await ok(`{ regions(parentCode: "211422", level: COMMUNITY) { code } }`);
    const village = villages.regions.at(-2).code;
    const employerId = await employer('211422');
    const vacancyId = await vacancy(employerId, { locationCode: village, headcount: 4 });
    const fair = (await ok(
      `mutation ($input: CreateJobFairInput!) { createJobFair(input: $input) { id employers { id } vacancies { id } } }`,
      { input: { title: '春风行动·送岗位进社区', communityCode: village, heldOn: new Date().toISOString().slice(0, 10), vacancyIds: [vacancyId] } },
      token,
    )).createJobFair;
    expect(fair.employers).toEqual([{ id: employerId }]);
    const people = [];
    for (let i = 0; i < 3; i++) {
      const person = await resident({ communityCode: village, employmentStatus: 'EMPLOYED', statusSince: '2020-01-01' });
      await ok(`mutation ($id: ID!, $on: Date) { registerUnemployment(residentId: $id, registeredOn: $on) { id } }`, { id: person.id, on: new Date(Date.now() - (10 + i * 2) * 86_400_000).toISOString().slice(0, 10) }, token);
      people.push(person);
    }
    // Wait until the employers service has the registrations, then refer at the fair.
    const referrals: string[] = [];
    for (const person of people) {
      let result;
      for (let tries = 0; tries < 100; tries++) {
        result = await gql(`mutation ($r: ID!, $v: ID!, $f: ID) { referResident(residentId: $r, vacancyId: $v, jobFairId: $f) { id } }`, { r: person.id, v: vacancyId, f: fair.id }, token);
        if (!result.errors) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      referrals.push(result!.data!.referResident.id);
    }
    await ok(OUTCOME, { id: referrals[0] }, token);
    await ok(OUTCOME, { id: referrals[1] }, token);
    const seen = await ok(`query ($id: ID!) { jobFair(id: $id) { referrals placed community { code } } }`, { id: fair.id }, token);
    expect(seen.jobFair).toEqual({ referrals: 3, placed: 2, community: { code: village } });
    const stats = await ok(`query ($code: ID!) { region(code: $code) { jobFairs { id } hiringStatistics(year: ${year}) { month vacanciesPosted vacanciesOpen referrals hires placedThroughFairs medianDaysToFirstReferral medianDaysToHire } } }`, { code: village }, token);
    expect(stats.region.jobFairs).toEqual([{ id: fair.id }]);
    const now = stats.region.hiringStatistics.find((m: any) => m.month === month);
    expect(now).toEqual({ month, vacanciesPosted: 1, vacanciesOpen: 1, referrals: 3, hires: 2, placedThroughFairs: 2, medianDaysToFirstReferral: 12, medianDaysToHire: 11 });
    const other = await tokenFor({ role: 'COORDINATOR', sub: 'o', regionCode: '211481' });
    expect(codesOf(await gql(`mutation ($input: CreateJobFairInput!) { createJobFair(input: $input) { id } }`, { input: { title: '越界', communityCode: village, heldOn: '2026-12-01', vacancyIds: [vacancyId] } }, other))).toEqual(['FORBIDDEN']);
  });
});
