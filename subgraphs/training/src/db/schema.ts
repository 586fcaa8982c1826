import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const trainingSchema = pgSchema('training');

/** 培训机构: a training centre, with its accreditation from the labour bureau. */
export const trainingCentres = trainingSchema.table('training_centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  districtCode: text('district_code').notNull(),
  accreditationNumber: text('accreditation_number'),
  accreditedUntil: date('accredited_until', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const courseModes = ['ORDER_BASED', 'TARGETED', 'GENERAL'] as const;

/**
 * A course. ORDER_BASED (订单式): trained for an employer's order, with committed hires;
 * TARGETED (定向式): for a named sector or occupation; GENERAL: open skills training.
 */
export const courses = trainingSchema.table(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    centreId: uuid('centre_id').notNull().references(() => trainingCentres.id),
    title: text('title').notNull(),
    mode: text('mode', { enum: courseModes }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
    locationCode: text('location_code').notNull(),
    /** For ORDER_BASED: the ordering employer, its vacancy and how many graduates it commits to hire. */
    employerId: uuid('employer_id'),
    vacancyId: uuid('vacancy_id'),
    committedHires: integer('committed_hires'),
    /** For TARGETED: the occupation or sector trained for. */
    targetOccupation: text('target_occupation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('courses_centre_idx').on(t.centreId),
    index('courses_vacancy_idx').on(t.vacancyId),
    index('courses_employer_idx').on(t.employerId),
    check('courses_capacity_positive', sql`${t.capacity} > 0`),
    check('courses_dates_ordered', sql`${t.endDate} >= ${t.startDate}`),
    check(
      'courses_order_complete',
      sql`${t.mode} <> 'ORDER_BASED' or (${t.employerId} is not null and ${t.vacancyId} is not null and ${t.committedHires} between 1 and ${t.capacity})`,
    ),
  ],
);
