import { EMPLOYED_STATUSES, ErrorCode, HubError, isUuid, requireRegionAccess, todayIso } from '@hub/common';
import { builder } from '../builder';
import { groupDeclarations, residents, residentSkills } from '../db/schema';
import { syncCases } from '../cases/sync';
import { recordEvents } from '../register/history';
import { checkIdentity, checkName, checkPhone, checkEvidence, checkIncome, normaliseIntention, normaliseSkills } from '../register/normalise';
import { actor } from '../register/actor';
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
    migrationDestination: t.string({ required: false }),
    skills: t.field({ type: [SkillInput], required: false, defaultValue: [] }),
    jobIntention: t.field({ type: JobIntentionInput, required: false }),
    declaredGroups: t.field({ type: [GroupDeclarationInput], required: false, defaultValue: [] }),
  }),
});

const invalid = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

builder.mutationField('registerResident', (t) =>
  t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'Adds a person to the real-name register (实名制登记), in an existing household.',
    args: { input: t.arg({ type: RegisterResidentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const today = todayIso();
      const identityNumber = checkIdentity(input);
      const name = checkName(input.name);
      const phone = checkPhone(input.phone);
      const statusSince = input.statusSince ?? today;
      if (statusSince > today || statusSince < input.birthDate) {
        throw invalid('The status date must lie between the birth date and today.', 'statusSince');
      }
      const employerId = input.employerId == null ? null : String(input.employerId);
      if (employerId !== null && (!isUuid(employerId) || !EMPLOYED_STATUSES.has(input.employmentStatus))) {
        throw invalid('An employer can be given only for someone in work, as the id of a registered employer.', 'employerId');
      }
      const migrationDestination = input.migrationDestination?.trim() || null;
      if (migrationDestination && input.employmentStatus !== 'MIGRATED') {
        throw invalid('A migration destination is recorded only for someone working away (MIGRATED).', 'migrationDestination');
      }
      const monthlyIncome = checkIncome(input.monthlyIncome);
      const skills = normaliseSkills(input.skills ?? []);
      const intention = input.jobIntention ? normaliseIntention(input.jobIntention) : null;
      const declared = (input.declaredGroups ?? []).map((d) => ({ group: d.group, evidence: checkEvidence(d.evidence) }));
      const household = await householdLoader(ctx).load(String(input.householdId));
      if (!household) throw new HubError(ErrorCode.NOT_FOUND, `Household ${input.householdId} does not exist.`, { field: 'householdId' });
      requireRegionAccess(ctx.viewer, household.communityCode);
      const by = actor(ctx.viewer);

      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(residents)
          .values({
            householdId: household.id,
            communityCode: household.communityCode,
            identityNumber,
            name,
            gender: input.gender,
            birthDate: input.birthDate,
            phone,
            employmentStatus: input.employmentStatus,
            statusSince,
            employerId,
            jobIntention: intention,
            monthlyIncome,
            migrationDestination,
          })
          .onConflictDoNothing({ target: residents.identityNumber })
          .returning();
        if (!row) throw new HubError(ErrorCode.DUPLICATE, 'Someone with this identity number is already registered.', { field: 'identityNumber' });
        if (skills.length) await tx.insert(residentSkills).values(skills.map((s) => ({ ...s, residentId: row.id })));
        if (declared.length) {
          await tx.insert(groupDeclarations).values(declared.map((d) => ({ ...d, residentId: row.id, declaredOn: today, declaredBy: by })));
        }
        await recordEvents(tx, [
          {
            residentId: row.id,
            kind: 'REGISTERED',
            effectiveOn: today,
            by,
            details: { employmentStatus: row.employmentStatus, statusSince, skills: skills.map((s) => s.name), declaredGroups: declared.map((d) => d.group) },
          },
        ]);
        await syncCases(tx, [household.id], today, by);
        return row;
      });
    },
  }),
);
