import { idempotencyKeysTable, mutationAuditTable } from '@hub/common/audit/tables';
import { DIFFICULTY_GROUPS, EDUCATION_LEVELS } from '@hub/common';
import { jobseekersTable } from '@hub/common/events/jobseekers';
import { inboxTable, outboxTable } from '@hub/common/events/tables';
import { searchQueueTable } from '@hub/common/search/queue';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const employersSchema = pgSchema('employers');

/** 用人单位, identified by its unified social credit code (统一社会信用代码). */
export const employers = employersSchema.table('employers', {
  id: uuid('id').primaryKey().defaultRandom(),
  creditCode: text('credit_code').notNull().unique(),
  name: text('name').notNull(),
  industry: text('industry').notNull(),
  districtCode: text('district_code').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const vacancyStatuses = ['OPEN', 'FILLED', 'CLOSED', 'EXPIRED'] as const;

/** 岗位: a posted job with its requirements. Wages are whole yuan a month. */
export const vacancies = employersSchema.table(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id').notNull().references(() => employers.id),
    title: text('title').notNull(),
    occupation: text('occupation').notNull(),
    description: text('description').notNull().default(''),
    /** Must-have skills; a candidate lacking one is not a fit. */
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    niceToHaveSkills: text('nice_to_have_skills').array().notNull().default(sql`'{}'::text[]`),
    workingTime: text('working_time', { enum: ['FULL_TIME', 'PART_TIME', 'SHIFTS'] }).notNull().default('FULL_TIME'),
    headcount: integer('headcount').notNull(),
    filledCount: integer('filled_count').notNull().default(0),
    wageMin: integer('wage_min').notNull(),
    wageMax: integer('wage_max').notNull(),
    locationCode: text('location_code').notNull(),
    genderRequirement: text('gender_requirement', { enum: ['MALE', 'FEMALE'] }),
    genderReason: text('gender_reason'),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    minEducation: text('min_education', { enum: EDUCATION_LEVELS }),
    /** 公益性岗位: reserved for hard-to-employ people. */
    publicWelfare: boolean('public_welfare').notNull().default(false),
    status: text('status', { enum: vacancyStatuses }).notNull().default('OPEN'),
    validFrom: date('valid_from', { mode: 'string' }).notNull().default(sql`current_date`),
    validUntil: date('valid_until', { mode: 'string' }),
    /** Gender and age requirements are flagged for a labour officer's review: refusing women on grounds of sex is unlawful. */
    reviewReasons: text('review_reasons').array().notNull().default(sql`'{}'::text[]`),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_location_idx').on(t.locationCode),
    check('vacancies_headcount_positive', sql`${t.headcount} > 0`),
    check('vacancies_filled_within_headcount', sql`${t.filledCount} between 0 and ${t.headcount}`),
    check('vacancies_wage_range', sql`${t.wageMin} >= 0 and ${t.wageMax} >= ${t.wageMin}`),
  ],
);

/** 招聘会进社区: a job fair held in a community, with the employers and vacancies that came. */
export const jobFairs = employersSchema.table(
  'job_fairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    communityCode: text('community_code').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    organisedBy: text('organised_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_fairs_community_idx').on(t.communityCode, t.heldOn)],
);

export const jobFairVacancies = employersSchema.table(
  'job_fair_vacancies',
  {
    jobFairId: uuid('job_fair_id').notNull().references(() => jobFairs.id, { onDelete: 'cascade' }),
    vacancyId: uuid('vacancy_id').notNull().references(() => vacancies.id),
  },
  (t) => [primaryKey({ columns: [t.jobFairId, t.vacancyId] })],
);

/** 年度用工计划: an employer's hiring plan for a year, by occupation and month. */
export const hiringPlanLines = employersSchema.table(
  'hiring_plan_lines',
  {
    employerId: uuid('employer_id').notNull().references(() => employers.id),
    year: integer('year').notNull(),
    occupation: text('occupation').notNull(),
    month: integer('month').notNull(),
    headcount: integer('headcount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.employerId, t.year, t.occupation, t.month] }),
    check('hiring_plan_month', sql`${t.month} between 1 and 12`),
    check('hiring_plan_headcount', sql`${t.headcount} > 0`),
  ],
);

export const referralOutcomes = ['PENDING', 'INTERVIEWED', 'HIRED', 'REJECTED', 'NO_SHOW', 'WITHDRAWN'] as const;

/** 推荐: a coordinator sends a resident (of the residents service) to a vacancy. */
export const referrals = employersSchema.table(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vacancyId: uuid('vacancy_id').notNull().references(() => vacancies.id),
    /** A resident of the residents service, known here only by id. */
    residentId: uuid('resident_id').notNull(),
    referredOn: date('referred_on', { mode: 'string' }).notNull(),
    referredBy: text('referred_by').notNull(),
    outcome: text('outcome', { enum: referralOutcomes }).notNull().default('PENDING'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    outcomeReason: text('outcome_reason'),
    outcomeBy: text('outcome_by'),
    /** For a hire: the hard-to-employ groups the person belonged to that day (招用就业困难人员), which employer subsidies look at. */
    hiredGroups: text('hired_groups', { enum: DIFFICULTY_GROUPS }).array(),
    /** The person's unemployment registration date when referred: the start of the "days to referral" figures. */
    registeredOn: date('registered_on', { mode: 'string' }),
    /** The job fair the referral was made at, if any. */
    jobFairId: uuid('job_fair_id').references(() => jobFairs.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referrals_vacancy_idx').on(t.vacancyId),
    index('referrals_resident_idx').on(t.residentId),
    // One live referral of a person to a vacancy.
    uniqueIndex('referrals_one_per_vacancy').on(t.vacancyId, t.residentId),
  ],
);

/** Events for other services (a referral counts on the resident's service clock), sent after commit. */
export const outbox = outboxTable(employersSchema);

/** 岗位变动: every vacancy created, changed or removed, in order, so job boards and indexes can follow. */
export const vacancyChanges = employersSchema.table(
  'vacancy_changes',
  {
    sequence: bigserial('sequence', { mode: 'number' }).primaryKey(),
    vacancyId: uuid('vacancy_id').notNull(),
    kind: text('kind', { enum: ['CREATED', 'UPDATED', 'REMOVED'] }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vacancy_changes_vacancy_idx').on(t.vacancyId)],
);

/** Events applied from other services (resident.profile from residents). */
export const inbox = inboxTable(employersSchema);

/** What the register tells about each person, for checking a vacancy's requirements (resident.profile events). */
export const jobseekers = jobseekersTable(employersSchema);

/** Documents to (re)index, written with the change that affects them (see @hub/common/search). */
export const searchQueue = searchQueueTable(employersSchema);

/** Who carried out which mutation, and when (append-only). */
export const mutationAudit = mutationAuditTable(employersSchema);
/** Create mutations' idempotency keys: a retry returns what the first attempt created. */
export const idempotencyKeys = idempotencyKeysTable(employersSchema);
