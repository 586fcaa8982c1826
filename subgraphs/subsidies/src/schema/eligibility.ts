import { canSeePersonalData, ErrorCode, HubError, todayIso } from '@hub/common';
import { builder, type SubsidiesContext } from '../builder';
import { amountFor } from '../policies/amount';
import { signAssessment } from '../policies/assessment';
import { evaluate, type Facts, type Verdict } from '../policies/rule';
import { DifficultyGroupEnum, EMPLOYER_FACTS, EmployerRef, EmploymentStatusEnum, GenderEnum, RegionRef, RESIDENT_FACTS, ResidentRef, type EmployerFacts, type ResidentFacts } from './external';
import { applicationDate, PolicyKindEnum, policiesInForce, SubsidyPolicyType, type PolicyRow } from './policy';

interface Eligibility extends Verdict {
  policy: PolicyRow;
  estimatedAmountFen: number | null;
  assessment: string | null;
}

const EligibilityType = builder.objectRef<Eligibility>('SubsidyEligibility').implement({
  description: 'Whether an applicant qualifies for a policy, why or why not, and about how much it pays.',
  fields: (t) => ({
    policy: t.field({ type: SubsidyPolicyType, resolve: (e) => e.policy }),
    eligible: t.exposeBoolean('eligible'),
    metConditions: t.exposeStringList('met'),
    missingConditions: t.exposeStringList('missing'),
    estimatedAmountFen: t.exposeInt('estimatedAmountFen', {
      nullable: true,
      description: 'One period\'s amount in fen, for an eligible applicant; null when it depends on a base the application states.',
    }),
    assessment: t.exposeString('assessment', {
      nullable: true,
      description: 'For an eligible applicant: the signed verdict, valid for a day, to pass to submitSubsidyApplication or recordPolicyDelivery.',
    }),
  }),
});

/** Every policy of `kind` in force on `on`, eligible ones first; assessments only when `subject` names a real applicant. */
async function judge(
  ctx: SubsidiesContext,
  kind: PolicyRow['kind'],
  facts: Facts,
  on: string,
  subject: { beneficiaryId: string; regionCode: string } | null,
  baseFen: number | null = null,
): Promise<Eligibility[]> {
  const policies = (await policiesInForce(ctx, on)).filter((p) => p.kind === kind);
  return policies
    .map((policy) => {
      const verdict = evaluate(policy.rule, facts);
      const assessment =
        verdict.eligible && subject
          ? signAssessment({
              kind,
              ...subject,
              policyId: policy.id,
              policyCode: policy.code,
              version: policy.version,
              on,
              met: verdict.met,
              facts,
              issuedAt: Date.now(),
            })
          : null;
      return { policy, ...verdict, estimatedAmountFen: verdict.eligible ? amountFor(policy.amount, facts, baseFen) : null, assessment };
    })
    .sort((a, b) => Number(b.eligible) - Number(a.eligible));
}

/** Whole months from `since` to `on`. */
function monthsBetween(since: string, on: string): number {
  const [sy, sm, sd] = since.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return Math.max(0, (oy - sy) * 12 + (om - sm) - (od < sd ? 1 : 0));
}

export const residentFacts = (r: ResidentFacts, on: string): Facts => ({
  age: r.age,
  gender: r.gender,
  employmentStatus: r.employmentStatus,
  difficultyGroups: r.difficultyGroups,
  monthsUnemployed: r.employmentStatus === 'UNEMPLOYED' ? monthsBetween(r.statusSince, on) : 0,
  accreditedCoursesPassed: r.accreditedCoursesPassed,
  regionCode: r.community.code,
});

const employerFacts = (e: EmployerFacts): Facts => ({
  hardToEmployHires: e.hardToEmployHires,
  orderedTrainingGraduates: e.orderedTrainingGraduates,
  regionCode: e.district.code,
});

const ON = 'The application\'s date: today (default) or up to 90 days back. Policies are those in force that day.';

