import { sql } from 'drizzle-orm';
import { DECLARED_GROUPS, EMPLOYMENT_STATUSES, type DeclaredGroup, type EmploymentStatus } from '@hub/common';
import { date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const residentsSchema = pgSchema('residents');

/** 市 / 县(市)区 / 街道(乡镇) / 社区(村): the four-level tree, loaded from the official division codes. */
export const regions = residentsSchema.table(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY'] }).notNull(),
    parentCode: text('parent_code'),
    /** For communities: 社区 (urban), 村 (village) or other. */
    communityKind: text('community_kind', { enum: ['URBAN', 'VILLAGE', 'OTHER'] }),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const households = residentsSchema.table(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code').notNull().references(() => regions.code),
    address: text('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_community_idx').on(t.communityCode)],
);

export interface JobIntentionData {
  occupations: string[];
  keywords: string[];
  districtCodes: string[];
  minMonthlyWage: number | null;
  workTime: 'FULL_TIME' | 'PART_TIME' | 'EITHER';
}

export const employmentStatuses = EMPLOYMENT_STATUSES;
export type { EmploymentStatus, DeclaredGroup };
export const declaredGroups = DECLARED_GROUPS;

export const residents = residentsSchema.table(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id').notNull().references(() => households.id),
    /** Denormalised from the household so region checks and statistics need no join. */
    communityCode: text('community_code').notNull().references(() => regions.code),
    identityNumber: text('identity_number').notNull().unique(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['MALE', 'FEMALE'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    employmentStatus: text('employment_status', { enum: employmentStatuses }).notNull(),
    /** The employer of someone in work, when it is registered in the hub (owned by the employers service). */
    employerId: uuid('employer_id'),
    /** The day the current employment status took effect. */
    statusSince: date('status_since', { mode: 'string' }).notNull().default(sql`current_date`),
    jobIntention: jsonb('job_intention').$type<JobIntentionData>(),
    declaredGroups: text('declared_groups').array().$type<DeclaredGroup[]>().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residents_household_idx').on(t.householdId),
    index('residents_community_idx').on(t.communityCode),
    index('residents_status_idx').on(t.employmentStatus),
  ],
);

/** 职业技能: a named skill with an optional certificate level. */
export const residentSkills = residentsSchema.table(
  'resident_skills',
  {
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Vocational qualification level 1 (senior technician) to 5 (beginner); null without a certificate. */
    certificateLevel: integer('certificate_level'),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.name] })],
);
