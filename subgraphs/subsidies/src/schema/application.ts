import { createHash } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, like, sql, type SQL } from 'drizzle-orm';
import {
  actorOf,
  addMonths,
  connectionType,
  ErrorCode,
  groupLoaderFor,
  HubError,
  isUuid,
  notFound,
  pageById,
  requireRegionAccess,
  requireRole,
  uniqueViolation,
} from '@hub/common';
import { maySeeApplication, requireOfficialFor } from '../applications/access';
import { recordStep } from '../applications/audit';
import { builder, type SubsidiesContext } from '../builder';
import { applicationEvents, applicationStatuses, applications, auditSteps, payouts, subsidyPolicies, type ApplicationDocument } from '../db/schema';
import { amountFor, describeAmount, maxPeriods } from '../policies/amount';
import { openAssessment, requireFresh } from '../policies/assessment';
import { EmployerRef, RegionRef, ResidentRef } from './external';
import { PolicyKindEnum, policyLoader, SubsidyPolicyType } from './policy';

export type ApplicationRow = typeof applications.$inferSelect;
type AuditRow = typeof applicationEvents.$inferSelect;
export type PayoutRow = typeof payouts.$inferSelect;

const auditLoader = (ctx: SubsidiesContext) =>
  groupLoaderFor<string, AuditRow>(
    ctx,
    'applicationAudit',
    (ids) => ctx.db.select().from(applicationEvents).where(inArray(applicationEvents.applicationId, [...ids])).orderBy(asc(applicationEvents.id)),
    (row) => row.applicationId,
  );

export const payoutsLoader = (ctx: SubsidiesContext) =>
  groupLoaderFor<string, PayoutRow>(
    ctx,
    'applicationPayouts',
    (ids) => ctx.db.select().from(payouts).where(inArray(payouts.applicationId, [...ids])).orderBy(asc(payouts.recordedAt)),
    (row) => row.applicationId,
  );

const applicationsOfLoader = (ctx: SubsidiesContext) =>
  groupLoaderFor<string, ApplicationRow>(
    ctx,
    'beneficiaryApplications',
    (ids) => ctx.db.select().from(applications).where(inArray(applications.beneficiaryId, [...ids])).orderBy(asc(applications.submittedAt)),
    (row) => row.beneficiaryId,
  );

const StatusEnum = builder.enumType('SubsidyApplicationStatus', {
  description: 'SUBMITTED → APPROVED (by a second official) or REJECTED (with the reason) → PAID.',
  values: applicationStatuses,
});

const AuditStepEnum = builder.enumType('SubsidyAuditStep', { values: auditSteps });

const DocumentType = builder.objectRef<ApplicationDocument>('SubsidyDocument').implement({
  description: 'A document the application rests on: what it is and its number or reference.',
  fields: (t) => ({ kind: t.exposeString('kind'), reference: t.exposeString('reference') }),
});

