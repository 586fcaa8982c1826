import { eq, inArray } from 'drizzle-orm';
import { ErrorCode, HubError, requireRegionAccess, todayIso } from '@hub/common';
import { builder } from '../builder';
import { households, residents, residentSkills } from '../db/schema';
import { syncCases } from '../cases/sync';
import { actor } from '../register/actor';
import { recordEvents, type EventInput } from '../register/history';
import { checkIncome, normaliseIntention, normaliseSkills } from '../register/normalise';
import { HouseholdType } from './household';
import { JobIntentionInput, SkillInput } from './inputs';

const MemberSurveyInput = builder.inputType('MemberSurveyInput', {
  fields: (t) => ({
    residentId: t.id({ required: true }),
    monthlyIncome: t.int({ required: false, description: '收入情况: yuan a month.' }),
    jobIntention: t.field({ type: JobIntentionInput, required: false, description: '求职意向.' }),
    skills: t.field({ type: [SkillInput], required: false, description: '职业技能: the full current list; omit to leave unchanged.' }),
    migrationDestination: t.string({ required: false, description: '转移去向, for someone working away.' }),
  }),
});

const HouseholdSurveyInput = builder.inputType('HouseholdSurveyInput', {
  fields: (t) => ({
    householdId: t.id({ required: true }),
    surveyedOn: t.field({ type: 'Date', required: false, description: 'Defaults to today.' }),
    situation: t.string({ required: false, description: '家庭状况.' }),
    members: t.field({ type: [MemberSurveyInput], required: true }),
  }),
});

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

builder.mutationField('recordHouseholdSurvey', (t) =>
  t.field({
    type: HouseholdType,
    authScopes: { staff: true },
    description: 'Records a door-to-door survey ("five clears", 五清) of a household; each change becomes a dated event in the members\' history.',
    args: { input: t.arg({ type: HouseholdSurveyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.transaction(async (tx) => {
        const today = todayIso();
        const on = input.surveyedOn ?? today;
        if (on > today) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A survey cannot be dated in the future.', { field: 'surveyedOn' });
        const [household] = await tx.select().from(households).where(eq(households.id, String(input.householdId))).for('update');
        if (!household) throw new HubError(ErrorCode.NOT_FOUND, `Household ${input.householdId} does not exist.`, { field: 'householdId' });
        requireRegionAccess(ctx.viewer, household.communityCode);
        const by = actor(ctx.viewer);
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
          const changed: string[] = [];
          const set: Partial<typeof residents.$inferInsert> = {};
          if (member.monthlyIncome !== undefined) {
            const income = checkIncome(member.monthlyIncome);
            if (income !== person.monthlyIncome) {
              set.monthlyIncome = income;
              changed.push('income');
              events.push({ residentId: person.id, kind: 'INCOME_CHANGED', effectiveOn: on, by, details: { from: person.monthlyIncome, to: income } });
            }
          }
          if (member.jobIntention !== undefined) {
            const intention = member.jobIntention ? normaliseIntention(member.jobIntention) : null;
            if (!sameJson(intention, person.jobIntention)) {
              set.jobIntention = intention;
              changed.push('job intention');
              events.push({ residentId: person.id, kind: 'JOB_INTENTION_CHANGED', effectiveOn: on, by, details: { from: person.jobIntention, to: intention } });
            }
          }
          if (member.skills != null) {
            const next = normaliseSkills(member.skills);
            const before = skills.filter((s) => s.residentId === person.id).map((s) => ({ name: s.name, certificateLevel: s.certificateLevel }));
            const key = (list: { name: string; certificateLevel: number | null }[]) => JSON.stringify([...list].sort((a, b) => a.name.localeCompare(b.name)));
            if (key(next) !== key(before)) {
              await tx.delete(residentSkills).where(eq(residentSkills.residentId, person.id));
              if (next.length) await tx.insert(residentSkills).values(next.map((s) => ({ ...s, residentId: person.id })));
              changed.push('skills');
              events.push({ residentId: person.id, kind: 'SKILLS_CHANGED', effectiveOn: on, by, details: { from: before.map((s) => s.name), to: next.map((s) => s.name), levels: next } });
            }
          }
          if (member.migrationDestination !== undefined) {
            const destination = member.migrationDestination?.trim() || null;
            if (destination !== person.migrationDestination) {
              if (person.employmentStatus !== 'MIGRATED') {
                throw new HubError(ErrorCode.CONFLICT, `${person.name} is not working away; record the move with recordMigration first.`, { field: 'migrationDestination' });
              }
              set.migrationDestination = destination;
              changed.push('migration destination');
              events.push({ residentId: person.id, kind: 'MIGRATION_DESTINATION_CHANGED', effectiveOn: on, by, details: { from: person.migrationDestination, to: destination } });
            }
          }
          if (Object.keys(set).length) await tx.update(residents).set({ ...set, updatedAt: new Date() }).where(eq(residents.id, person.id));
          events.push({ residentId: person.id, kind: 'SURVEYED', effectiveOn: on, by, details: { changed } });
        }
        await recordEvents(tx, events);
        await syncCases(tx, [household.id], today, by);
        const [updated] = await tx.select().from(households).where(eq(households.id, household.id));
        return updated!;
      }),
  }),
);
