import { EMPLOYED_STATUSES, ErrorCode, HubError, isUuid, type DeclaredGroup, type EducationLevel, type EmploymentStatus, type Gender } from '@hub/common';
import { groupDeclarations, households, residents, residentSkills } from '../db/schema';
import { recordEvents } from './history';
import type { ResidentRow } from './household-facts';
import { checkEvidence, checkIdentity, checkIncome, checkName, checkPhone, normaliseIntention, normaliseSkills, type JobIntentionInputShape } from './normalise';
import type { Tx } from './tx';

export interface NewResidentInput {
  name: string;
  identityNumber: string;
  gender: Gender;
  birthDate: string;
  phone?: string | null;
  employmentStatus: EmploymentStatus;
  statusSince?: string | null;
  employerId?: string | number | null;
  monthlyIncome?: number | null;
  education?: EducationLevel | null;
  migrationDestination?: string | null;
  skills?: { name: string; certificateLevel?: number | null }[] | null;
  jobIntention?: JobIntentionInputShape | null;
  declaredGroups?: { group: DeclaredGroup; evidence: string }[] | null;
}

const invalid = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

/** Every check a new entry in the register must pass, before the database is touched. */
export function checkNewResident(input: NewResidentInput, today: string) {
  const identityNumber = checkIdentity(input);
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
  return {
    identityNumber,
    name: checkName(input.name),
    gender: input.gender,
    birthDate: input.birthDate,
    phone: checkPhone(input.phone),
    employmentStatus: input.employmentStatus,
    statusSince,
    employerId,
    migrationDestination,
    monthlyIncome: checkIncome(input.monthlyIncome),
    education: input.education ?? null,
    skills: normaliseSkills(input.skills ?? []),
    jobIntention: input.jobIntention ? normaliseIntention(input.jobIntention) : null,
    declared: (input.declaredGroups ?? []).map((d) => ({ group: d.group, evidence: checkEvidence(d.evidence) })),
  };
}

export type CheckedResident = ReturnType<typeof checkNewResident>;

/** Adds a checked person to a household with skills, declared groups and the REGISTERED event. */
export async function insertResident(
  tx: Tx,
  household: Pick<typeof households.$inferSelect, 'id' | 'communityCode'>,
  person: CheckedResident,
  by: string,
  today: string,
): Promise<ResidentRow> {
  const { skills, declared, ...columns } = person;
  const [row] = await tx
    .insert(residents)
    .values({ ...columns, householdId: household.id, communityCode: household.communityCode })
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
      details: { employmentStatus: row.employmentStatus, statusSince: row.statusSince, skills: skills.map((s) => s.name), declaredGroups: declared.map((d) => d.group) },
    },
  ]);
  return row;
}
