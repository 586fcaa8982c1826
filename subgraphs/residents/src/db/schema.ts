import { idempotencyKeysTable, mutationAuditTable, personalDataAccessTable } from '@hub/common/audit/tables';
import { sql } from 'drizzle-orm';
import { DECLARED_GROUPS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, type DeclaredGroup, type EmploymentStatus } from '@hub/common';
import { inboxTable, outboxTable } from '@hub/common/events/tables';
import { searchQueueTable } from '@hub/common/search/queue';
import { bigserial, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    /** 家庭状况, as the last survey found it. */
    situation: text('situation'),
    lastSurveyedOn: date('last_surveyed_on', { mode: 'string' }),
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
    /** Yuan a month, as surveyed (收入情况). Personal data. */
    monthlyIncome: integer('monthly_income'),
    /** 文化程度, as surveyed. */
    education: text('education', { enum: EDUCATION_LEVELS }),
    /** 转移去向: where someone working away went. */
    migrationDestination: text('migration_destination'),
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

/** Declared hard-to-employ groups, each with the evidence seen (a disability certificate, a poverty file). */
export const groupDeclarations = residentsSchema.table(
  'group_declarations',
  {
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    group: text('group', { enum: DECLARED_GROUPS }).notNull(),
    evidence: text('evidence').notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    declaredBy: text('declared_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.group] })],
);

export const residentEventKinds = [
  'REGISTERED',
  'SURVEYED',
  'INCOME_CHANGED',
  'EDUCATION_CHANGED',
  'JOB_INTENTION_CHANGED',
  'SKILLS_CHANGED',
  'MIGRATION_DESTINATION_CHANGED',
  'HOUSEHOLD_SITUATION_CHANGED',
  'UNEMPLOYMENT_REGISTERED',
  'EMPLOYED',
  'MIGRATED',
  'EXITED',
  'GROUP_DECLARED',
  'GROUP_WITHDRAWN',
  'CASE_OPENED',
  'CASE_CLOSED',
  'SERVICE_DELIVERED',
  'TRAINING_REQUESTED',
  'TRAINING_REQUEST_ANSWERED',
] as const;
export type ResidentEventKind = (typeof residentEventKinds)[number];

/** 动态跟踪: every change to a person, dated and attributed, never edited. */
export const residentEvents = residentsSchema.table(
  'resident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: residentEventKinds }).notNull(),
    /** The day the change took effect, which may lie before the day it was recorded. */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text('recorded_by').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('resident_events_resident_idx').on(t.residentId, t.id)],
);

/** 就业失业登记: a registration as unemployed, with its certificate number (就业失业登记证). */
export const registrations = residentsSchema.table(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    certificateNumber: text('certificate_number').notNull().unique(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    registeredBy: text('registered_by').notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('registrations_resident_idx').on(t.residentId),
    // At most one open registration a person.
    uniqueIndex('registrations_one_open').on(t.residentId).where(sql`${t.closedOn} is null`),
  ],
);

/** Running number per district and year behind certificate numbers. */
export const certificateSequences = residentsSchema.table(
  'certificate_sequences',
  {
    districtCode: text('district_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.year] })],
);

export const caseKinds = ['PERSON', 'HOUSEHOLD'] as const;
export const caseStatuses = ['OPEN', 'CLOSED'] as const;

/** 一对一帮扶: a one-to-one assistance case for a hard-to-employ person or a zero-employment household. */
export const assistanceCases = residentsSchema.table(
  'assistance_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: caseKinds }).notNull(),
    residentId: uuid('resident_id').references(() => residents.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id').notNull().references(() => households.id, { onDelete: 'cascade' }),
    communityCode: text('community_code').notNull(),
    /** The groups that opened the case. */
    reasons: text('reasons').array().notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    helper: text('helper'),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    status: text('status', { enum: caseStatuses }).notNull().default('OPEN'),
    closedOn: date('closed_on', { mode: 'string' }),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('cases_community_idx').on(t.communityCode, t.status),
    uniqueIndex('cases_one_open_person').on(t.residentId).where(sql`${t.status} = 'OPEN' and ${t.kind} = 'PERSON'`),
    uniqueIndex('cases_one_open_household').on(t.householdId).where(sql`${t.status} = 'OPEN' and ${t.kind} = 'HOUSEHOLD'`),
  ],
);

export const caseVisits = residentsSchema.table(
  'case_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => assistanceCases.id, { onDelete: 'cascade' }),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitor: text('visitor').notNull(),
    note: text('note').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_visits_case_idx').on(t.caseId, t.visitedOn)],
);

export const serviceKinds = ['JOB_REFERRAL', 'GUIDANCE', 'POLICY', 'TRAINING_OFFER'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** 送岗位 / 送政策 / 送培训 / 送服务: a service delivered to a registered unemployed person. */
export const serviceDeliveries = residentsSchema.table(
  'service_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: serviceKinds }).notNull(),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    /** Which service recorded it: residents (by hand) or the service whose event it came from. */
    source: text('source').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('service_deliveries_resident_idx').on(t.residentId, t.kind)],
);

/** A resident's request for training, which must be answered within a day (送培训不过夜). */
export const trainingRequests = residentsSchema.table(
  'training_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    note: text('note'),
    answeredOn: date('answered_on', { mode: 'string' }),
    answer: text('answer'),
  },
  (t) => [index('training_requests_resident_idx').on(t.residentId)],
);

/** Events from other services already applied here (referrals from employers, …). */
export const inbox = inboxTable(residentsSchema);

/** Events for other services: a person's hiring facts for the employers service (resident.profile). */
export const outbox = outboxTable(residentsSchema);

/** An employer may see a person's hiring profile once the person was referred to one of its vacancies. */
export const employerGrants = residentsSchema.table(
  'employer_grants',
  {
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id').notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.employerId] })],
);

/** A training centre may see a person's placement profile once the person enrolled on one of its courses. */
export const centreGrants = residentsSchema.table(
  'centre_grants',
  {
    residentId: uuid('resident_id').notNull().references(() => residents.id, { onDelete: 'cascade' }),
    centreId: uuid('centre_id').notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.centreId] })],
);

/** Documents to (re)index, written with the change that affects them (see @hub/common/search). */
export const searchQueue = searchQueueTable(residentsSchema);

/** Who carried out which mutation, and when (append-only). */
export const mutationAudit = mutationAuditTable(residentsSchema);
/** Create mutations' idempotency keys: a retry returns what the first attempt created. */
export const idempotencyKeys = idempotencyKeysTable(residentsSchema);
/** Every read of a person's protected fields (append-only). */
export const personalDataAccess = personalDataAccessTable(residentsSchema);
