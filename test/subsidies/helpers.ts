import { expect } from 'vitest';
import { adminToken, gql, ok, tokenFor } from '../support/hub';
import { employer, refer, resident, untilKnown, vacancy, type PersonSpec } from '../support/fixtures';

export const today = () => new Date().toISOString().slice(0, 10);
export const thisMonth = () => today().slice(0, 7);
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export const coordinator = (regionCode: string, sub = `coordinator-${regionCode}`) => tokenFor({ role: 'COORDINATOR', sub, regionCode });
export const employerToken = (employerId: string) => tokenFor({ role: 'EMPLOYER', sub: `boss-${employerId}`, employerId });

export interface Eligibility {
  policy: { code: string; version: number };
  eligible: boolean;
  metConditions: string[];
  missingConditions: string[];
  estimatedAmountFen: number | null;
  assessment: string | null;
}

const ELIGIBILITY = 'policy { code version } eligible metConditions missingConditions estimatedAmountFen assessment';

export async function residentEligibility(residentId: string, token?: string, on?: string): Promise<Eligibility[]> {
  const data = await ok(
    `query ($id: ID!, $on: Date) { resident(id: $id) { eligibleSubsidies(on: $on) { ${ELIGIBILITY} } } }`,
    { id: residentId, on },
    token ?? (await adminToken()),
  );
  return data.resident.eligibleSubsidies;
}

export async function employerEligibility(employerId: string, token?: string): Promise<Eligibility[]> {
  const data = await ok(`query ($id: ID!) { employer(id: $id) { eligibleSubsidies { ${ELIGIBILITY} } } }`, { id: employerId }, token ?? (await adminToken()));
  return data.employer.eligibleSubsidies;
}

export const verdictFor = (list: Eligibility[], code: string) => {
  const found = list.find((e) => e.policy.code === code);
  if (!found) throw new Error(`no verdict for ${code}`);
  return found;
};

/** The assessment of an eligible person for a policy, as staff of `token` get it. */
export async function personAssessment(residentId: string, code: string, token?: string, on?: string) {
  const verdict = verdictFor(await residentEligibility(residentId, token, on), code);
  expect(verdict.eligible, `${code}: missing ${verdict.missingConditions.join('; ')}`).toBe(true);
  return verdict.assessment!;
}

/** A woman of 45 in flexible work: eligible for the 4050 social-insurance subsidy. */
export const fortyFiftyWoman = (spec: PersonSpec = {}) => resident({ age: 45, gender: 'FEMALE', employmentStatus: 'FLEXIBLE', ...spec });

export const SUBMIT = `mutation ($input: SubmitSubsidyApplicationInput!) {
  submitSubsidyApplication(input: $input) { id status amountFen period appliedOn policy { code version } submittedBy }
}`;

export const submission = (assessment: string, idempotencyKey: string, period = thisMonth(), extra: Record<string, unknown> = {}) => ({
  input: { assessment, idempotencyKey, period, documents: [{ kind: '灵活就业登记证明', reference: `LH-${idempotencyKey}` }], ...extra },
});

export const APPROVE = `mutation ($id: ID!) { approveSubsidyApplication(applicationId: $id) { id status decidedBy } }`;
export const REJECT = `mutation ($id: ID!, $reason: String!) { rejectSubsidyApplication(applicationId: $id, reason: $reason) { id status rejectionReason } }`;
export const PAY = `mutation ($id: ID!, $ref: String!) { recordSubsidyPayout(applicationId: $id, reference: $ref) { id status paidFen payouts { id kind amountFen } } }`;

export const key = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** An employer in `districtCode` that hired one hard-to-employ person (a 4050 woman) through a referral. */
export async function employerThatHiredHardToEmploy(districtCode: string, communityCode: string) {
  const admin = await adminToken();
  const employerId = await employer(districtCode);
  const vacancyId = await vacancy(employerId, { locationCode: communityCode, headcount: 3 });
  const person = await resident({ age: 45, gender: 'FEMALE', communityCode });
  const referred = await refer(person.id, vacancyId);
  expect(referred.errors).toBeUndefined();
  await ok(`mutation ($id: ID!) { recordReferralOutcome(referralId: $id, outcome: HIRED) { outcome } }`, { id: referred.data!.referResident.id }, admin);
  return { employerId, vacancyId, personId: person.id };
}

export { gql, ok, untilKnown };
