import { desc, inArray } from 'drizzle-orm';
import { actorOf, canSeePersonalData, enqueueEvent, ErrorCode, groupLoaderFor, HubError, requireRegionAccess, todayIso } from '@hub/common';
import { builder, type SubsidiesContext } from '../builder';
import { deliveryChannels, idempotencyKeys, outbox, policyDeliveries } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { readAssessment } from '../policies/assessment';
import { ResidentRef } from './external';
import { policyLoader, SubsidyPolicyType } from './policy';

type DeliveryRow = typeof policyDeliveries.$inferSelect;

const deliveriesLoader = (ctx: SubsidiesContext) =>
  groupLoaderFor<string, DeliveryRow>(
    ctx,
    'policyDeliveries',
    (ids) => ctx.db.select().from(policyDeliveries).where(inArray(policyDeliveries.residentId, [...ids])).orderBy(desc(policyDeliveries.deliveredOn)),
    (row) => row.residentId,
  );

const ChannelEnum = builder.enumType('PolicyDeliveryChannel', {
  description: 'How the policy was explained: in person at the service point, on a home visit, by phone, by text message, with a leaflet, or at a meeting.',
  values: deliveryChannels,
});

const PolicyDeliveryType = builder.objectRef<DeliveryRow>('PolicyDelivery').implement({
  description: '送政策: a policy explained to a person who qualifies for it: who, when and how.',
  fields: (t) => ({
    id: t.exposeID('id'),
    policy: t.field({ type: SubsidyPolicyType, resolve: async (d, _a, ctx) => (await policyLoader(ctx).load(d.policyId))! }),
    channel: t.expose('channel', { type: ChannelEnum }),
    deliveredOn: t.expose('deliveredOn', { type: 'Date' }),
    deliveredBy: t.exposeString('deliveredBy'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

builder.objectField(ResidentRef, 'policyDeliveries', (t) =>
  t.field({
    type: [PolicyDeliveryType],
    // Nullable: a field this service adds to another's entity fails alone when it does not answer.
    nullable: true,
    authScopes: { staff: true },
    description: 'Policies explained to the person, latest first: those recorded in a region the viewer\'s contains.',
    // By the region stored with each delivery, since the resident may be reached from anywhere (a referral,
    // a search); rows from before the region was kept have none, and only administrators see them.
    resolve: async (r, _a, ctx) =>
      (await deliveriesLoader(ctx).load(r.id)).filter((d) => ctx.viewer?.role === 'ADMIN' || (d.regionCode !== null && canSeePersonalData(ctx.viewer, d.regionCode))),
  }),
);

builder.mutationField('recordPolicyDelivery', (t) =>
  t.field({
    type: PolicyDeliveryType,
    description: 'Records that a policy was explained to a person it was assessed eligible for; it counts as the policy delivery (送政策) on their "311" clock.',
    args: {
      assessment: t.arg.string({ required: true, description: 'The person\'s assessment for the policy, from Resident.eligibleSubsidies.' }),
      channel: t.arg({ type: ChannelEnum, required: true }),
      deliveredOn: t.arg({ type: 'Date', required: false, description: 'Default today; not before the assessment\'s date.' }),
      note: t.arg.string({ required: false }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: policyDeliveries }, async (_root, args, ctx) => {
      const assessment = readAssessment(args.assessment);
      if (assessment.kind !== 'PERSON') throw new HubError(ErrorCode.BAD_USER_INPUT, 'Policy deliveries are for people; this assessment is of an employer.', { field: 'assessment' });
      const viewer = requireRegionAccess(ctx.viewer, assessment.regionCode);
      const deliveredOn = args.deliveredOn ?? todayIso();
      if (deliveredOn > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A delivery cannot be dated in the future.', { field: 'deliveredOn' });
      if (deliveredOn < assessment.on) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, `The policy was assessed on ${assessment.on}; it cannot have been explained before that.`, { field: 'deliveredOn' });
      }
      const note = args.note?.trim() || null;
      if (note && note.length > 500) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Keep the note under 500 characters.', { field: 'note' });
      const policy = await policyLoader(ctx).load(assessment.policyId);
      if (!policy) throw new HubError(ErrorCode.NOT_FOUND, 'The policy of this assessment no longer exists.', { field: 'assessment' });
      const by = actorOf(viewer);
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(policyDeliveries)
          .values({ residentId: assessment.beneficiaryId, regionCode: assessment.regionCode, policyId: policy.id, channel: args.channel, deliveredOn, note, deliveredBy: by })
          .returning();
        // In the same transaction: the register counts it if and only if it was recorded.
        await enqueueEvent(tx, outbox, {
          topic: 'policy.delivered',
          aggregateId: assessment.beneficiaryId,
          payload: { deliveryId: row!.id, residentId: assessment.beneficiaryId, policyCode: policy.code, policyName: policy.name, channel: args.channel, deliveredOn, deliveredBy: by },
        });
        return row!;
      });
    }),
  }),
);
