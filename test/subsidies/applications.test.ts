import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer } from '../support/fixtures';
import {
  APPROVE,
  coordinator,
  daysAgo,
  employerEligibility,
  employerThatHiredHardToEmploy,
  employerToken,
  fortyFiftyWoman,
  key,
  PAY,
  personAssessment,
  REJECT,
  residentEligibility,
  submission,
  SUBMIT,
  thisMonth,
  verdictFor,
} from './helpers';

const APPLICATION = `query ($id: ID!) {
  subsidyApplication(id: $id) {
    id status amountFen period rejectionReason submittedBy decidedBy documents { kind reference } metConditions
    policy { code version } auditTrail { step by note at }
  }
}`;

const COUNT = `query ($code: String) { subsidyApplications(policyCode: $code, first: 500) { totalCount } }`;

describe('applications', () => {
  it('submits once per idempotency key: a retry returns the first application, a reused key for another request is refused', async () => {
    const submitter = await coordinator('211402001', 'clerk-a');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const assessment = await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter);
    const k = key();
    const first = await ok(SUBMIT, submission(assessment, k), submitter);
    expect(first.submitSubsidyApplication).toMatchObject({ status: 'SUBMITTED', amountFen: 30_000, period: thisMonth(), policy: { code: 'SOCIAL_INSURANCE_4050', version: 2 } });
    // Retries, also at the same time, find the same application.
    const retries = await Promise.all([1, 2, 3].map(() => ok(SUBMIT, submission(assessment, k), submitter)));
    expect(new Set(retries.map((r) => r.submitSubsidyApplication.id))).toEqual(new Set([first.submitSubsidyApplication.id]));
    const reused = await gql(SUBMIT, submission(assessment, k, '2000-01'), submitter);
    expect(codesOf(reused)).toEqual(['CONFLICT']);
    const mine = await ok(`query ($id: ID!) { resident(id: $id) { subsidyApplications { id } } }`, { id: woman.id }, submitter);
    expect(mine.resident.subsidyApplications).toEqual([{ id: first.submitSubsidyApplication.id }]);
  });

  it('refuses bad input with a stable code and writes nothing', async () => {
    const submitter = await coordinator('211402', 'clerk-b');
    const woman = await fortyFiftyWoman();
    const assessment = await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter);
    const [body, signature] = assessment.split('.');
    const forged = Buffer.from(body!, 'base64url').toString('utf8').replace('"version":2', '"version":1');
    const cases: [Record<string, unknown>, string, string][] = [
      [submission(`${Buffer.from(forged).toString('base64url')}.${signature}`, key()), 'BAD_USER_INPUT', 'assessment'],
      [submission('not-an-assessment', key()), 'BAD_USER_INPUT', 'assessment'],
      [submission(assessment, 'short'), 'BAD_USER_INPUT', 'idempotencyKey'],
      [submission(assessment, key(), '2026-13'), 'BAD_USER_INPUT', 'period'],
      [submission(assessment, key(), '2099-01'), 'BAD_USER_INPUT', 'period'],
      [submission(assessment, key(), thisMonth(), { documents: [] }), 'BAD_USER_INPUT', 'documents'],
      [submission(assessment, key(), thisMonth(), { baseFen: 1000 }), 'BAD_USER_INPUT', 'baseFen'],
    ];
    for (const [variables, code, field] of cases) {
      const result = await gql(SUBMIT, variables, submitter);
      expect(codesOf(result), JSON.stringify(result.errors)).toEqual([code]);
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(result.errors![0]!.message).not.toMatch(/select|insert|postgres|stack/i);
    }
    // Her own applications, not a count of everyone's: other files submit 4050 applications at the same time.
    expect((await ok(`query ($id: ID!) { resident(id: $id) { subsidyApplications { id } } }`, { id: woman.id }, await adminToken())).resident.subsidyApplications).toEqual([]);
  });

  it('needs a second official to decide (four eyes), records every step in the audit trail, and moves only forward', async () => {
    const submitter = await coordinator('211402001001', 'clerk-c');
    const approver = await coordinator('211402', 'officer-c');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const assessment = await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter);
    const id = (await ok(SUBMIT, submission(assessment, key()), submitter)).submitSubsidyApplication.id;

    const own = await gql(APPROVE, { id }, submitter);
    expect(codesOf(own)).toEqual(['FORBIDDEN']);
    expect(own.errors![0]!.message).toMatch(/four eyes/);
    // The same person signed in with another region is still the same person.
    expect(codesOf(await gql(APPROVE, { id }, await tokenFor({ role: 'COORDINATOR', sub: 'clerk-c', regionCode: '2114' })))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(PAY, { id, ref: 'YH-0001' }, approver))).toEqual(['CONFLICT']);

    const approved = await ok(APPROVE, { id }, approver);
    expect(approved.approveSubsidyApplication).toMatchObject({ status: 'APPROVED', decidedBy: 'COORDINATOR:officer-c@211402' });
    expect(codesOf(await gql(REJECT, { id, reason: '材料不全' }, approver))).toEqual(['CONFLICT']);
    const paid = await ok(PAY, { id, ref: 'YH-20261125-0001' }, approver);
    expect(paid.recordSubsidyPayout).toMatchObject({ status: 'PAID', paidFen: 30_000 });

    const { subsidyApplication: app } = await ok(APPLICATION, { id }, approver);
    expect(app.auditTrail.map((e: any) => [e.step, e.by])).toEqual([
      ['SUBMITTED', 'COORDINATOR:clerk-c@211402001001'],
      ['APPROVED', 'COORDINATOR:officer-c@211402'],
      ['PAID', 'COORDINATOR:officer-c@211402'],
    ]);
    expect(app.auditTrail[2].note).toBe('YH-20261125-0001');
    expect(app.documents).toEqual([{ kind: '灵活就业登记证明', reference: expect.stringMatching(/^LH-/) }]);
  });

  it('rejects with a reason, by an official of the applicant\'s region only', async () => {
    const submitter = await coordinator('211402', 'clerk-d');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter), key()), submitter)).submitSubsidyApplication.id;
    const outsider = await coordinator('211481', 'officer-xingcheng');
    // Outside the region the application is not even visible.
    expect(codesOf(await gql(APPROVE, { id }, outsider))).toEqual(['NOT_FOUND']);
    expect(codesOf(await gql(APPLICATION, { id }, outsider))).toEqual(['NOT_FOUND']);
    const community = await coordinator(COMMUNITY.lianshan2, 'officer-next-door');
    expect(codesOf(await gql(REJECT, { id, reason: '材料不全' }, community))).toEqual(['NOT_FOUND']);
    const employerId = await employer();
    expect(codesOf(await gql(APPROVE, { id }, await employerToken(employerId)))).toEqual(['NOT_FOUND']);
    const centre = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId: '00000000-0000-4000-8000-000000000000' });
    expect(codesOf(await gql(APPROVE, { id }, centre))).toEqual(['NOT_FOUND']);

    const officer = await coordinator('2114', 'officer-city');
    expect(codesOf(await gql(REJECT, { id, reason: ' ' }, officer))).toEqual(['BAD_USER_INPUT']);
    const rejected = await ok(REJECT, { id, reason: '未提供社会保险缴费凭证' }, officer);
    expect(rejected.rejectSubsidyApplication).toEqual({ id, status: 'REJECTED', rejectionReason: '未提供社会保险缴费凭证' });
    expect(codesOf(await gql(APPROVE, { id }, officer))).toEqual(['CONFLICT']);
  });

  it('asks a signed-out caller to sign in, for the list and for one application alike', async () => {
    const submitter = await coordinator('211402', 'clerk-anon');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter), key()), submitter)).submitSubsidyApplication.id;
    expect(codesOf(await gql(COUNT, {}))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(APPLICATION, { id }))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await gql(APPLICATION, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets an employer apply for itself and see only its own applications', async () => {
    const { employerId } = await employerThatHiredHardToEmploy('211481', COMMUNITY.xingcheng);
    const boss = await employerToken(employerId);
    const assessment = verdictFor(await employerEligibility(employerId, boss), 'EMPLOYER_HARD_TO_EMPLOY_HIRE').assessment!;
    const id = (await ok(SUBMIT, submission(assessment, key()), boss)).submitSubsidyApplication.id;
    const other = await employer('211481');
    const otherBoss = await employerToken(other);
    // Another employer can neither use the assessment nor see the application.
    expect(codesOf(await gql(SUBMIT, submission(assessment, key()), otherBoss))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(APPLICATION, { id }, otherBoss))).toEqual(['NOT_FOUND']);
    const theirs = await ok(`{ subsidyApplications { totalCount nodes { id } } }`, {}, otherBoss);
    expect(theirs.subsidyApplications).toEqual({ totalCount: 0, nodes: [] });
    const ours = await ok(`{ subsidyApplications { totalCount nodes { id amountFen employer { id } } } }`, {}, boss);
    expect(ours.subsidyApplications).toEqual({ totalCount: 1, nodes: [{ id, amountFen: 40_000, employer: { id: employerId } }] });
    const listed = await ok(`query ($id: ID!) { employer(id: $id) { subsidyApplications { id } } }`, { id: employerId }, otherBoss);
    expect(listed.employer.subsidyApplications).toEqual([]);
    // It cannot decide on its own application; the district's official can.
    expect(codesOf(await gql(APPROVE, { id }, boss))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(APPROVE, { id }, await coordinator('211402', 'officer-lianshan')))).toEqual(['NOT_FOUND']);
    expect((await ok(APPROVE, { id }, await coordinator('211481', 'officer-xc'))).approveSubsidyApplication.status).toBe('APPROVED');
    // A staff member cannot apply for a person outside their region.
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const assessmentLianshan = await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050');
    expect(codesOf(await gql(SUBMIT, submission(assessmentLianshan, key()), await coordinator('211481', 'clerk-xc')))).toEqual(['FORBIDDEN']);
  });
});

