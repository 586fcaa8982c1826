import { DIFFICULTY_GROUPS, EMPLOYMENT_STATUSES, GENDERS } from '@hub/common';
import { builder } from '../builder';
import { evaluate, type PersonFacts, type Verdict } from '../policies/rule';
import { policiesInForce, SubsidyPolicyType, type PolicyRow } from './policy';

// Named exactly as the residents subgraph names them: the facts are its own.
const GenderEnum = builder.enumType('Gender', { values: GENDERS });
const EmploymentStatusEnum = builder.enumType('EmploymentStatus', { values: EMPLOYMENT_STATUSES });
const DifficultyGroupEnum = builder.enumType('DifficultyGroup', { values: DIFFICULTY_GROUPS });

const EligibilityType = builder.objectRef<Verdict & { policy: PolicyRow }>('SubsidyEligibility').implement({
  description: 'Whether a person qualifies for a policy, and why or why not.',
  fields: (t) => ({
    policy: t.field({ type: SubsidyPolicyType, resolve: (e) => e.policy }),
    eligible: t.exposeBoolean('eligible'),
    metConditions: t.exposeStringList('met'),
    missingConditions: t.exposeStringList('missing'),
  }),
});

const ResidentRef = builder.externalRef('Resident', builder.selection<{ id: string }>('id'));

ResidentRef.implement({
  externalFields: (t) => ({
    age: t.int(),
    gender: t.field({ type: GenderEnum }),
    employmentStatus: t.field({ type: EmploymentStatusEnum }),
    difficultyGroups: t.field({ type: [DifficultyGroupEnum], args: { asOf: t.arg({ type: 'Date', required: false }) } }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    eligibleSubsidies: t.field({
      type: [EligibilityType],
      authScopes: { staff: true },
      description: 'Every person policy in force, eligible ones first, with the conditions met and missing.',
      requires: builder.selection<PersonFacts>('age gender employmentStatus difficultyGroups'),
      resolve: async (resident, _args, ctx) => {
        const policies = (await policiesInForce(ctx)).filter((p) => p.kind === 'PERSON');
        return policies
          .map((policy) => ({ policy, ...evaluate(policy.rule, resident) }))
          .sort((a, b) => Number(b.eligible) - Number(a.eligible));
      },
    }),
  }),
});
