import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, enrol, household, orderBasedCourse, resident, trainingCentre, vacancy } from '../support/fixtures';
import {
  coordinator,
  employerEligibility,
  employerThatHiredHardToEmploy,
  employerToken,
  fortyFiftyWoman,
  residentEligibility,
  verdictFor,
} from './helpers';

const ELIGIBLE = `query ($id: ID!) { resident(id: $id) { eligibleSubsidies { policy { code } eligible } } }`;

describe('eligibility with reasons', () => {
  it('lists every person policy with the conditions met and missing and one month\'s amount, eligible first', async () => {
    const woman = await fortyFiftyWoman();
    const list = await residentEligibility(woman.id);
    const social = verdictFor(list, 'SOCIAL_INSURANCE_4050');
    expect(social).toMatchObject({ eligible: true, missingConditions: [], estimatedAmountFen: 30_000, policy: { version: 2 } });
    expect(social.metConditions).toEqual(['is a woman of 40 to 49 or a man of 50 to 59 (4050人员)', 'is a woman', 'is 40 or older', 'is below retirement age (50)', 'is in flexible employment or self-employed']);
    expect(social.assessment).toMatch(/^[\w-]+\.[\w-]+$/);
    // Eligible ones come first; an ineligible verdict says what is missing and carries no assessment.
    const flags = list.map((e) => e.eligible);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    const graduate = verdictFor(list, 'POOR_FAMILY_GRADUATE');
    expect(graduate).toMatchObject({ eligible: false, estimatedAmountFen: null, assessment: null });
    expect(graduate.missingConditions).toEqual(['is a graduate from a poor family', 'is still looking for work']);

    const young = await resident({ age: 30, gender: 'MALE', employmentStatus: 'FLEXIBLE' });
    const youngSocial = verdictFor(await residentEligibility(young.id), 'SOCIAL_INSURANCE_4050');
    expect(youngSocial).toMatchObject({ eligible: false, metConditions: ['is in flexible employment or self-employed'] });
    expect(youngSocial.missingConditions).toEqual(['is a woman of 40 to 49 or a man of 50 to 59 (4050人员)']);
  });

  it('reads declared groups and the public-welfare placement from the register', async () => {
    const disabled = await resident({ age: 35, employmentStatus: 'PUBLIC_WELFARE', declaredGroups: ['DISABLED'] });
    const list = await residentEligibility(disabled.id);
    expect(verdictFor(list, 'PUBLIC_WELFARE_POSITION')).toMatchObject({ eligible: true, estimatedAmountFen: 50_000 });
    expect(verdictFor(list, 'HARD_TO_EMPLOY_ASSISTANCE')).toMatchObject({ eligible: true, estimatedAmountFen: 30_000 });
    // A share-of-a-base policy has no estimate until the base is known.
    expect(verdictFor(list, 'SMALL_GUARANTEED_LOAN')).toMatchObject({ eligible: false });
  });

  it('is for staff whose region contains the person', async () => {
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    expect(await residentEligibility(woman.id, await coordinator('211402'))).not.toHaveLength(0);
    const outside = await gql(ELIGIBLE, { id: woman.id }, await coordinator('211481'));
    expect(codesOf(outside)).toEqual(['FORBIDDEN']);
    // An employer reaches a person referred to it, but not their eligibility.
    const { vacancyId, employerId } = await employerThatHiredHardToEmploy('211402', COMMUNITY.lianshan);
    const viaReferral = await gql(
      `query ($id: ID!) { vacancy(id: $id) { referrals { resident { id eligibleSubsidies { eligible } } } } }`,
      { id: vacancyId },
      await employerToken(employerId),
    );
    expect(codesOf(viaReferral)).toContain('FORBIDDEN');
    // The refused field alone is null; the vacancy and the person's id stay.
    expect(viaReferral.data?.vacancy?.referrals?.[0]?.resident?.eligibleSubsidies).toBeNull();
  });

  it('evaluates a hypothetical person or employer with the policy calculator, recording nothing', async () => {
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId: await trainingCentre() });
    const person = await ok(
      `query ($a: HypotheticalApplicantInput!) { subsidyCalculator(applicant: $a) { policy { code } eligible missingConditions estimatedAmountFen assessment } }`,
      { a: { age: 52, gender: 'MALE', employmentStatus: 'SELF_EMPLOYED', baseFen: 300_000 } },
      token,
    );
    const byCode = Object.fromEntries(person.subsidyCalculator.map((e: any) => [e.policy.code, e]));
    expect(byCode.SOCIAL_INSURANCE_4050).toMatchObject({ eligible: true, estimatedAmountFen: 30_000, assessment: null });
    // 50 % of the stated interest, capped at ¥2,000.
    expect(byCode.SMALL_GUARANTEED_LOAN).toMatchObject({ eligible: true, estimatedAmountFen: 150_000 });
    expect(byCode.TRAINING.eligible).toBe(false);
    expect(byCode.TRAINING.missingConditions).toContain('passed a course at an accredited training centre');
    expect(byCode.EMPLOYER_HARD_TO_EMPLOY_HIRE).toBeUndefined();

    const firm = await ok(
      `query { subsidyCalculator(kind: EMPLOYER, applicant: { hardToEmployHires: 3 }) { policy { code } eligible estimatedAmountFen } }`,
      {},
      token,
    );
    expect(firm.subsidyCalculator).toEqual([
      { policy: { code: 'EMPLOYER_HARD_TO_EMPLOY_HIRE' }, eligible: true, estimatedAmountFen: 120_000 },
      { policy: { code: 'EMPLOYER_ORDER_TRAINING' }, eligible: false, estimatedAmountFen: null },
    ]);
    const bad = await gql(`query { subsidyCalculator(applicant: { age: -3 }) { eligible } }`, {}, token);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(`query { subsidyCalculator(applicant: { age: 40 }) { eligible } }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('gives an employer that hired a hard-to-employ person its subsidy, from the employers service\'s placements', async () => {
    const { employerId } = await employerThatHiredHardToEmploy('211481', COMMUNITY.xingcheng);
    const own = await employerEligibility(employerId, await employerToken(employerId));
    expect(verdictFor(own, 'EMPLOYER_HARD_TO_EMPLOY_HIRE')).toMatchObject({ eligible: true, estimatedAmountFen: 40_000, metConditions: ['has hired a hard-to-employ person (招用就业困难人员)'] });
    expect(verdictFor(own, 'EMPLOYER_ORDER_TRAINING')).toMatchObject({ eligible: false });

    // An employer whose hire was not hard-to-employ does not qualify.
    const other = await employer('211481');
    const job = await vacancy(other, { locationCode: COMMUNITY.xingcheng });
    // Someone of 25 from a household where somebody works belongs to no hard-to-employ group.
    const home = await household(COMMUNITY.xingcheng);
    await resident({ householdId: home, age: 50, gender: 'MALE', employmentStatus: 'EMPLOYED' });
    const young = await resident({ householdId: home, age: 25 });
    const { refer } = await import('../support/fixtures');
    const referral = (await refer(young.id, job)).data!.referResident.id;
    await ok(`mutation ($id: ID!) { recordReferralOutcome(referralId: $id, outcome: HIRED) { outcome } }`, { id: referral }, await adminToken());
    expect(verdictFor(await employerEligibility(other), 'EMPLOYER_HARD_TO_EMPLOY_HIRE')).toMatchObject({
      eligible: false,
      missingConditions: ['has hired a hard-to-employ person (招用就业困难人员)'],
    });

    // One employer never sees another's.
    const peek = await gql(`query ($id: ID!) { employer(id: $id) { eligibleSubsidies { eligible } } }`, { id: employerId }, await employerToken(other));
    expect(codesOf(peek)).toEqual(['FORBIDDEN']);
    // Staff see an employer's subsidies only when its district lies in their region.
    expect(verdictFor(await employerEligibility(employerId, await coordinator('211481', 'officer-xc-e')), 'EMPLOYER_HARD_TO_EMPLOY_HIRE').eligible).toBe(true);
    expect(await employerEligibility(employerId, await coordinator('2114', 'officer-city-e'))).not.toHaveLength(0);
    for (const region of ['211402', '211481001']) {
      const outside = await gql(`query ($id: ID!) { employer(id: $id) { eligibleSubsidies { eligible assessment } } }`, { id: employerId }, await coordinator(region, `officer-${region}-e`));
      expect(codesOf(outside)).toEqual(['FORBIDDEN']);
      expect(outside.data?.employer?.eligibleSubsidies ?? null).toBeNull();
    }
  });
});

describe('training subsidy through federation', () => {
  const STATUS = `mutation ($id: ID!, $status: CourseStatus!) { setCourseStatus(courseId: $id, status: $status) { status } }`;
  const COMPLETE = `mutation ($id: ID!) { recordCompletion(enrolmentId: $id, passed: true, certificateNumber: "ZS-2026-0001", certificateLevel: 4) { passed } }`;

  async function graduate(centreId: string, courseId: string, person: { id: string }) {
    const token = await adminToken();
    const enrolment = (await enrol(person.id, courseId)).data!.enrolResident.id;
    await ok(STATUS, { id: courseId, status: 'RUNNING' }, token);
    await ok(COMPLETE, { id: enrolment }, token);
    return centreId;
  }

  it('makes graduates of an accredited centre eligible, and an order-based course counts for its employer', async () => {
    const employerId = await employer('211422');
    const vacancyId = await vacancy(employerId, { headcount: 4 });
    const centreId = await trainingCentre();
    const courseId = await orderBasedCourse(centreId, employerId, vacancyId);
    const person = await resident({ age: 30, communityCode: COMMUNITY.lianshan });
    expect(verdictFor(await residentEligibility(person.id), 'TRAINING')).toMatchObject({ eligible: false });
    await graduate(centreId, courseId, person);

    const training = verdictFor(await residentEligibility(person.id), 'TRAINING');
    expect(training).toMatchObject({ eligible: true, estimatedAmountFen: 80_000, missingConditions: [] });
    expect(training.metConditions).toContain('passed a course at an accredited training centre');
    const firm = verdictFor(await employerEligibility(employerId), 'EMPLOYER_ORDER_TRAINING');
    expect(firm).toMatchObject({ eligible: true, estimatedAmountFen: 60_000 });
  });

  it('does not count a pass at a centre whose accreditation had lapsed', async () => {
    const admin = await adminToken();
    const centreId = await trainingCentre();
    const course = await ok(
      `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id qualifiesForTrainingSubsidy } }`,
      { input: { centreId, title: '电脑维修培训班', mode: 'GENERAL', trade: '电脑维修', skills: ['电脑维修'], startDate: '2026-12-01', endDate: '2026-12-20', capacity: 5, locationCode: '211402' } },
      admin,
    );
    expect(course.publishCourse.qualifiesForTrainingSubsidy).toBe(true);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await ok(
      `mutation ($id: ID!, $until: Date) { setCentreAccreditation(centreId: $id, accreditationNumber: "辽人社培字〔2020〕001号", accreditedUntil: $until, trades: ["电脑维修"]) { accredited } }`,
      { id: centreId, until: yesterday },
      admin,
    );
    const person = await resident({ age: 30 });
    await graduate(centreId, course.publishCourse.id, person);
    const verdict = verdictFor(await residentEligibility(person.id), 'TRAINING');
    expect(verdict).toMatchObject({ eligible: false, missingConditions: ['passed a course at an accredited training centre'] });
    const again = await ok(`query ($id: ID!) { course(id: $id) { qualifiesForTrainingSubsidy } }`, { id: course.publishCourse.id }, admin);
    expect(again.course.qualifiesForTrainingSubsidy).toBe(false);
  });
});
