import { and, asc, eq, inArray, isNull, like } from 'drizzle-orm';
import { actorOf, ErrorCode, groupLoaderFor, HubError, isUuid, requireRegionAccess, todayIso } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { idempotencyKeys, registrations, residents, serviceDeliveries, serviceKinds, trainingRequests } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { recordEvents } from '../register/history';
import { lockResident } from '../register/status';
import { serviceClock, type ClockItem } from '../services/clock';
import { recordDelivery } from '../services/deliveries';
import { ResidentRef, type ResidentRow } from './household';
import { checkRegionCode } from './region';
import { RegistrationType } from './registration';
import { reveal } from '../access/resident-policy';

type DeliveryRow = typeof serviceDeliveries.$inferSelect;
type RequestRow = typeof trainingRequests.$inferSelect;
type RegistrationRow = typeof registrations.$inferSelect;

const deliveriesLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, DeliveryRow>(
    ctx,
    'deliveries',
    (ids) => ctx.db.select().from(serviceDeliveries).where(inArray(serviceDeliveries.residentId, [...ids])).orderBy(asc(serviceDeliveries.deliveredOn)),
    (row) => row.residentId,
  );

const requestsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, RequestRow>(
    ctx,
    'trainingRequests',
    (ids) => ctx.db.select().from(trainingRequests).where(inArray(trainingRequests.residentId, [...ids])).orderBy(asc(trainingRequests.requestedOn)),
    (row) => row.residentId,
  );

const ServiceKindEnum = builder.enumType('ServiceKind', {
  description: 'JOB_REFERRAL 送岗位, GUIDANCE 职业指导, TRAINING_OFFER 送培训, POLICY 送政策.',
  values: serviceKinds,
});
const ClockKindEnum = builder.enumType('ServiceClockKind', { values: [...serviceKinds, 'TRAINING_REQUEST_ANSWER'] as const });
const ClockStateEnum = builder.enumType('ServiceClockState', { values: ['DONE', 'DONE_LATE', 'PENDING', 'OVERDUE'] as const });

const DeliveryType = builder.objectRef<DeliveryRow>('ServiceDelivery').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ServiceKindEnum }),
    deliveredOn: t.expose('deliveredOn', { type: 'Date' }),
    source: t.exposeString('source', { description: 'residents (by hand) or the service whose event recorded it.' }),
    note: t.exposeString('note', { nullable: true }),
    recordedBy: t.exposeString('recordedBy'),
  }),
});

const TrainingRequestType = builder.objectRef<RequestRow>('TrainingRequest').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    requestedOn: t.expose('requestedOn', { type: 'Date' }),
    note: t.exposeString('note', { nullable: true }),
    answeredOn: t.expose('answeredOn', { type: 'Date', nullable: true }),
    answer: t.exposeString('answer', { nullable: true }),
  }),
});

const ClockItemType = builder.objectRef<ClockItem>('ServiceClockItem').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: ClockKindEnum }),
    ordinal: t.exposeInt('ordinal'),
    dueOn: t.expose('dueOn', { type: 'Date' }),
    doneOn: t.expose('doneOn', { type: 'Date', nullable: true }),
    state: t.expose('state', { type: ClockStateEnum }),
    daysLate: t.exposeInt('daysLate'),
  }),
});

const ServiceClockType = builder.objectRef<{ registration: RegistrationRow; items: ClockItem[] }>('ServiceClock').implement({
  description: 'The "311" services owed since registration, each with its deadline.',
  fields: (t) => ({
    registration: t.field({ type: RegistrationType, resolve: (c) => c.registration }),
    items: t.field({ type: [ClockItemType], resolve: (c) => c.items }),
    overdue: t.int({ resolve: (c) => c.items.filter((i) => i.state === 'OVERDUE').length }),
  }),
});

async function clockOf(ctx: ResidentsContext, resident: ResidentRow, registration: RegistrationRow, asOf: string) {
  const [deliveries, requests] = await Promise.all([deliveriesLoader(ctx).load(resident.id), requestsLoader(ctx).load(resident.id)]);
  return serviceClock(registration.registeredOn, deliveries.filter((d) => d.registrationId === registration.id), requests, asOf);
}

builder.objectFields(ResidentRef, (t) => ({
  serviceDeliveries: t.field({
    type: [DeliveryType],
    nullable: true,
    description: 'Services delivered, oldest first.',
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => deliveriesLoader(ctx).load(r.id)),
  }),
  trainingRequests: t.field({
    type: [TrainingRequestType],
    nullable: true,
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => requestsLoader(ctx).load(r.id)),
  }),
  serviceClock: t.field({
    type: ServiceClockType,
    nullable: true,
    description: 'The "311" clock of the open registration; null without one.',
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: (r, { asOf }, ctx, info) =>
      reveal(ctx, info, r, async () => {
        const [registration] = await ctx.db
          .select()
          .from(registrations)
          .where(and(eq(registrations.residentId, r.id), isNull(registrations.closedOn)));
        return registration ? { registration, items: await clockOf(ctx, r, registration, asOf ?? todayIso()) } : null;
      }),
  }),
}));

