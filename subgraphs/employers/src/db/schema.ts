import { EDUCATION_LEVELS } from '@hub/common';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
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
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_location_idx').on(t.locationCode),
    check('vacancies_headcount_positive', sql`${t.headcount} > 0`),
    check('vacancies_filled_within_headcount', sql`${t.filledCount} between 0 and ${t.headcount}`),
    check('vacancies_wage_range', sql`${t.wageMin} >= 0 and ${t.wageMax} >= ${t.wageMin}`),
  ],
);
