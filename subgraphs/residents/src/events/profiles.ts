import { and, inArray, isNull } from 'drizzle-orm';
import { enqueueEvent, isZeroEmploymentHousehold } from '@hub/common';
import { outbox, registrations } from '../db/schema';
import type { MemberFacts } from '../register/household-facts';
import type { Tx } from '../register/tx';

/**
 * What another service may know of a person to check a vacancy's requirements: no name, no
 * identity number, no phone, no income. The employers service keeps the latest one it receives.
 */
export interface ResidentProfile {
  residentId: string;
  communityCode: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  education: string | null;
  employmentStatus: string;
  statusSince: string;
  declaredGroups: string[];
  zeroEmploymentHousehold: boolean;
  /** The open unemployment registration's date, if any. */
  registeredOn: string | null;
}

/** Enqueues a resident.profile event for every member of these households, in the caller's transaction. */
export async function publishProfiles(tx: Tx, households: Map<string, MemberFacts[]>, asOf: string) {
  const members = [...households.values()].flat();
  if (!members.length) return;
  const open = await tx
    .select({ residentId: registrations.residentId, registeredOn: registrations.registeredOn })
    .from(registrations)
    .where(and(inArray(registrations.residentId, members.map((m) => m.id)), isNull(registrations.closedOn)));
  for (const [, people] of households) {
    const zero = isZeroEmploymentHousehold(people, asOf);
    for (const m of people) {
      const payload: ResidentProfile = {
        residentId: m.id,
        communityCode: m.communityCode,
        gender: m.gender,
        birthDate: m.birthDate,
        education: m.education,
        employmentStatus: m.employmentStatus,
        statusSince: m.statusSince,
        declaredGroups: m.declaredGroups,
        zeroEmploymentHousehold: zero,
        registeredOn: open.find((r) => r.residentId === m.id)?.registeredOn ?? null,
      };
      await enqueueEvent(tx, outbox, { topic: 'resident.profile', aggregateId: m.id, payload });
    }
  }
}