const OverdueServiceType = builder
  .objectRef<{ resident: ResidentRow; registration: RegistrationRow; item: ClockItem }>('OverdueService')
  .implement({
    description: 'A service owed to a registered unemployed person and not delivered in time.',
    fields: (t) => ({
      resident: t.field({ type: ResidentRef, resolve: (o) => o.resident }),
      registration: t.field({ type: RegistrationType, resolve: (o) => o.registration }),
      kind: t.field({ type: ClockKindEnum, resolve: (o) => o.item.kind }),
      ordinal: t.int({ resolve: (o) => o.item.ordinal }),
      dueOn: t.field({ type: 'Date', resolve: (o) => o.item.dueOn }),
      daysOverdue: t.int({ resolve: (o) => o.item.daysLate }),
    }),
  });

builder.queryField('overdueServices', (t) =>
  t.field({
    type: [OverdueServiceType],
    authScopes: { staff: true },
    description: 'What is late in a region: for whom, which service, by how many days (most late first).',
    args: { regionCode: t.arg.id({ required: true }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (_root, args, ctx) => {
      const code = checkRegionCode(String(args.regionCode));
      requireRegionAccess(ctx.viewer, code);
      const on = args.asOf ?? todayIso();
      const open = await ctx.db
        .select({ registration: registrations, resident: residents })
        .from(registrations)
        .innerJoin(residents, eq(residents.id, registrations.residentId))
        .where(and(isNull(registrations.closedOn), like(residents.communityCode, `${code}%`)));
      const clocks = await Promise.all(open.map(async ({ registration, resident }) => ({ registration, resident, items: await clockOf(ctx, resident, registration, on) })));
      return clocks
        .flatMap(({ registration, resident, items }) => items.filter((i) => i.state === 'OVERDUE').map((item) => ({ resident, registration, item })))
        .sort((a, b) => b.item.daysLate - a.item.daysLate);
    },
  }),
);

const fail = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

function checkDate(on: string, field: string) {
  if (on > todayIso()) throw fail('That date lies in the future.', field);
  return on;
}

builder.mutationFields((t) => ({
  recordServiceDelivery: t.field({
    type: DeliveryType,
    authScopes: { staff: true },
    description: 'Records a service given by hand: a job referral made outside the hub, guidance, a training offer, a policy explained.',
    args: {
      residentId: t.arg.id({ required: true }),
      kind: t.arg({ type: ServiceKindEnum, required: true }),
      deliveredOn: t.arg({ type: 'Date', required: false }),
      note: t.arg.string({ required: false }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: serviceDeliveries }, async (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const on = checkDate(args.deliveredOn ?? todayIso(), 'deliveredOn');
        const person = await lockResident(tx, ctx.viewer, String(args.residentId));
        return recordDelivery(tx, { residentId: person.id, kind: args.kind, deliveredOn: on, source: 'residents', note: args.note?.trim() || null, by: actorOf(ctx.viewer) });
      })),
  }),
  requestTraining: t.field({
    type: TrainingRequestType,
    authScopes: { staff: true },
    description: 'Records that a person asked for training; it must be answered by the next day.',
    args: { residentId: t.arg.id({ required: true }), requestedOn: t.arg({ type: 'Date', required: false }), note: t.arg.string({ required: false }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: trainingRequests }, async (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const on = checkDate(args.requestedOn ?? todayIso(), 'requestedOn');
        const person = await lockResident(tx, ctx.viewer, String(args.residentId));
        const by = actorOf(ctx.viewer);
        const [row] = await tx.insert(trainingRequests).values({ residentId: person.id, requestedOn: on, note: args.note?.trim() || null }).returning();
        await recordEvents(tx, [{ residentId: person.id, kind: 'TRAINING_REQUESTED', effectiveOn: on, by, details: { requestId: row!.id, note: row!.note } }]);
        return row!;
      })),
  }),
  answerTrainingRequest: t.field({
    type: TrainingRequestType,
    authScopes: { staff: true },
    args: { requestId: t.arg.id({ required: true }), answeredOn: t.arg({ type: 'Date', required: false }), answer: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const id = String(args.requestId);
        const [request] = isUuid(id) ? await tx.select().from(trainingRequests).where(eq(trainingRequests.id, id)).for('update') : [];
        if (!request) throw new HubError(ErrorCode.NOT_FOUND, `Training request ${id} does not exist.`, { field: 'requestId' });
        const person = await lockResident(tx, ctx.viewer, request.residentId);
        if (request.answeredOn) throw new HubError(ErrorCode.CONFLICT, `This request was answered on ${request.answeredOn}.`);
        const on = checkDate(args.answeredOn ?? todayIso(), 'answeredOn');
        if (on < request.requestedOn) throw fail('An answer cannot come before the request.', 'answeredOn');
        const answer = args.answer.trim();
        if (answer.length < 2) throw fail('Write the answer given (a course offered, a date).', 'answer');
        const [row] = await tx.update(trainingRequests).set({ answeredOn: on, answer }).where(eq(trainingRequests.id, id)).returning();
        await recordEvents(tx, [{ residentId: person.id, kind: 'TRAINING_REQUEST_ANSWERED', effectiveOn: on, by: actorOf(ctx.viewer), details: { requestId: id, answer } }]);
        return row!;
      }),
  }),
}));
