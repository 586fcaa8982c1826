import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok } from '../support/hub';
import { COMMUNITY } from '../support/fixtures';
import { APPROVE, coordinator, daysAgo, fortyFiftyWoman, key, PAY, personAssessment, submission, SUBMIT } from './helpers';

const REVERSE = `mutation ($id: ID!, $reason: String!, $ref: String!) {
  reverseSubsidyPayout(payoutId: $id, reason: $reason, reference: $ref) { id status paidFen payouts { kind amountFen reverses reason } auditTrail { step } }
}`;

describe('payouts are never made twice', () => {
  it('approves one of several applications for the same person, policy and month when the approvals race, and pays it once', async () => {
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    // Four officials each submit an application for the same month (a paper one, a counter one…).
    const submitters = await Promise.all([1, 2, 3, 4].map((i) => coordinator('211402', `clerk-race-${i}`)));
    const ids: string[] = [];
    for (const token of submitters) {
      const assessment = await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', token);
      ids.push((await ok(SUBMIT, submission(assessment, key()), token)).submitSubsidyApplication.id);
    }
    expect(new Set(ids).size).toBe(4);

    const approvers = await Promise.all([1, 2, 3, 4].map((i) => coordinator('211402', `officer-race-${i}`)));
    const results = await Promise.all(ids.map((id, i) => gql(APPROVE, { id }, approvers[i])));
    const approved = results.filter((r) => r.data?.approveSubsidyApplication?.status === 'APPROVED');
    expect(approved).toHaveLength(1);
    expect(results.flatMap(codesOf).sort()).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    const winner = approved[0]!.data!.approveSubsidyApplication.id as string;

    // Paying it at the same time from five desks makes one payment.
    const payments = await Promise.all([1, 2, 3, 4, 5].map((i) => gql(PAY, { id: winner, ref: `YH-RACE-${i}` }, approvers[0])));
    expect(payments.filter((p) => p.data?.recordSubsidyPayout?.status === 'PAID')).toHaveLength(1);
    expect(payments.flatMap(codesOf)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE']);

    const all = await ok(`query ($id: ID!) { resident(id: $id) { subsidyApplications { status payouts { kind amountFen } } } }`, { id: woman.id }, await adminToken());
    const ledger = all.resident.subsidyApplications.flatMap((a: any) => a.payouts);
    expect(ledger).toEqual([{ kind: 'PAYMENT', amountFen: 30_000 }]);
    expect(all.resident.subsidyApplications.map((a: any) => a.status).sort()).toEqual(['PAID', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
  });

  it('reverses a payment with a new, negative entry, once, and does not pay the month again', async () => {
    const submitter = await coordinator('211402', 'clerk-rev');
    const officer = await coordinator('211402', 'officer-rev');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter), key()), submitter)).submitSubsidyApplication.id;
    await ok(APPROVE, { id }, officer);
    const paid = await ok(PAY, { id, ref: 'YH-REV-0001' }, officer);
    const paymentId = paid.recordSubsidyPayout.payouts[0].id;
    expect(codesOf(await gql(REVERSE, { id: paymentId, reason: '重复发放', ref: 'TH-1' }, await coordinator('211481', 'officer-away')))).toEqual(['NOT_FOUND']);
    const reversed = await ok(REVERSE, { id: paymentId, reason: '收款账户有误，退回', ref: 'TH-REV-0001' }, officer);
    expect(reversed.reverseSubsidyPayout).toMatchObject({
      status: 'PAID',
      paidFen: 0,
      payouts: [
        { kind: 'PAYMENT', amountFen: 30_000, reverses: null, reason: null },
        { kind: 'REVERSAL', amountFen: -30_000, reverses: paymentId, reason: '收款账户有误，退回' },
      ],
      auditTrail: [{ step: 'SUBMITTED' }, { step: 'APPROVED' }, { step: 'PAID' }, { step: 'REVERSED' }],
    });
    expect(codesOf(await gql(REVERSE, { id: paymentId, reason: '再次冲正', ref: 'TH-REV-0002' }, officer))).toEqual(['DUPLICATE']);
    expect(codesOf(await gql(PAY, { id, ref: 'YH-REV-0002' }, officer))).toEqual(['DUPLICATE']);
  });

  it('refuses a payment dated before the approval, and records nothing', async () => {
    const submitter = await coordinator('211402', 'clerk-early');
    const officer = await coordinator('211402', 'officer-early');
    const woman = await fortyFiftyWoman({ communityCode: COMMUNITY.lianshan });
    const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', submitter), key()), submitter)).submitSubsidyApplication.id;
    await ok(APPROVE, { id }, officer);
    const PAY_ON = `mutation ($id: ID!, $ref: String!, $on: Date) { recordSubsidyPayout(applicationId: $id, reference: $ref, paidOn: $on) { status paidFen payouts { paidOn } } }`;
    const early = await gql(PAY_ON, { id, ref: 'YH-EARLY-1', on: daysAgo(1) }, officer);
    expect(codesOf(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.extensions!.field).toBe('paidOn');
    expect(early.errors![0]!.message).toBe(`This application was approved on ${daysAgo(0)}; it cannot have been paid before that.`);
    const after = await ok(`query ($id: ID!) { subsidyApplication(id: $id) { status payouts { id } auditTrail { step } } }`, { id }, officer);
    expect(after.subsidyApplication).toEqual({ status: 'APPROVED', payouts: [], auditTrail: [{ step: 'SUBMITTED' }, { step: 'APPROVED' }] });
    // Paid on the day of the approval is fine.
    expect((await ok(PAY_ON, { id, ref: 'YH-EARLY-2', on: daysAgo(0) }, officer)).recordSubsidyPayout).toEqual({ status: 'PAID', paidFen: 30_000, payouts: [{ paidOn: daysAgo(0) }] });
  });
});
