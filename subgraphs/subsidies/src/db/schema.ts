import { idempotencyKeysTable, mutationAuditTable } from '@hub/common/audit/tables';
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgSchema, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { outboxTable } from '@hub/common/events/tables';
import type { AmountRule } from '../policies/amount';
import type { Facts, Rule } from '../policies/rule';

export const subsidiesSchema = pgSchema('subsidies');

export const policyKinds = ['PERSON', 'EMPLOYER'] as const;

/**
 * 补贴政策: one version of a subsidy programme. The rule and the amount are data, not code. A
 * programme (its code) has versions one after another in time; an application is judged by the
 * version in force on its date, and a version once used is never edited.
 */
export const subsidyPolicies = subsidiesSchema.table(
  'subsidy_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: policyKinds }).notNull(),
    legalBasis: text('legal_basis').notNull(),
    rule: jsonb('rule').$type<Rule>().notNull(),
    amount: jsonb('amount').$type<AmountRule>().notNull(),
    version: integer('version').notNull().default(1),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    publishedBy: text('published_by').notNull().default('system'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('subsidy_policies_code_version').on(t.code, t.version),
    check('subsidy_policies_validity', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

export const applicationStatuses = ['SUBMITTED', 'APPROVED', 'REJECTED', 'PAID'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export interface ApplicationDocument {
  kind: string;
  reference: string;
}

/**
 * 补贴申请: a person's or employer's application under one policy version for one period
 * (a month, YYYY-MM). The facts it was judged on are kept with it, as the assessment gave them.
 */
export const applications = subsidiesSchema.table(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The submitter's key for this request: a retried submission finds the application it already made. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** What the request asked for, so the same key with a different request is recognised. */
    requestHash: text('request_hash').notNull(),
    policyId: uuid('policy_id').notNull().references(() => subsidyPolicies.id),
    policyCode: text('policy_code').notNull(),
    beneficiaryKind: text('beneficiary_kind', { enum: policyKinds }).notNull(),
    /** A resident (PERSON) or an employer (EMPLOYER) of the other services, known here by id. */
    beneficiaryId: uuid('beneficiary_id').notNull(),
    /** The person's community or the employer's district: who may decide, and where it is reported. */
    regionCode: text('region_code').notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    amountFen: integer('amount_fen').notNull(),
    baseFen: integer('base_fen'),
    documents: jsonb('documents').$type<ApplicationDocument[]>().notNull(),
    facts: jsonb('facts').$type<Facts>().notNull(),
    metConditions: text('met_conditions').array().notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('SUBMITTED'),
    rejectionReason: text('rejection_reason'),
    submittedBy: text('submitted_by').notNull(),
    /** The submitter's subject (token `sub`): the four-eyes rule compares people, not roles. */
    submittedBySub: text('submitted_by_sub').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    unique('applications_idempotency').on(t.submittedBySub, t.idempotencyKey),
    index('applications_region_idx').on(t.regionCode, t.status),
    index('applications_beneficiary_idx').on(t.beneficiaryId),
    // Never two approvals for the same beneficiary, policy and period, however the approvals race.
    uniqueIndex('applications_one_approved_per_period')
      .on(t.beneficiaryId, t.policyCode, t.period)
      .where(sql`${t.status} in ('APPROVED', 'PAID')`),
    check('applications_amount', sql`${t.amountFen} >= 0`),
    check('applications_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('applications_rejection_reason', sql`${t.status} <> 'REJECTED' or ${t.rejectionReason} is not null`),
  ],
);

export const auditSteps = ['SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'REVERSED'] as const;

/** Each step of an application, attributed and timed. A trigger refuses UPDATE, DELETE and TRUNCATE. */
export const applicationEvents = subsidiesSchema.table(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    step: text('step', { enum: auditSteps }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: text('by').notNull(),
    note: text('note'),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.id)],
);

/**
 * 发放: the payout ledger. A payment is paid once per beneficiary, policy and period (the unique
 * index, not the code, guarantees it); a reversal is a new entry with the negative amount. The
 * same trigger as the audit trail keeps entries from being edited or deleted.
 */
export const payouts = subsidiesSchema.table(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    kind: text('kind', { enum: ['PAYMENT', 'REVERSAL'] }).notNull(),
    beneficiaryId: uuid('beneficiary_id').notNull(),
    policyCode: text('policy_code').notNull(),
    period: text('period').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** The bank's or treasury's transfer reference. */
    reference: text('reference').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    /** For a reversal: the payment it undoes, and why. */
    reverses: uuid('reverses'),
    reason: text('reason'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payouts_once_per_period').on(t.beneficiaryId, t.policyCode, t.period).where(sql`${t.kind} = 'PAYMENT'`),
    uniqueIndex('payouts_reversed_once').on(t.reverses),
    index('payouts_application_idx').on(t.applicationId),
    check('payouts_sign', sql`(${t.kind} = 'PAYMENT' and ${t.amountFen} > 0 and ${t.reverses} is null) or (${t.kind} = 'REVERSAL' and ${t.amountFen} < 0 and ${t.reverses} is not null and ${t.reason} is not null)`),
  ],
);

export const deliveryChannels = ['IN_PERSON', 'HOME_VISIT', 'PHONE', 'MESSAGE', 'LEAFLET', 'MEETING'] as const;

/** 送政策: telling a person about a policy they qualify for: who, when and how. */
export const policyDeliveries = subsidiesSchema.table(
  'policy_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').notNull(),
    /**
     * The person's community when it was recorded, from the assessment: staff of a region see only
     * deliveries inside it. Null for deliveries recorded before it was kept; only administrators see those.
     */
    regionCode: text('region_code'),
    policyId: uuid('policy_id').notNull().references(() => subsidyPolicies.id),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    note: text('note'),
    deliveredBy: text('delivered_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_deliveries_resident_idx').on(t.residentId)],
);

/** Events for other services: a policy delivery counts on the person's "311" clock in the register. */
export const outbox = outboxTable(subsidiesSchema);

/** Who carried out which mutation, and when (append-only). */
export const mutationAudit = mutationAuditTable(subsidiesSchema);
/** Create mutations' idempotency keys: a retry returns what the first attempt created. */
export const idempotencyKeys = idempotencyKeysTable(subsidiesSchema);