ResidentRef.implement({
  externalFields: (t) => ({
    // Nullable as the register declares them: a field it withholds from the viewer is null.
    age: t.int({ nullable: true }),
    gender: t.field({ type: GenderEnum, nullable: true }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, nullable: true }),
    statusSince: t.field({ type: 'Date', nullable: true }),
    difficultyGroups: t.field({ type: [DifficultyGroupEnum], nullable: true, args: { asOf: t.arg({ type: 'Date', required: false }) } }),
    community: t.field({ type: RegionRef, nullable: true }),
    accreditedCoursesPassed: t.int({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    eligibleSubsidies: t.field({
      type: [EligibilityType],
      nullable: true,
      authScopes: { staff: true },
      description: 'Every person policy in force, eligible ones first, with the conditions met and missing. For staff whose region contains the person.',
      args: { on: t.arg({ type: 'Date', required: false, description: ON }) },
      requires: builder.selection<ResidentFacts>(RESIDENT_FACTS),
      resolve: (resident, args, ctx) => {
        // Staff whose region contains the person: eligibility says things like disability.
        if (!resident.community || !canSeePersonalData(ctx.viewer, resident.community.code)) {
          throw new HubError(ErrorCode.FORBIDDEN, 'This person lives outside your region; their eligibility is for the staff there.');
        }
        const on = applicationDate(args.on);
        return judge(ctx, 'PERSON', residentFacts(resident, on), on, { beneficiaryId: resident.id, regionCode: resident.community.code });
      },
    }),
  }),
});

EmployerRef.implement({
  externalFields: (t) => ({
    district: t.field({ type: RegionRef, nullable: true }),
    hardToEmployHires: t.int({ nullable: true }),
    orderedTrainingGraduates: t.int({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    eligibleSubsidies: t.field({
      type: [EligibilityType],
      nullable: true,
      description: 'Every employer policy in force, eligible ones first: for staff of the employer\'s district and the employer itself.',
      args: { on: t.arg({ type: 'Date', required: false, description: ON }) },
      requires: builder.selection<EmployerFacts>(EMPLOYER_FACTS),
      resolve: (employer, args, ctx) => {
        const v = ctx.viewer;
        // The verdict and its signed assessment are the employer's business, as its applications are.
        if (v?.role === 'EMPLOYER' ? v.employerId !== employer.id : !canSeePersonalData(v, employer.district.code)) {
          throw new HubError(
            ErrorCode.FORBIDDEN,
            v?.role === 'EMPLOYER' ? 'An employer sees only its own subsidies.' : 'This employer is registered outside your region; its subsidies are for the staff there.',
          );
        }
        const on = applicationDate(args.on);
        return judge(ctx, 'EMPLOYER', employerFacts(employer), on, { beneficiaryId: employer.id, regionCode: employer.district.code });
      },
    }),
  }),
});

const HypotheticalApplicantInput = builder.inputType('HypotheticalApplicantInput', {
  description: 'Facts about someone who need not be in the register, as a coordinator hears them at the door. Leave out what is not known.',
  fields: (t) => ({
    age: t.int({ required: false }),
    gender: t.field({ type: GenderEnum, required: false }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, required: false }),
    difficultyGroups: t.field({ type: [DifficultyGroupEnum], required: false }),
    monthsUnemployed: t.int({ required: false }),
    accreditedCoursesPassed: t.int({ required: false }),
    regionCode: t.id({ required: false }),
    hardToEmployHires: t.int({ required: false }),
    orderedTrainingGraduates: t.int({ required: false }),
    baseFen: t.int({ required: false, description: 'For share-of-a-base policies: the base, in fen (a loan\'s interest, a fee).' }),
  }),
});

builder.queryField('subsidyCalculator', (t) =>
  t.field({
    type: [EligibilityType],
    description: '政策计算器: what a hypothetical person or employer would qualify for, and about how much. Nothing is recorded.',
    args: {
      kind: t.arg({ type: PolicyKindEnum, required: false, defaultValue: 'PERSON' }),
      applicant: t.arg({ type: HypotheticalApplicantInput, required: true }),
      on: t.arg({ type: 'Date', required: false, description: 'Policies in force on this date (default today).' }),
    },
    resolve: (_root, args, ctx) => {
      const { baseFen, regionCode, ...rest } = args.applicant;
      for (const [field, value] of Object.entries({ ...rest, baseFen })) {
        if (typeof value === 'number' && (!Number.isInteger(value) || value < 0 || value > 1_000_000_000)) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, `${field} must be a whole number, 0 or more.`, { field });
        }
      }
      if (regionCode != null && !/^\d{2,12}$/.test(String(regionCode))) throw new HubError(ErrorCode.INVALID_REGION_CODE, 'A region code is 2 to 12 digits.', { field: 'regionCode' });
      const facts: Facts = { ...rest, regionCode: regionCode == null ? null : String(regionCode) };
      return judge(ctx, args.kind ?? 'PERSON', facts, args.on ?? todayIso(), null, baseFen ?? null);
    },
  }),
);
