import { and, eq } from 'drizzle-orm';
import { actorOf, ErrorCode, HubError, isUuid, notFound, todayIso, uniqueViolation } from '@hub/common';
import { recordStep } from '../applications/audit';
import { builder } from '../builder';
import { applications, idempotencyKeys, payouts } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { ApplicationType, applicationForUpdate, PayoutType } from './application';

const PayoutKindEnum = builder.enumType('SubsidyPayoutKind', { description: 'PAYMENT, or REVERSAL: a payment undone by a new, negative entry.', values: ['PAYMENT', 'REVERSAL'] as const });

PayoutType.implement({
  description: '发放: an entry of the payout ledger. Entries are never edited; a reversal is an entry of its own.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: PayoutKindEnum }),
    period: t.exposeString('period'),
    amountFen: t.exposeInt('amountFen', { description: 'Negative for a reversal.' }),
    reference: t.exposeString('reference', { description: 'The transfer reference.' }),
    paidOn: t.expose('paidOn', { type: 'Date' }),
    reverses: t.exposeID('reverses', { nullable: true, description: 'The payment a reversal undoes.' }),
    reason: t.exposeString('reason', { nullable: true }),
    recordedBy: t.exposeString('recordedBy'),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

const bad = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

function checkReference(raw: string) {
  const reference = raw.trim();
  if (reference.length < 4 || reference.length > 100) throw bad('Give the transfer reference (4 to 100 characters).', 'reference');
  return reference;
}

function checkDate(date: string | null | undefined, field: string) {
  const day = date ?? todayIso();
  if (day > todayIso()) throw bad('A payment cannot be dated in the future.', field);
  return day;
}

builder.mutationFields((t) => ({
  recordSubsidyPayout: t.field({
    type: ApplicationType,
    description: 'Records the payment of an approved application: by an official whose region contains the applicant. One payment per beneficiary, policy and month, ever.',
    args: {
      applicationId: t.arg.id({ required: true }),
      reference: t.arg.string({ required: true, description: 'The transfer reference.' }),
      paidOn: t.arg({ type: 'Date', required: false, description: 'Default today; not before the approval (its UTC date).' }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: applications }, async (_root, args, ctx) => {
      const reference = checkReference(args.reference);
      const paidOn = checkDate(args.paidOn, 'paidOn');
      return ctx.db.transaction(async (tx) => {
        const { application, viewer } = await applicationForUpdate(ctx, tx, String(args.applicationId));
        if (application.status === 'PAID') throw new HubError(ErrorCode.DUPLICATE, 'This application is already paid.');
        if (application.status !== 'APPROVED') throw new HubError(ErrorCode.CONFLICT, `Only approved applications are paid; this one is ${application.status.toLowerCase()}.`);
        const approvedOn = todayIso(application.decidedAt!);
        if (paidOn < approvedOn) throw bad(`This application was approved on ${approvedOn}; it cannot have been paid before that.`, 'paidOn');
        const by = actorOf(viewer);
        try {
          await tx.insert(payouts).values({
            applicationId: application.id,
            kind: 'PAYMENT',
            beneficiaryId: application.beneficiaryId,
            policyCode: application.policyCode,
            period: application.period,
            amountFen: application.amountFen,
            reference,
            paidOn,
            recordedBy: by,
          });
        } catch (error) {
          if (uniqueViolation(error) === 'payouts_once_per_period') {
            throw new HubError(ErrorCode.DUPLICATE, `${application.policyCode} for ${application.period} was already paid to this beneficiary; it is never paid twice.`);
          }
          throw error;
        }
        const [row] = await tx.update(applications).set({ status: 'PAID' }).where(eq(applications.id, application.id)).returning();
        await recordStep(tx, { applicationId: application.id, step: 'PAID', by, note: reference });
        return row!;
      });
    }),
  }),
  reverseSubsidyPayout: t.field({
    type: ApplicationType,
    description: 'Reverses a payment (冲正) with a new, negative entry and the reason: by an official whose region contains the applicant.',
    args: {
      payoutId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true }),
      reference: t.arg.string({ required: true, description: 'The reference of the refund or the correcting transfer.' }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: applications }, async (_root, args, ctx) => {
      const reason = args.reason.trim();
      if (reason.length < 2 || reason.length > 500) throw bad('Say why the payment is reversed (2 to 500 characters).', 'reason');
      const reference = checkReference(args.reference);
      const id = String(args.payoutId);
      const [payment] = isUuid(id) ? await ctx.db.select().from(payouts).where(and(eq(payouts.id, id), eq(payouts.kind, 'PAYMENT'))) : [];
      if (!payment) throw notFound('Payment', id);
      return ctx.db.transaction(async (tx) => {
        const { application, viewer } = await applicationForUpdate(ctx, tx, payment.applicationId);
        const by = actorOf(viewer);
        try {
          await tx.insert(payouts).values({
            applicationId: application.id,
            kind: 'REVERSAL',
            beneficiaryId: payment.beneficiaryId,
            policyCode: payment.policyCode,
            period: payment.period,
            amountFen: -payment.amountFen,
            reference,
            paidOn: todayIso(),
            reverses: payment.id,
            reason,
            recordedBy: by,
          });
        } catch (error) {
          if (uniqueViolation(error) === 'payouts_reversed_once') throw new HubError(ErrorCode.DUPLICATE, 'This payment is already reversed.');
          throw error;
        }
        await recordStep(tx, { applicationId: application.id, step: 'REVERSED', by, note: reason });
        return application;
      });
    }),
  }),
}));
