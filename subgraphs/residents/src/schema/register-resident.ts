import { actorOf, ErrorCode, HubError, requireRegionAccess, todayIso } from '@hub/common';
import { builder } from '../builder';
import { idempotencyKeys, residents } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { EducationLevelEnum } from './enums';
import { syncCases } from '../cases/sync';
import { checkNewResident, insertResident } from '../register/new-resident';
import { EmploymentStatusEnum, GenderEnum } from './enums';
import { householdLoader, ResidentRef } from './household';
import { GroupDeclarationInput, JobIntentionInput, SkillInput } from './inputs';

const RegisterResidentInput = builder.inputType('RegisterResidentInput', {
  fields: (t) => ({
    householdId: t.id({ required: true }),
    name: t.string({ required: true }),
    identityNumber: t.string({ required: true, description: '18-character resident identity number (GB 11643-1999).' }),
    gender: t.field({ type: GenderEnum, required: true }),
    birthDate: t.field({ type: 'Date', required: true }),
    phone: t.string({ required: false }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, required: true }),
    statusSince: t.field({ type: 'Date', required: false, description: 'Defaults to today.' }),
    employerId: t.id({ required: false, description: 'For someone employed: the employer, if registered in the hub.' }),
    monthlyIncome: t.int({ required: false }),
    education: t.field({ type: EducationLevelEnum, required: false }),
    migrationDestination: t.string({ required: false }),
    skills: t.field({ type: [SkillInput], required: false, defaultValue: [] }),
    jobIntention: t.field({ type: JobIntentionInput, required: false }),
    declaredGroups: t.field({ type: [GroupDeclarationInput], required: false, defaultValue: [] }),
  }),
});

builder.mutationField('registerResident', (t) =>
  t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'Adds a person to the real-name register (实名制登记), in an existing household.',
    args: { input: t.arg({ type: RegisterResidentInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: residents }, async (_root, { input }, ctx) => {
      const today = todayIso();
      const person = checkNewResident(input, today);
      const household = await householdLoader(ctx).load(String(input.householdId));
      if (!household) throw new HubError(ErrorCode.NOT_FOUND, `Household ${input.householdId} does not exist.`, { field: 'householdId' });
      requireRegionAccess(ctx.viewer, household.communityCode);
      const by = actorOf(ctx.viewer);
      return ctx.db.transaction(async (tx) => {
        const row = await insertResident(tx, household, person, by, today);
        await syncCases(tx, [household.id], today, by);
        return row;
      });
    }),
  }),
);
