import { and, asc, eq, gte, inArray, like, or } from 'drizzle-orm';
import { actorOf, addMonths, ErrorCode, groupLoaderFor, HubError, isUuid, requireRegionAccess, todayIso } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { assistanceCases, caseKinds, caseStatuses, caseVisits, idempotencyKeys, residents } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { nextFollowUp, overdueBy, STABILITY_MONTHS, type FollowUp } from '../cases/follow-ups';
import type { CaseRow } from '../cases/sync';
import { DifficultyGroupEnum } from './enums';
import { householdLoader, HouseholdType, ResidentRef } from './household';
import { checkRegionCode, regionLoader, RegionType } from './region';
import { reveal } from '../access/resident-policy';
import { residentLoader } from './resident';

type VisitRow = typeof caseVisits.$inferSelect;

const visitsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, VisitRow>(
    ctx,
    'caseVisits',
    (ids) => ctx.db.select().from(caseVisits).where(inArray(caseVisits.caseId, [...ids])).orderBy(asc(caseVisits.visitedOn)),
    (row) => row.caseId,
  );

const casesOfResidentLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, CaseRow>(
    ctx,
    'residentCases',
    async (ids) => {
      const people = await ctx.db.select({ id: residents.id, householdId: residents.householdId }).from(residents).where(inArray(residents.id, [...ids]));
      const rows = await ctx.db
        .select()
        .from(assistanceCases)
        .where(or(inArray(assistanceCases.residentId, [...ids]), inArray(assistanceCases.householdId, people.map((p) => p.householdId))))
        .orderBy(asc(assistanceCases.openedOn));
      // A household case belongs to every member.
      return people.flatMap((p) => rows.filter((c) => c.residentId === p.id || (c.kind === 'HOUSEHOLD' && c.householdId === p.householdId)).map((c) => ({ ...c, owner: p.id })));
    },
    (row) => (row as CaseRow & { owner: string }).owner,
  );

const CaseKindEnum = builder.enumType('AssistanceCaseKind', { values: caseKinds });
const CaseStatusEnum = builder.enumType('AssistanceCaseStatus', { values: caseStatuses });
const FollowUpKindEnum = builder.enumType('FollowUpKind', {
  description: 'AGREEMENT: the help agreement is unsigned; VISIT: a monthly visit of an open case; STABILITY_VISIT: a monthly visit in the six months after placement.',
  values: ['AGREEMENT', 'VISIT', 'STABILITY_VISIT'] as const,
});

const CaseVisitType = builder.objectRef<VisitRow>('CaseVisit').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    visitedOn: t.expose('visitedOn', { type: 'Date' }),
    visitor: t.exposeString('visitor'),
    note: t.exposeString('note'),
  }),
});

const FollowUpType = builder.objectRef<FollowUp & { daysOverdue: number }>('FollowUp').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: FollowUpKindEnum }),
    dueOn: t.expose('dueOn', { type: 'Date' }),
    daysOverdue: t.exposeInt('daysOverdue'),
  }),
});

export const AssistanceCaseType = builder.objectRef<CaseRow>('AssistanceCase').implement({
  description: '一对一帮扶: one-to-one help for a hard-to-employ person or a zero-employment household, until someone works and for six months after.',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: CaseKindEnum }),
    resident: t.field({ type: ResidentRef, nullable: true, resolve: (c, _a, ctx) => (c.residentId ? residentLoader(ctx).load(c.residentId) : null) }),
    household: t.field({ type: HouseholdType, resolve: async (c, _a, ctx) => (await householdLoader(ctx).load(c.householdId))! }),
    community: t.field({ type: RegionType, resolve: async (c, _a, ctx) => (await regionLoader(ctx).load(c.communityCode))! }),
    reasons: t.field({ type: [DifficultyGroupEnum], resolve: (c) => c.reasons as never }),
    openedOn: t.expose('openedOn', { type: 'Date' }),
    helper: t.exposeString('helper', { nullable: true, description: 'The coordinator responsible (帮扶责任人).' }),
    agreementSignedOn: t.expose('agreementSignedOn', { type: 'Date', nullable: true }),
    status: t.expose('status', { type: CaseStatusEnum }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true }),
    closeReason: t.exposeString('closeReason', { nullable: true }),
    stableFollowUpUntil: t.field({
      type: 'Date',
      nullable: true,
      description: 'For a case closed by placement: monthly follow-up continues until this day.',
      resolve: (c) => (c.closeReason === 'EMPLOYED' && c.closedOn ? addMonths(c.closedOn, STABILITY_MONTHS) : null),
    }),
    visits: t.field({ type: [CaseVisitType], resolve: (c, _a, ctx) => visitsLoader(ctx).load(c.id) }),
    nextFollowUp: t.field({
      type: FollowUpType,
      nullable: true,
      args: { asOf: t.arg({ type: 'Date', required: false }) },
      resolve: async (c, { asOf }, ctx) => {
        const on = asOf ?? todayIso();
        const next = nextFollowUp(c, await visitsLoader(ctx).load(c.id), on);
        return next ? { ...next, daysOverdue: overdueBy(next, on) } : null;
      },
    }),
  }),
});

builder.objectField(ResidentRef, 'assistanceCases', (t) =>
  t.field({
    type: [AssistanceCaseType],
    nullable: true,
    description: 'Cases for the person and for their household, oldest first.',
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => casesOfResidentLoader(ctx).load(r.id)),
  }),
);

