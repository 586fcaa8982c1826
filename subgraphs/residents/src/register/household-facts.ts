import { inArray } from 'drizzle-orm';
import type { ResidentsDb } from '../db';
import { groupDeclarations, residents } from '../db/schema';
import type { GroupFacts } from '@hub/common';
import type { Tx } from './tx';

export type ResidentRow = typeof residents.$inferSelect;
export type MemberFacts = ResidentRow & GroupFacts;

/** Each household's members with their declared groups: what group and case rules need. */
export async function loadHouseholdFacts(db: Tx | ResidentsDb, householdIds: readonly string[]): Promise<Map<string, MemberFacts[]>> {
  const byHousehold = new Map<string, MemberFacts[]>(householdIds.map((id) => [id, []]));
  if (!householdIds.length) return byHousehold;
  const members = await db.select().from(residents).where(inArray(residents.householdId, [...householdIds]));
  const declared = members.length
    ? await db.select().from(groupDeclarations).where(inArray(groupDeclarations.residentId, members.map((m) => m.id)))
    : [];
  for (const member of members) {
    byHousehold.get(member.householdId)?.push({
      ...member,
      declaredGroups: declared.filter((d) => d.residentId === member.id).map((d) => d.group),
    });
  }
  return byHousehold;
}
