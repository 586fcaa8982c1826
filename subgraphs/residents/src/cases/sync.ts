import { and, eq, inArray } from 'drizzle-orm';
import { EMPLOYED_STATUSES, EXIT_STATUSES, type DifficultyGroup } from '@hub/common';
import { queueForIndex } from '@hub/common/search';
import { assistanceCases, searchQueue } from '../db/schema';
import { JOBSEEKER_INDEX } from '../search/jobseeker-index';
import { difficultyGroups, isZeroEmploymentHousehold } from '@hub/common';
import { recordEvents, type EventInput } from '../register/history';
import { publishProfiles } from '../events/profiles';
import { loadHouseholdFacts, type MemberFacts } from '../register/household-facts';
import type { Tx } from '../register/tx';

export type CaseRow = typeof assistanceCases.$inferSelect;
export type CloseReason = 'EMPLOYED' | 'EXITED' | 'NO_LONGER_ELIGIBLE';


/** The groups that call for a case of one's own; zero-employment households get one case together. */
export function personalCaseReasons(member: MemberFacts, household: MemberFacts[], asOf: string): DifficultyGroup[] {
  if (member.employmentStatus !== 'UNEMPLOYED') return [];
  return difficultyGroups(member, isZeroEmploymentHousehold(household, asOf), asOf).filter((g) => g !== 'ZERO_EMPLOYMENT_HOUSEHOLD');
}

function closeReasonFor(members: MemberFacts[]): CloseReason {
  if (members.some((m) => EMPLOYED_STATUSES.has(m.employmentStatus))) return 'EMPLOYED';
  if (members.every((m) => EXIT_STATUSES.has(m.employmentStatus))) return 'EXITED';
  return 'NO_LONGER_ELIGIBLE';
}

/**
 * "Dynamic zero" (动态为零): makes the open cases of these households match the rules as of
 * `asOf`. A household that became zero-employment, or a person who became hard-to-employ, gets a
 * case; a case whose person (or, for a household, any member) found work is closed, and its
 * monthly follow-up for six months of stable work begins. Runs in the caller's transaction.
 */
export async function syncCases(tx: Tx, householdIds: readonly string[], asOf: string, by: string, options: { publish?: boolean } = {}): Promise<void> {
  if (!householdIds.length) return;
  const facts = await loadHouseholdFacts(tx, householdIds);
  // Every write that can change a household ends here, so here its people's facts go out too,
  // and all its members are reindexed: one member's new job changes the others' groups.
  if (options.publish !== false) {
    await publishProfiles(tx, facts, asOf);
    await queueForIndex(tx, searchQueue, JOBSEEKER_INDEX, [...facts.values()].flat().map((m) => m.id));
  }
  const open = await tx
    .select()
    .from(assistanceCases)
    .where(and(inArray(assistanceCases.householdId, [...householdIds]), eq(assistanceCases.status, 'OPEN')));
  const events: EventInput[] = [];
  const toOpen: (typeof assistanceCases.$inferInsert)[] = [];
  const close = async (row: CaseRow, reason: CloseReason, members: MemberFacts[]) => {
    await tx
      .update(assistanceCases)
      .set({ status: 'CLOSED', closedOn: asOf, closeReason: reason })
      .where(and(eq(assistanceCases.id, row.id), eq(assistanceCases.status, 'OPEN')));
    for (const m of members) events.push({ residentId: m.id, kind: 'CASE_CLOSED', effectiveOn: asOf, by, details: { caseId: row.id, reason } });
  };

  for (const [householdId, members] of facts) {
    const householdCase = open.find((c) => c.kind === 'HOUSEHOLD' && c.householdId === householdId);
    const zero = isZeroEmploymentHousehold(members, asOf);
    if (zero && !householdCase) {
      toOpen.push({ kind: 'HOUSEHOLD', householdId, communityCode: members[0]!.communityCode, reasons: ['ZERO_EMPLOYMENT_HOUSEHOLD'], openedOn: asOf });
    } else if (!zero && householdCase) {
      await close(householdCase, closeReasonFor(members), members);
    }
    for (const member of members) {
      const personCase = open.find((c) => c.kind === 'PERSON' && c.residentId === member.id);
      const reasons = personalCaseReasons(member, members, asOf);
      if (reasons.length && !personCase) {
        toOpen.push({ kind: 'PERSON', residentId: member.id, householdId, communityCode: member.communityCode, reasons, openedOn: asOf });
      } else if (!reasons.length && personCase) {
        await close(personCase, closeReasonFor([member]), [member]);
      }
    }
  }
  if (toOpen.length) {
    // A concurrent writer may have opened the same case; the partial unique indexes keep one.
    const opened = await tx.insert(assistanceCases).values(toOpen).onConflictDoNothing().returning();
    for (const row of opened) {
      const members = row.residentId ? [row.residentId] : (facts.get(row.householdId) ?? []).map((m) => m.id);
      for (const residentId of members) {
        events.push({ residentId, kind: 'CASE_OPENED', effectiveOn: asOf, by, details: { caseId: row.id, kind: row.kind, reasons: row.reasons } });
      }
    }
  }
  await recordEvents(tx, events);
}
