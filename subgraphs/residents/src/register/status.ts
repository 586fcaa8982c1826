import { and, eq, isNull, sql } from 'drizzle-orm';
import { actorOf, ErrorCode, HubError, isUuid, requireRegionAccess, todayIso, type EmploymentStatus, type Viewer } from '@hub/common';
import type { ResidentsDb } from '../db';
import { certificateSequences, registrations, residents, type ResidentEventKind } from '../db/schema';
import { syncCases } from '../cases/sync';
import { recordEvents } from './history';
import type { ResidentRow } from './household-facts';
import { checkTransition } from './transitions';
import type { Tx } from './tx';

export interface StatusChange {
  residentId: string;
  next: EmploymentStatus;
  effectiveOn: string;
  event: ResidentEventKind;
  details?: Record<string, unknown>;
  /** Columns that change with the status (employer, migration destination). */
  set?: Partial<Pick<ResidentRow, 'employerId' | 'migrationDestination'>>;
}

/** The resident, locked for this transaction, after the region check. */
export async function lockResident(tx: Tx, viewer: Viewer | null, residentId: string): Promise<ResidentRow> {
  const [row] = isUuid(residentId) ? await tx.select().from(residents).where(eq(residents.id, residentId)).for('update') : [];
  if (!row) throw new HubError(ErrorCode.NOT_FOUND, `Resident ${residentId} does not exist.`, { field: 'residentId' });
  requireRegionAccess(viewer, row.communityCode);
  return row;
}

/**
 * Moves a person to a new status in one transaction: the check, the update, the closing of an
 * open unemployment registration when they leave unemployment, the history event, and the
 * assistance cases of their household.
 */
export function changeStatus(db: ResidentsDb, viewer: Viewer | null, change: StatusChange): Promise<ResidentRow> {
  return db.transaction((tx) => applyStatusChange(tx, viewer, change));
}

/** `changeStatus` inside a transaction the caller already holds (an event consumer's). */
export async function applyStatusChange(tx: Tx, viewer: Viewer | null, change: StatusChange, by = actorOf(viewer)): Promise<ResidentRow> {
  const today = todayIso();
  const person = await lockResident(tx, viewer, change.residentId);
  checkTransition(person, change.next, change.effectiveOn, today);
  const [updated] = await tx
    .update(residents)
    .set({
      employmentStatus: change.next,
      statusSince: change.effectiveOn,
      employerId: null,
      migrationDestination: null,
      ...change.set,
      updatedAt: new Date(),
    })
    .where(eq(residents.id, person.id))
    .returning();
  if (change.next !== 'UNEMPLOYED') {
    await tx
      .update(registrations)
      .set({ closedOn: change.effectiveOn, closeReason: change.next })
      .where(and(eq(registrations.residentId, person.id), isNull(registrations.closedOn)));
  }
  await recordEvents(tx, [
    { residentId: person.id, kind: change.event, effectiveOn: change.effectiveOn, by, details: { from: person.employmentStatus, to: change.next, ...change.details } },
  ]);
  // Cases open and close as of the day the change took effect.
  await syncCases(tx, [person.householdId], change.effectiveOn, by);
  return updated!;
}

/**
 * 就业失业登记证 number: district (6) + year (4) + running number (6), unique, taken from a
 * per-district, per-year sequence row that the transaction locks.
 */
export async function nextCertificateNumber(tx: Tx, districtCode: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(certificateSequences)
    .values({ districtCode, year, last: 1 })
    .onConflictDoUpdate({ target: [certificateSequences.districtCode, certificateSequences.year], set: { last: sql`${certificateSequences.last} + 1` } })
    .returning();
  return `${districtCode}${year}${String(row!.last).padStart(6, '0')}`;
}
