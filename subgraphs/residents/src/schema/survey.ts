import { eq, inArray } from 'drizzle-orm';
import { actorOf, ErrorCode, HubError, requireRegionAccess, todayIso } from '@hub/common';
import { builder } from '../builder';
import { EducationLevelEnum } from './enums';
import { households, idempotencyKeys, residents, residentSkills } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { syncCases } from '../cases/sync';
import { recordEvents, type EventInput } from '../register/history';
import { applyMemberSurvey } from '../register/member-survey';
import { HouseholdType } from './household';
import { JobIntentionInput, SkillInput } from './inputs';

const MemberSurveyInput = builder.inputType('MemberSurveyInput', {
  fields: (t) => ({
    residentId: t.id({ required: true }),
    monthlyIncome: t.int({ required: false, description: '收入情况: yuan a month.' }),
    education: t.field({ type: EducationLevelEnum, required: false }),
    jobIntention: t.field({ type: JobIntentionInput, required: false, description: '求职意向.' }),
    skills: t.field({ type: [SkillInput], required: false, description: '职业技能: the full current list; omit to leave unchanged.' }),
    migrationDestination: t.string({ required: false, description: '转移去向, for someone working away.' }),
  }),
});

const RecordSurveyInput = builder.inputType('RecordSurveyInput', {
  fields: (t) => ({
    householdId: t.id({ required: true }),
    surveyedOn: t.field({ type: 'Date', required: false, description: 'Defaults to today.' }),
    situation: t.string({ required: false, description: '家庭状况.' }),
    members: t.field({ type: [MemberSurveyInput], required: true }),
  }),
});

builder.mutationField('recordHouseholdSurvey', (t) =>
  t.field({
    type: HouseholdType,
    authScopes: { staff: true },
    description: 'Records a door-to-door survey ("five clears", 五清) of a household; each change becomes a dated event in the members\' history.',
    args: { input: t.arg({ type: RecordSurveyInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: households }, async (_root, { input }, ctx) =>
      ctx.db.transaction(async (tx) => {
        const today = todayIso();
        const on = input.surveyedOn ?? today;
        if (on > today) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A survey cannot be dated in the future.', { field: 'surveyedOn' });
        const [household] = await tx.select().from(households).where(eq(households.id, String(input.householdId))).for('update');
        if (!household) throw new HubError(ErrorCode.NOT_FOUND, `Household ${input.householdId} does not exist.`, { field: 'householdId' });
        requireRegionAccess(ctx.viewer, household.communityCode);
        const by = actorOf(ctx.viewer);
        const memberIds = input.members.map((m) => String(m.residentId));
        const current = memberIds.length ? await tx.select().from(residents).where(inArray(residents.id, memberIds)) : [];
        const skills = memberIds.length ? await tx.select().from(residentSkills).where(inArray(residentSkills.residentId, memberIds)) : [];
        const events: EventInput[] = [];
        const situation = input.situation?.trim() || null;
        const allMembers = await tx.select({ id: residents.id }).from(residents).where(eq(residents.householdId, household.id));
        if (input.situation != null && situation !== household.situation) {
          for (const m of allMembers) events.push({ residentId: m.id, kind: 'HOUSEHOLD_SITUATION_CHANGED', effectiveOn: on, by, details: { from: household.situation, to: situation } });
        }
        await tx.update(households).set({ ...(input.situation != null ? { situation } : {}), lastSurveyedOn: on }).where(eq(households.id, household.id));

        for (const member of input.members) {
          const person = current.find((p) => p.id === String(member.residentId));
          if (!person || person.householdId !== household.id) {
            throw new HubError(ErrorCode.BAD_USER_INPUT, `Resident ${member.residentId} is not a member of this household.`, { field: 'members' });
          }
          const own = skills.filter((s) => s.residentId === person.id);
          events.push(...(await applyMemberSurvey(tx, person, own, member, on, by)));
        }
        await recordEvents(tx, events);
        await syncCases(tx, [household.id], today, by);
        const [updated] = await tx.select().from(households).where(eq(households.id, household.id));
        return updated!;
      })),
  }),
);