const AuditEntryType = builder.objectRef<AuditRow>('SubsidyAuditEntry').implement({
  description: 'One step of an application, attributed and timed. The trail is never edited.',
  fields: (t) => ({
    step: t.expose('step', { type: AuditStepEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    by: t.exposeString('by'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

export const PayoutType = builder.objectRef<PayoutRow>('SubsidyPayout');

export const ApplicationType = builder.objectRef<ApplicationRow>('SubsidyApplication').implement({
  description: '补贴申请: an application under one policy version for one month.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    policy: t.field({ type: SubsidyPolicyType, description: 'The version in force on the application\'s date: the one it is judged by.', resolve: async (a, _x, ctx) => (await policyLoader(ctx).load(a.policyId))! }),
    beneficiaryKind: t.expose('beneficiaryKind', { type: PolicyKindEnum }),
    resident: t.field({ type: ResidentRef, nullable: true, resolve: (a) => (a.beneficiaryKind === 'PERSON' ? { id: a.beneficiaryId } : null) }),
    employer: t.field({ type: EmployerRef, nullable: true, resolve: (a) => (a.beneficiaryKind === 'EMPLOYER' ? { id: a.beneficiaryId } : null) }),
    region: t.field({ type: RegionRef, nullable: true, description: 'The person\'s community or the employer\'s district.', resolve: (a) => ({ code: a.regionCode }) }),
    appliedOn: t.expose('appliedOn', { type: 'Date' }),
    period: t.exposeString('period', { description: 'The month applied for, YYYY-MM.' }),
    amountFen: t.exposeInt('amountFen', { description: 'The amount for the period, in fen.' }),
    baseFen: t.exposeInt('baseFen', { nullable: true }),
    documents: t.field({ type: [DocumentType], resolve: (a) => a.documents }),
    metConditions: t.exposeStringList('metConditions', { description: 'The conditions the assessment found met.' }),
    status: t.expose('status', { type: StatusEnum }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    submittedBy: t.exposeString('submittedBy'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    auditTrail: t.field({ type: [AuditEntryType], resolve: (a, _x, ctx) => auditLoader(ctx).load(a.id) }),
    payouts: t.field({ type: [PayoutType], description: 'Payments and reversals, in the order recorded.', resolve: (a, _x, ctx) => payoutsLoader(ctx).load(a.id) }),
    paidFen: t.int({ description: 'Net paid: payments less reversals.', resolve: async (a, _x, ctx) => (await payoutsLoader(ctx).load(a.id)).reduce((sum, p) => sum + p.amountFen, 0) }),
  }),
});

const visibleApplicationsOf = async (ctx: SubsidiesContext, beneficiaryId: string) =>
  (await applicationsOfLoader(ctx).load(beneficiaryId)).filter((a) => maySeeApplication(ctx.viewer, a));

builder.objectField(ResidentRef, 'subsidyApplications', (t) =>
  // Nullable here and below: a field this service adds to another's entity fails alone when it does not answer.
  t.field({ type: [ApplicationType], nullable: true, authScopes: { staff: true }, description: 'For staff whose region contains the person.', resolve: (r, _a, ctx) => visibleApplicationsOf(ctx, r.id) }),
);

builder.objectField(EmployerRef, 'subsidyApplications', (t) =>
  t.field({ type: [ApplicationType], nullable: true, description: 'For staff of the employer\'s district and the employer itself.', resolve: (e, _a, ctx) => visibleApplicationsOf(ctx, e.id) }),
);

const ApplicationConnection = connectionType(builder, 'SubsidyApplication', ApplicationType);

builder.queryFields((t) => ({
  subsidyApplication: t.field({
    type: ApplicationType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const [row] = isUuid(String(id)) ? await ctx.db.select().from(applications).where(eq(applications.id, String(id))) : [];
      if (!row || !maySeeApplication(ctx.viewer, row)) throw notFound('Subsidy application', String(id));
      return row;
    },
  }),
  subsidyApplications: t.field({
    type: ApplicationConnection,
    description: 'Applications of a region and everything below it (staff), or an employer\'s own (employers).',
    args: {
      regionCode: t.arg.id({ required: false, description: 'Staff: default your own region.' }),
      status: t.arg({ type: StatusEnum, required: false }),
      policyCode: t.arg.string({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
      const where: SQL[] = [];
      if (viewer.role === 'EMPLOYER') {
        where.push(eq(applications.beneficiaryKind, 'EMPLOYER'), eq(applications.beneficiaryId, viewer.employerId));
      } else {
        const region = args.regionCode != null ? String(args.regionCode) : viewer.role === 'COORDINATOR' ? viewer.regionCode : '';
        if (region) {
          requireRegionAccess(viewer, region);
          where.push(like(applications.regionCode, `${region}%`));
        }
      }
      if (args.status) where.push(eq(applications.status, args.status));
      if (args.policyCode) where.push(eq(applications.policyCode, args.policyCode));
      const filter = and(...where);
      return pageById(
        args,
        'subsidyApplications',
        async () => (await ctx.db.select({ n: count() }).from(applications).where(filter))[0]?.n ?? 0,
        (after, limit) =>
          ctx.db
            .select()
            .from(applications)
            .where(after ? and(filter, gt(applications.id, after)) : filter)
            .orderBy(asc(applications.id))
            .limit(limit),
      );
    },
  }),
}));

const DocumentInput = builder.inputType('SubsidyDocumentInput', {
  fields: (t) => ({
    kind: t.string({ required: true, description: 'What it is, e.g. 身份证, 灵活就业登记证明, 社会保险缴费凭证, 培训合格证书, 贷款合同.' }),
    reference: t.string({ required: true, description: 'Its number or file reference.' }),
  }),
});

const SubmitInput = builder.inputType('SubmitSubsidyApplicationInput', {
  fields: (t) => ({
    assessment: t.string({ required: true, description: 'The applicant\'s assessment for the policy, from eligibleSubsidies.' }),
    idempotencyKey: t.string({ required: true, description: 'Chosen by the client, the same for every retry of this submission (8 to 100 characters).' }),
    period: t.string({ required: true, description: 'The month applied for, YYYY-MM: the application\'s month or up to 12 months before.' }),
    documents: t.field({ type: [DocumentInput], required: true }),
    baseFen: t.int({ required: false, description: 'For share-of-a-base policies: the base, in fen.' }),
  }),
});

const bad = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

function checkDocuments(given: readonly { kind: string; reference: string }[]): ApplicationDocument[] {
  const documents = given.map((d) => ({ kind: d.kind.trim(), reference: d.reference.trim() }));
  if (!documents.length) throw bad('List the documents the application rests on (at least one).', 'documents');
  if (documents.length > 20) throw bad('List at most 20 documents.', 'documents');
  for (const d of documents) {
    if (!d.kind || d.kind.length > 50 || !d.reference || d.reference.length > 100) throw bad('Each document needs what it is (up to 50 characters) and its reference (up to 100).', 'documents');
  }
  return documents;
}

builder.mutationFields((t) => ({
  submitSubsidyApplication: t.field({
    type: ApplicationType,
    description:
      'Submits an application on an eligibility assessment: by staff whose region contains the applicant, or by an employer for itself. A retry with the same idempotency key returns the first application.',
    args: { input: t.arg({ type: SubmitInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
      const assessment = openAssessment(input.assessment);
      if (viewer.role === 'EMPLOYER') {
        if (assessment.kind !== 'EMPLOYER' || assessment.beneficiaryId !== viewer.employerId) throw new HubError(ErrorCode.FORBIDDEN, 'An employer applies only for itself.');
      } else {
        requireRegionAccess(viewer, assessment.regionCode);
      }
      const key = input.idempotencyKey.trim();
      if (key.length < 8 || key.length > 100) throw bad('The idempotency key is 8 to 100 characters.', 'idempotencyKey');
      const documents = checkDocuments(input.documents);
      const baseFen = input.baseFen ?? null;
      const request = createHash('sha256')
        .update(JSON.stringify([assessment.kind, assessment.beneficiaryId, assessment.policyCode, input.period, documents, baseFen]))
        .digest('hex');

      /** The application this key already made, if any; refused when the key was used for something else. */
      const earlier = async (db: Pick<SubsidiesContext['db'], 'select'>) => {
        const [row] = await db.select().from(applications).where(and(eq(applications.submittedBySub, viewer.sub), eq(applications.idempotencyKey, key)));
        if (row && row.requestHash !== request) {
          throw new HubError(ErrorCode.CONFLICT, 'This idempotency key was already used for a different application; use a new key for a new application.', { field: 'idempotencyKey' });
        }
        return row;
      };
      const retried = await earlier(ctx.db);
      if (retried) return retried;

      requireFresh(assessment);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) throw bad('Write the period as a month, YYYY-MM.', 'period');
      const month = assessment.on.slice(0, 7);
      if (input.period > month) throw bad(`An application dated ${assessment.on} cannot be for a later month.`, 'period');
      if (input.period < addMonths(`${month}-01`, -12).slice(0, 7)) throw bad('Apply for the application\'s month or one of the 12 before it.', 'period');
      const policy = await policyLoader(ctx).load(assessment.policyId);
      if (!policy || policy.validFrom > assessment.on || (policy.validTo !== null && policy.validTo < assessment.on)) {
        throw new HubError(ErrorCode.CONFLICT, `The policy ${assessment.policyCode} changed since this assessment; check eligibility again.`, { field: 'assessment' });
      }
      if (policy.amount.kind === 'SHARE' && (baseFen === null || !Number.isInteger(baseFen) || baseFen <= 0)) {
        throw bad(`This policy pays ${describeAmount(policy.amount)}: give the base in fen.`, 'baseFen');
      }
      if (policy.amount.kind !== 'SHARE' && baseFen !== null) throw bad('Only share-of-a-base policies take a base.', 'baseFen');
      const amountFen = amountFor(policy.amount, assessment.facts, baseFen)!;
      if (amountFen <= 0) throw new HubError(ErrorCode.CONFLICT, 'The assessment gives no amount to pay for this policy.', { field: 'assessment' });

      const by = actorOf(viewer);
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(applications)
          .values({
            idempotencyKey: key,
            requestHash: request,
            policyId: policy.id,
            policyCode: policy.code,
            beneficiaryKind: assessment.kind,
            beneficiaryId: assessment.beneficiaryId,
            regionCode: assessment.regionCode,
            appliedOn: assessment.on,
            period: input.period,
            amountFen,
            baseFen,
            documents,
            facts: assessment.facts,
            metConditions: assessment.met,
            submittedBy: by,
            submittedBySub: viewer.sub,
          })
          // A retry racing the first request waits for it here, then finds its application.
          .onConflictDoNothing({ target: [applications.submittedBySub, applications.idempotencyKey] })
          .returning();
        if (!row) return (await earlier(tx))!;
        await recordStep(tx, { applicationId: row.id, step: 'SUBMITTED', by, note: `${policy.code} v${policy.version}, ${input.period}` });
        return row;
      });
    },
  }),
  approveSubsidyApplication: t.field({
    type: ApplicationType,
    description: 'Approves a submitted application: by an official whose region contains the applicant, never the one who submitted it (four eyes).',
    args: { applicationId: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => decide(ctx, String(args.applicationId), 'APPROVED', args.note?.trim() || null),
  }),
  rejectSubsidyApplication: t.field({
    type: ApplicationType,
    description: 'Rejects a submitted application with the reason: by an official whose region contains the applicant, not the one who submitted it.',
    args: { applicationId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      const reason = args.reason.trim();
      if (reason.length < 2 || reason.length > 500) throw bad('Say why the application is rejected (2 to 500 characters).', 'reason');
      return decide(ctx, String(args.applicationId), 'REJECTED', reason);
    },
  }),
}));

/** The application, locked for the rest of the transaction, if the viewer may act on it as an official. */
export async function applicationForUpdate(ctx: SubsidiesContext, tx: Parameters<Parameters<SubsidiesContext['db']['transaction']>[0]>[0], id: string) {
  const [row] = isUuid(id) ? await tx.select().from(applications).where(eq(applications.id, id)).for('update') : [];
  if (!row || !maySeeApplication(ctx.viewer, row)) throw notFound('Subsidy application', id);
  const viewer = requireOfficialFor(ctx.viewer, row);
  return { application: row, viewer };
}

async function decide(ctx: SubsidiesContext, id: string, outcome: 'APPROVED' | 'REJECTED', text: string | null) {
  return ctx.db.transaction(async (tx) => {
    const { application, viewer } = await applicationForUpdate(ctx, tx, id);
    if (viewer.sub === application.submittedBySub) {
      throw new HubError(ErrorCode.FORBIDDEN, 'You submitted this application; a second official must decide on it (four eyes).');
    }
    if (application.status !== 'SUBMITTED') throw new HubError(ErrorCode.CONFLICT, `This application is already ${application.status.toLowerCase()}.`);
    if (outcome === 'APPROVED') {
      // Through the transaction: on embedded PGlite another query would wait for this one to end.
      const [policy] = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, application.policyId));
      const cap = policy ? maxPeriods(policy.amount) : null;
      if (policy && cap !== null) {
        // Approvals for one beneficiary and programme queue here, so the count below is exact.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${application.beneficiaryId}/${application.policyCode}`}))`);
        const [approved] = await tx
          .select({ n: count() })
          .from(applications)
          .where(and(eq(applications.beneficiaryId, application.beneficiaryId), eq(applications.policyCode, application.policyCode), inArray(applications.status, ['APPROVED', 'PAID'])));
        if ((approved?.n ?? 0) >= cap) {
          throw new HubError(
            ErrorCode.CONFLICT,
            policy.amount.kind === 'MONTHLY'
              ? `${policy.name} is paid for at most ${cap} months, and all of them are approved already.`
              : cap === 1
                ? `${policy.name} is paid once, and it is already approved for this ${application.beneficiaryKind === 'PERSON' ? 'person' : 'employer'}.`
                : `${policy.name} is paid for at most ${cap} periods, and all of them are approved already.`,
            { maxPeriods: cap },
          );
        }
      }
    }
    const by = actorOf(viewer);
    let row: ApplicationRow | undefined;
    try {
      [row] = await tx
        .update(applications)
        .set({ status: outcome, decidedBy: by, decidedAt: sql`now()`, rejectionReason: outcome === 'REJECTED' ? text : null })
        .where(and(eq(applications.id, application.id), eq(applications.status, 'SUBMITTED')))
        .returning();
    } catch (error) {
      if (uniqueViolation(error) === 'applications_one_approved_per_period') {
        throw new HubError(ErrorCode.DUPLICATE, `Another application of this ${application.beneficiaryKind === 'PERSON' ? 'person' : 'employer'} under ${application.policyCode} for ${application.period} is already approved; one period is paid once.`);
      }
      throw error;
    }
    await recordStep(tx, { applicationId: application.id, step: outcome, by, note: text });
    return row!;
  });
}
