import { idempotencyKeysTable, mutationAuditTable } from '@hub/common/audit/tables';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jobseekersTable } from '@hub/common/events/jobseekers';
import { inboxTable, outboxTable } from '@hub/common/events/tables';
import { searchQueueTable } from '@hub/common/search/queue';

export const trainingSchema = pgSchema('training');

/** 培训机构: a training centre, with its accreditation from the labour bureau. */
export const trainingCentres = trainingSchema.table('training_centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  districtCode: text('district_code').notNull(),
  accreditationNumber: text('accreditation_number'),
  accreditedUntil: date('accredited_until', { mode: 'string' }),
  /** 核准培训工种: the trades the bureau approved the centre to teach; a course teaches one of them. */
  trades: text('trades').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const courseModes = ['ORDER_BASED', 'TARGETED', 'GENERAL'] as const;
export const courseStatuses = ['DRAFT', 'OPEN', 'RUNNING', 'FINISHED', 'CANCELLED'] as const;

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
    /** The trade (工种) taught, one of the centre's approved trades; courses published before trades were kept have none. */
    trade: text('trade'),
    /** DRAFT → OPEN (enrolling) → RUNNING → FINISHED, or CANCELLED before it finishes. */
    status: text('status', { enum: courseStatuses }).notNull().default('OPEN'),
    hours: integer('hours'),
    schedule: text('schedule'),
    /** Yuan per person. */
    fee: integer('fee').notNull().default(0),
    /** Free to hard-to-employ people (就业困难人员免费). */
    freeForHardToEmploy: boolean('free_for_hard_to_employ').notNull().default(true),
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

/** 报名: a person's place on a course. A withdrawal frees the place; the row stays as the record. */
export const enrolments = trainingSchema.table(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull().references(() => courses.id),
    residentId: uuid('resident_id').notNull(),
    status: text('status', { enum: ['ENROLLED', 'WITHDRAWN'] }).notNull().default('ENROLLED'),
    enrolledOn: date('enrolled_on', { mode: 'string' }).notNull(),
    enrolledBy: text('enrolled_by').notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    /** 结业: pass or fail, with the certificate for a pass. */
    completedOn: date('completed_on', { mode: 'string' }),
    passed: boolean('passed'),
    certificateNumber: text('certificate_number'),
    certificateLevel: integer('certificate_level'),
  },
  (t) => [
    index('enrolments_course_idx').on(t.courseId),
    index('enrolments_resident_idx').on(t.residentId),
    uniqueIndex('enrolments_one_active').on(t.courseId, t.residentId).where(sql`${t.status} = 'ENROLLED'`),
  ],
);

/** Events applied from other services (resident.profile from residents). */
export const inbox = inboxTable(trainingSchema);

/** What the register tells about each person: who may enrol, and who studies free. */
export const jobseekers = jobseekersTable(trainingSchema);

/** Events for other services: enrolments and completions reach the register. */
export const outbox = outboxTable(trainingSchema);

/** Hires reported by the employers service (placement.hired): what graduates went on to. */
export const placements = trainingSchema.table(
  'placements',
  {
    referralId: uuid('referral_id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    employerId: uuid('employer_id').notNull(),
    vacancyId: uuid('vacancy_id').notNull(),
    hiredOn: date('hired_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('placements_resident_idx').on(t.residentId)],
);

/** Vacancies as the employers service announces them (vacancy.changed): what order-based courses train for. */
export const vacancyFacts = trainingSchema.table('vacancies', {
  vacancyId: uuid('vacancy_id').primaryKey(),
  employerId: uuid('employer_id').notNull(),
  title: text('title').notNull(),
  occupation: text('occupation').notNull(),
  status: text('status').notNull(),
  headcount: integer('headcount').notNull(),
  filledCount: integer('filled_count').notNull(),
  locationCode: text('location_code').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
});

/** Courses to (re)index, written with the change that affects them (see @hub/common/search). */
export const searchQueue = searchQueueTable(trainingSchema);

/** Who carried out which mutation, and when (append-only). */
export const mutationAudit = mutationAuditTable(trainingSchema);
/** Create mutations' idempotency keys: a retry returns what the first attempt created. */
export const idempotencyKeys = idempotencyKeysTable(trainingSchema);
