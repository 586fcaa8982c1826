import { todayIso } from '@hub/common';
import { builder } from '../builder';
import { idempotencyKeys } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { EducationLevelEnum } from './enums';
import { importHousehold } from '../register/import-household';
import { DeclaredGroupEnum, EmploymentStatusEnum, GenderEnum } from './enums';
import { JobIntentionInput, SkillInput } from './inputs';

const ImportedMemberInput = builder.inputType('ImportedMemberInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    identityNumber: t.string({ required: true }),
    gender: t.field({ type: GenderEnum, required: true }),
    birthDate: t.field({ type: 'Date', required: true }),
    phone: t.string({ required: false }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, required: true }),
    monthlyIncome: t.int({ required: false }),
    education: t.field({ type: EducationLevelEnum, required: false }),
    skills: t.field({ type: [SkillInput], required: false }),
    jobIntention: t.field({ type: JobIntentionInput, required: false }),
    migrationDestination: t.string({ required: false }),
    declaredGroups: t.field({ type: [DeclaredGroupEnum], required: false }),
  }),
});

const HouseholdSurveyInput = builder.inputType('HouseholdSurveyInput', {
  description: 'One household of a survey sheet (入户调查表): the household and everyone in it.',
  fields: (t) => ({
    communityCode: t.id({ required: true }),
    address: t.string({ required: true }),
    situation: t.string({ required: false }),
    evidence: t.string({ required: false, description: 'What declared groups rest on; defaults to the survey itself.' }),
    members: t.field({ type: [ImportedMemberInput], required: true }),
  }),
});

const ImportResultType = builder.objectRef<{ householdId: string; created: number; updated: number }>('HouseholdSurveyResult').implement({
  fields: (t) => ({
    householdId: t.exposeID('householdId'),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
  }),
});

builder.mutationField('importHouseholdSurvey', (t) =>
  t.field({
    type: ImportResultType,
    // Nullable so that in a batch of households one refusal leaves the others' answers intact.
    nullable: true,
    authScopes: { staff: true },
    description:
      'Imports one household of a survey spreadsheet, all or nothing. People are matched by identity number: a re-import updates them and never adds them twice.',
    args: { input: t.arg({ type: HouseholdSurveyInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: async (_ctx, householdId) => ({ householdId, created: 0, updated: 0 }), idOf: (result) => result.householdId }, async (_root, { input }, ctx) =>
      ctx.db.transaction((tx) =>
        importHousehold(
          tx,
          ctx.viewer,
          {
            communityCode: String(input.communityCode),
            address: input.address,
            situation: input.situation ?? null,
            evidence: input.evidence?.trim() || '入户调查表登记',
            members: input.members,
          },
          todayIso(),
        ),
      )),
  }),
);