describe('policy versions', () => {
  const PUBLISH = `mutation ($input: PublishSubsidyPolicyInput!) { publishSubsidyPolicy(input: $input) { id code version validFrom validTo amount { kind fen description } conditions } }`;
  const policy = (code: string, validFrom: string, fen: number) => ({
    input: {
      code,
      name: '社区就业见习补贴（测试）',
      kind: 'PERSON',
      legalBasis: '葫芦岛市就业见习管理办法（测试）',
      validFrom,
      rule: JSON.stringify({ all: [{ fact: 'regionCode', op: 'within', value: ['211402'], label: 'lives in 连山区' }, { fact: 'monthsUnemployed', op: 'atLeast', value: 0, label: 'is on the register' }] }),
      amount: JSON.stringify({ kind: 'FIXED', fen }),
    },
  });

  it('judges an application by the version in force on its date, and never changes a version retroactively', async () => {
    const admin = await adminToken();
    const code = `TRAINEESHIP_${Date.now()}`;
    expect(codesOf(await gql(PUBLISH, policy(code, '2020-01-01', 10_000), await coordinator('2114')))).toEqual(['FORBIDDEN']);
    const v1 = await ok(PUBLISH, policy(code, '2020-01-01', 10_000), admin);
    expect(v1.publishSubsidyPolicy).toMatchObject({ version: 1, validTo: null, amount: { kind: 'FIXED', fen: 10_000, description: '¥100.00, once' }, conditions: ['lives in 连山区', 'is on the register'] });
    const v2 = await ok(PUBLISH, policy(code, daysAgo(10), 20_000), admin);
    expect(v2.publishSubsidyPolicy).toMatchObject({ version: 2, validFrom: daysAgo(10) });
    const versions = await ok(`query ($code: String!) { subsidyPolicyVersions(code: $code) { version validFrom validTo } }`, { code }, admin);
    expect(versions.subsidyPolicyVersions).toEqual([
      { version: 1, validFrom: '2020-01-01', validTo: daysAgo(11) },
      { version: 2, validFrom: daysAgo(10), validTo: null },
    ]);

    const submitter = await coordinator('211402', 'clerk-v');
    const person = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const older = verdictFor(await residentEligibility(person.id, submitter, daysAgo(20)), code);
    expect(older).toMatchObject({ eligible: true, policy: { version: 1 }, estimatedAmountFen: 10_000 });
    const current = verdictFor(await residentEligibility(person.id, submitter), code);
    expect(current).toMatchObject({ eligible: true, policy: { version: 2 }, estimatedAmountFen: 20_000 });

    const a1 = await ok(SUBMIT, submission(older.assessment!, key(), daysAgo(20).slice(0, 7)), submitter);
    expect(a1.submitSubsidyApplication).toMatchObject({ appliedOn: daysAgo(20), amountFen: 10_000, policy: { version: 1 } });
    const a2 = await ok(SUBMIT, submission(current.assessment!, key()), submitter);
    expect(a2.submitSubsidyApplication).toMatchObject({ amountFen: 20_000, policy: { version: 2 } });

    // A version starting on or before a judged application's date would rewrite its basis.
    const retro = await gql(PUBLISH, policy(code, daysAgo(0), 30_000), admin);
    expect(codesOf(retro)).toEqual(['CONFLICT']);
    // Someone outside the rule's region is told why.
    const away = await fortyFiftyWoman({ communityCode: COMMUNITY.xingcheng });
    expect(verdictFor(await residentEligibility(away.id), code)).toMatchObject({ eligible: false, missingConditions: ['lives in 连山区'] });
    // An assessment made under a version that has since been replaced on its date is refused.
    const code2 = `TRAINEESHIP_B_${Date.now()}`;
    await ok(PUBLISH, policy(code2, '2020-01-01', 10_000), admin);
    const stale = verdictFor(await residentEligibility(person.id, submitter), code2).assessment!;
    await ok(PUBLISH, policy(code2, daysAgo(1), 15_000), admin);
    expect(codesOf(await gql(SUBMIT, submission(stale, key()), submitter))).toEqual(['CONFLICT']);
  });

  it('pays a fixed sum once per beneficiary: a second approval, for another month, is refused and changes nothing', async () => {
    const admin = await adminToken();
    const code = `ONE_OFF_${Date.now()}`;
    await ok(PUBLISH, policy(code, '2020-01-01', 10_000), admin);
    const submitter = await coordinator('211402', 'clerk-once');
    const officer = await coordinator('211402', 'officer-once');
    const person = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const assessment = verdictFor(await residentEligibility(person.id, submitter), code).assessment!;
    const [year, month] = thisMonth().split('-').map(Number) as [number, number];
    const lastMonth = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
    const first = (await ok(SUBMIT, submission(assessment, key()), submitter)).submitSubsidyApplication.id;
    const second = (await ok(SUBMIT, submission(assessment, key(), lastMonth), submitter)).submitSubsidyApplication.id;
    await ok(APPROVE, { id: first }, officer);

    const refused = await gql(APPROVE, { id: second }, officer);
    expect(codesOf(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toBe('社区就业见习补贴（测试） is paid once, and it is already approved for this person.');
    expect(refused.errors![0]!.extensions!.maxPeriods).toBe(1);
    const after = (await ok(APPLICATION, { id: second }, officer)).subsidyApplication;
    expect(after).toMatchObject({ status: 'SUBMITTED', decidedBy: null, period: lastMonth });
    expect(after.auditTrail.map((e: any) => e.step)).toEqual(['SUBMITTED']);
    // It can still be closed with a reason.
    expect((await ok(REJECT, { id: second, reason: '一次性补贴已享受' }, officer)).rejectSubsidyApplication.status).toBe('REJECTED');

    // A programme that pays a fixed sum more than once says so.
    const twice = await ok(PUBLISH, { input: { ...policy(`TWICE_${Date.now()}`, '2020-01-01', 10_000).input, amount: JSON.stringify({ kind: 'FIXED', fen: 10_000, maxPeriods: 2 }) } }, admin);
    expect(twice.publishSubsidyPolicy.amount.description).toBe('¥100.00, for at most 2 periods');
  });

  it('refuses rules and amounts it does not understand', async () => {
    const admin = await adminToken();
    const bad = (patch: Record<string, unknown>) => gql(PUBLISH, { input: { ...policy(`BAD_${Date.now()}`, '2020-01-01', 100).input, ...patch } }, admin);
    const notJson = await bad({ rule: '{all:' });
    expect(codesOf(notJson)).toEqual(['BAD_USER_INPUT']);
    expect(notJson.errors![0]!.extensions!.field).toBe('rule');
    expect(codesOf(await bad({ rule: JSON.stringify({ fact: 'income', op: 'below', value: 1, label: 'is poor' }) }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bad({ amount: JSON.stringify({ kind: 'FIXED', fen: 12.5 }) }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bad({ amount: JSON.stringify({ kind: 'FIXED', fen: 100, maxPeriods: 0 }) }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bad({ code: 'lower case' }))).toEqual(['BAD_USER_INPUT']);
  });
});
