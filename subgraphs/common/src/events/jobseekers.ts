import { sql } from 'drizzle-orm';
import { boolean, date, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../db';
import { DECLARED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES } from '../domain';
import type { EventHandler } from './inbox';

/**
 * A service's own copy of what the register tells about each person (the latest resident.profile
 * event): enough to check requirements and eligibility, no name, identity number or contact details.
 */
export function jobseekersTable(schema: PgSchema) {
  return schema.table('jobseekers', {
    residentId: uuid('resident_id').primaryKey(),
    communityCode: text('community_code').notNull(),
    gender: text('gender', { enum: ['MALE', 'FEMALE'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    education: text('education', { enum: EDUCATION_LEVELS }),
    employmentStatus: text('employment_status', { enum: EMPLOYMENT_STATUSES }).notNull(),
    statusSince: date('status_since', { mode: 'string' }).notNull(),
    declaredGroups: text('declared_groups', { enum: DECLARED_GROUPS }).array().notNull(),
    zeroEmploymentHousehold: boolean('zero_employment_household').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** When the residents service wrote the profile; an older one arriving late is ignored. */
    profileAt: timestamp('profile_at', { withTimezone: true }).notNull(),
  });
}

export type JobseekersTable = ReturnType<typeof jobseekersTable>;

/** The resident.profile event's payload, as the residents service publishes it. */
export const residentProfile = z.object({
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

/** Keeps the latest profile of each person; a late, older event changes nothing. */
export function residentProfileHandler<TSchema extends Record<string, unknown>>(table: JobseekersTable): EventHandler<TSchema> {
  return async (tx, envelope) => {
    const p = residentProfile.parse(envelope.payload);
    const row = { ...p, profileAt: new Date(envelope.occurredAt) };
    const { residentId: _key, ...columns } = row;
    await (tx as unknown as Db<Record<string, unknown>>)
      .insert(table)
      .values(row)
      .onConflictDoUpdate({ target: table.residentId, set: columns, setWhere: sql`${table.profileAt} <= excluded.profile_at` });
  };
}
