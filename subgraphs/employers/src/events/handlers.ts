import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DECLARED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, type EventHandler } from '@hub/common';
import type { schema } from '../db';
import { jobseekers } from '../db/schema';

const profile = z.object({
  residentId: z.string().uuid(),
  communityCode: z.string(),
  gender: z.enum(['MALE', 'FEMALE']),
  birthDate: z.string(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  statusSince: z.string(),
  declaredGroups: z.array(z.enum(DECLARED_GROUPS)),
  zeroEmploymentHousehold: z.boolean(),
  registeredOn: z.string().nullable(),
});

/** What the employers service does with other services' events. Each runs once per event id. */
export const employerEventHandlers: Record<string, EventHandler<typeof schema>> = {
  /** Keeps the latest profile of each person, for checking vacancy requirements at referral. */
  'resident.profile': async (tx, envelope) => {
    const p = profile.parse(envelope.payload);
    const row = { ...p, profileAt: new Date(envelope.occurredAt) };
    await tx
      .insert(jobseekers)
      .values(row)
      .onConflictDoUpdate({
        target: jobseekers.residentId,
        set: {
          communityCode: row.communityCode,
          gender: row.gender,
          birthDate: row.birthDate,
          education: row.education,
          employmentStatus: row.employmentStatus,
          statusSince: row.statusSince,
          declaredGroups: row.declaredGroups,
          zeroEmploymentHousehold: row.zeroEmploymentHousehold,
          registeredOn: row.registeredOn,
          profileAt: row.profileAt,
        },
        setWhere: sql`${jobseekers.profileAt} <= excluded.profile_at`,
      });
  },
};