builder.objectField(RegionType, 'openCases', (t) =>
  t.field({
    type: [AssistanceCaseType],
    authScopes: { staff: true },
    description: 'Open assistance cases in this region and below.',
    resolve: (region, _a, ctx) => {
      requireRegionAccess(ctx.viewer, region.code);
      return ctx.db
        .select()
        .from(assistanceCases)
        .where(and(like(assistanceCases.communityCode, `${region.code}%`), eq(assistanceCases.status, 'OPEN')))
        .orderBy(asc(assistanceCases.openedOn), asc(assistanceCases.id));
    },
  }),
);

const OverdueFollowUpType = builder
  .objectRef<{ case: CaseRow; followUp: FollowUp; daysOverdue: number }>('OverdueFollowUp')
  .implement({
    fields: (t) => ({
      case: t.field({ type: AssistanceCaseType, resolve: (o) => o.case }),
      kind: t.field({ type: FollowUpKindEnum, resolve: (o) => o.followUp.kind }),
      dueOn: t.field({ type: 'Date', resolve: (o) => o.followUp.dueOn }),
      daysOverdue: t.exposeInt('daysOverdue'),
    }),
  });

builder.queryField('overdueFollowUps', (t) =>
  t.field({
    type: [OverdueFollowUpType],
    authScopes: { staff: true },
    description: 'Assistance cases in a region whose follow-up is late, most late first.',
    args: { regionCode: t.arg.id({ required: true }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (_root, args, ctx) => {
      const code = checkRegionCode(String(args.regionCode));
      requireRegionAccess(ctx.viewer, code);
      const on = args.asOf ?? todayIso();
      const cases = await ctx.db
        .select()
        .from(assistanceCases)
        .where(
          and(
            like(assistanceCases.communityCode, `${code}%`),
            or(eq(assistanceCases.status, 'OPEN'), and(eq(assistanceCases.closeReason, 'EMPLOYED'), gte(assistanceCases.closedOn, addMonths(on, -STABILITY_MONTHS)))),
          ),
        );
      const visits = await visitsLoader(ctx).loadMany(cases.map((c) => c.id));
      return cases
        .map((c, i) => {
          const followUp = nextFollowUp(c, (visits[i] as VisitRow[]) ?? [], on);
          return followUp ? { case: c, followUp, daysOverdue: overdueBy(followUp, on) } : null;
        })
        .filter((o): o is NonNullable<typeof o> => o !== null && o.daysOverdue > 0)
        .sort((a, b) => b.daysOverdue - a.daysOverdue);
    },
  }),
);

async function caseForUpdate(ctx: ResidentsContext, id: string): Promise<CaseRow> {
  const [row] = isUuid(id) ? await ctx.db.select().from(assistanceCases).where(eq(assistanceCases.id, id)) : [];
  if (!row) throw new HubError(ErrorCode.NOT_FOUND, `Assistance case ${id} does not exist.`, { field: 'caseId' });
  requireRegionAccess(ctx.viewer, row.communityCode);
  return row;
}

builder.queryField('assistanceCase', (t) =>
  t.field({
    type: AssistanceCaseType,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => caseForUpdate(ctx, String(id)),
  }),
);

builder.mutationFields((t) => ({
  assignCaseHelper: t.field({
    type: AssistanceCaseType,
    authScopes: { staff: true },
    args: { caseId: t.arg.id({ required: true }), helper: t.arg.string({ required: true, description: 'The coordinator responsible.' }) },
    resolve: async (_root, args, ctx) => {
      const c = await caseForUpdate(ctx, String(args.caseId));
      const helper = args.helper.trim();
      if (helper.length < 2) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Name the coordinator who helps.', { field: 'helper' });
      const [row] = await ctx.db.update(assistanceCases).set({ helper }).where(eq(assistanceCases.id, c.id)).returning();
      return row!;
    },
  }),
  signAssistanceAgreement: t.field({
    type: AssistanceCaseType,
    authScopes: { staff: true },
    description: 'Records the signed help agreement (帮扶协议书).',
    args: { caseId: t.arg.id({ required: true }), signedOn: t.arg({ type: 'Date', required: false }) },
    resolve: async (_root, args, ctx) => {
      const c = await caseForUpdate(ctx, String(args.caseId));
      const on = args.signedOn ?? todayIso();
      if (c.status !== 'OPEN') throw new HubError(ErrorCode.CONFLICT, 'This case is closed; an agreement is signed while help goes on.');
      if (on < c.openedOn || on > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The agreement is signed between the case opening and today.', { field: 'signedOn' });
      const [row] = await ctx.db.update(assistanceCases).set({ agreementSignedOn: on }).where(eq(assistanceCases.id, c.id)).returning();
      return row!;
    },
  }),
  recordCaseVisit: t.field({
    type: AssistanceCaseType,
    authScopes: { staff: true },
    description: 'Records a follow-up visit (回访) with what was found.',
    args: { caseId: t.arg.id({ required: true }), visitedOn: t.arg({ type: 'Date', required: false }), note: t.arg.string({ required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: assistanceCases }, async (_root, args, ctx) => {
      const c = await caseForUpdate(ctx, String(args.caseId));
      const on = args.visitedOn ?? todayIso();
      const note = args.note.trim();
      if (note.length < 2) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Write what the visit found.', { field: 'note' });
      if (on < c.openedOn || on > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A visit is dated between the case opening and today.', { field: 'visitedOn' });
      await ctx.db.insert(caseVisits).values({ caseId: c.id, visitedOn: on, visitor: actorOf(ctx.viewer), note });
      return c;
    }),
  }),
}));
