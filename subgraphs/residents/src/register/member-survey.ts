import { eq } from 'drizzle-orm';
import { ErrorCode, HubError, type EducationLevel } from '@hub/common';
import { residents, residentSkills } from '../db/schema';
import type { EventInput } from './history';
import type { ResidentRow } from './household-facts';
import { checkIncome, normaliseIntention, normaliseSkills, type JobIntentionInputShape } from './normalise';
import type { Tx } from './tx';

/** What a survey may say of one member; an absent field is left as it is. */
export interface MemberSurvey {
  monthlyIncome?: number | null;
  education?: EducationLevel | null;
  jobIntention?: JobIntentionInputShape | null;
  skills?: { name: string; certificateLevel?: number | null }[] | null;
  migrationDestination?: string | null;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const skillKey = (list: { name: string; certificateLevel: number | null }[]) =>
  JSON.stringify([...list].sort((a, b) => a.name.localeCompare(b.name)));

/**
 * Applies a survey of one person: writes what changed and returns the history events, one per
 * changed field and a SURVEYED event naming them (五清: income, intention, skills, destination).
 */
export async function applyMemberSurvey(
  tx: Tx,
  person: ResidentRow,
  currentSkills: { name: string; certificateLevel: number | null }[],
  member: MemberSurvey,
  on: string,
  by: string,
): Promise<EventInput[]> {
  const events: EventInput[] = [];
  const changed: string[] = [];
  const set: Partial<typeof residents.$inferInsert> = {};
  const change = (label: string, kind: EventInput['kind'], details: Record<string, unknown>) => {
    changed.push(label);
    events.push({ residentId: person.id, kind, effectiveOn: on, by, details });
  };
  if (member.monthlyIncome !== undefined) {
    const income = checkIncome(member.monthlyIncome);
    if (income !== person.monthlyIncome) {
      set.monthlyIncome = income;
      change('income', 'INCOME_CHANGED', { from: person.monthlyIncome, to: income });
    }
  }
  if (member.education !== undefined && member.education !== null && member.education !== person.education) {
    set.education = member.education;
    change('education', 'EDUCATION_CHANGED', { from: person.education, to: member.education });
  }
  if (member.jobIntention !== undefined) {
    const intention = member.jobIntention ? normaliseIntention(member.jobIntention) : null;
    if (!sameJson(intention, person.jobIntention)) {
      set.jobIntention = intention;
      change('job intention', 'JOB_INTENTION_CHANGED', { from: person.jobIntention, to: intention });
    }
  }
  if (member.skills != null) {
    const next = normaliseSkills(member.skills);
    const before = currentSkills.map((s) => ({ name: s.name, certificateLevel: s.certificateLevel }));
    if (skillKey(next) !== skillKey(before)) {
      await tx.delete(residentSkills).where(eq(residentSkills.residentId, person.id));
      if (next.length) await tx.insert(residentSkills).values(next.map((s) => ({ ...s, residentId: person.id })));
      change('skills', 'SKILLS_CHANGED', { from: before.map((s) => s.name), to: next.map((s) => s.name), levels: next });
    }
  }
  if (member.migrationDestination !== undefined) {
    const destination = member.migrationDestination?.trim() || null;
    if (destination !== person.migrationDestination) {
      if (person.employmentStatus !== 'MIGRATED') {
        throw new HubError(ErrorCode.CONFLICT, `${person.name} is not working away; record the move with recordMigration first.`, { field: 'migrationDestination' });
      }
      set.migrationDestination = destination;
      change('migration destination', 'MIGRATION_DESTINATION_CHANGED', { from: person.migrationDestination, to: destination });
    }
  }
  if (Object.keys(set).length) await tx.update(residents).set({ ...set, updatedAt: new Date() }).where(eq(residents.id, person.id));
  events.push({ residentId: person.id, kind: 'SURVEYED', effectiveOn: on, by, details: { changed } });
  return events;
}
