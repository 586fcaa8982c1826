import { eq, inArray } from 'drizzle-orm';
import { actorOf, ErrorCode, HubError, requireRegionAccess, type DeclaredGroup, type Viewer } from '@hub/common';
import { groupDeclarations, households, regions, residents, residentSkills } from '../db/schema';
import { syncCases } from '../cases/sync';
import { recordEvents, type EventInput } from './history';
import { applyMemberSurvey } from './member-survey';
import { checkNewResident, insertResident, type NewResidentInput } from './new-resident';
import { applyStatusChange } from './status';
import type { Tx } from './tx';

export interface ImportedHousehold {
  communityCode: string;
  address: string;
  situation?: string | null;
  /** What a sheet's 困难类别 column rests on, kept as the declarations' evidence. */
  evidence: string;
  members: (Omit<NewResidentInput, 'declaredGroups'> & { declaredGroups?: DeclaredGroup[] | null })[];
}

/**
 * One household of a survey sheet, all or nothing. People are matched by identity number, so
 * importing the same sheet again updates them instead of adding them twice; changes become
 * history events like any survey's.
 */
export async function importHousehold(tx: Tx, viewer: Viewer | null, input: ImportedHousehold, today: string) {
  const by = actorOf(viewer);
  const [community] = await tx.select().from(regions).where(eq(regions.code, input.communityCode));
  if (!community || community.level !== 'COMMUNITY') {
    throw new HubError(ErrorCode.INVALID_REGION_CODE, `${input.communityCode} is not a community of this city.`, { field: 'communityCode' });
  }
  requireRegionAccess(viewer, community.code);
  if (!input.members.length) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A household needs at least one member.', { field: 'members' });
  const checked = input.members.map((m) =>
    checkNewResident({ ...m, declaredGroups: (m.declaredGroups ?? []).map((group) => ({ group, evidence: input.evidence })) }, today),
  );
  const numbers = checked.map((c) => c.identityNumber);
  if (new Set(numbers).size !== numbers.length) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'The same identity number appears twice in this household.', { field: 'members' });
  }
  const existing = await tx.select().from(residents).where(inArray(residents.identityNumber, numbers)).for('update');
  const householdIds = [...new Set(existing.map((p) => p.householdId))];
  if (householdIds.length > 1) {
    throw new HubError(ErrorCode.CONFLICT, 'These people are registered in different households; move them in the register first.', { field: 'members' });
  }
  for (const person of existing) requireRegionAccess(viewer, person.communityCode);

  let householdId = householdIds[0];
  const situation = input.situation?.trim() || null;
  const events: EventInput[] = [];
  if (!householdId) {
    const [created] = await tx.insert(households).values({ communityCode: community.code, address: input.address.trim(), situation, lastSurveyedOn: today }).returning();
    householdId = created!.id;
  } else {
    const [current] = await tx.select().from(households).where(eq(households.id, householdId)).for('update');
    if (situation !== null && situation !== current!.situation) {
      for (const p of existing) events.push({ residentId: p.id, kind: 'HOUSEHOLD_SITUATION_CHANGED', effectiveOn: today, by, details: { from: current!.situation, to: situation } });
    }
    await tx.update(households).set({ ...(situation !== null ? { situation } : {}), lastSurveyedOn: today }).where(eq(households.id, householdId));
  }
  const household = { id: householdId, communityCode: community.code };

  let created = 0;
  let updated = 0;
  const skills = existing.length ? await tx.select().from(residentSkills).where(inArray(residentSkills.residentId, existing.map((p) => p.id))) : [];
  for (const person of checked) {
    const found = existing.find((p) => p.identityNumber === person.identityNumber);
    if (!found) {
      await insertResident(tx, household, person, by, today);
      created++;
      continue;
    }
    updated++;
    let current = found;
    if (person.employmentStatus !== found.employmentStatus) {
      current = await applyStatusChange(
        tx,
        viewer,
        { residentId: found.id, next: person.employmentStatus, effectiveOn: today, event: person.employmentStatus === 'MIGRATED' ? 'MIGRATED' : person.employmentStatus === 'UNEMPLOYED' ? 'UNEMPLOYMENT_REGISTERED' : 'EMPLOYED', set: { employerId: person.employerId, migrationDestination: person.migrationDestination } },
        by,
      );
    }
    if (person.phone && person.phone !== found.phone) await tx.update(residents).set({ phone: person.phone }).where(eq(residents.id, found.id));
    events.push(
      ...(await applyMemberSurvey(
        tx,
        current,
        skills.filter((s) => s.residentId === found.id),
        { monthlyIncome: person.monthlyIncome, education: person.education, jobIntention: person.jobIntention, skills: person.skills, migrationDestination: person.migrationDestination },
        today,
        by,
      )),
    );
    for (const d of person.declared) {
      const added = await tx
        .insert(groupDeclarations)
        .values({ residentId: found.id, group: d.group, evidence: d.evidence, declaredOn: today, declaredBy: by })
        .onConflictDoNothing()
        .returning();
      if (added.length) events.push({ residentId: found.id, kind: 'GROUP_DECLARED', effectiveOn: today, by, details: { group: d.group, evidence: d.evidence } });
    }
  }
  await recordEvents(tx, events);
  await syncCases(tx, [householdId], today, by);
  return { householdId, created, updated };
}


