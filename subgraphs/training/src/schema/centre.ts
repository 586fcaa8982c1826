import { asc, eq, inArray } from 'drizzle-orm';
import { ErrorCode, HubError, groupLoaderFor, isUuid, loaderFor, requireCityRegion, todayIso } from '@hub/common';
import { queueForIndex } from '@hub/common/search';
import { COURSE_INDEX } from '../search/course-index';
import { builder, type TrainingContext } from '../builder';
import { courses, idempotencyKeys, searchQueue, trainingCentres } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { RegionRef } from './region';

export type CentreRow = typeof trainingCentres.$inferSelect;
export type CourseRow = typeof courses.$inferSelect;

export const centreLoader = (ctx: TrainingContext) =>
  loaderFor<string, CentreRow>(
    ctx,
    'centre',
    (ids) => ctx.db.select().from(trainingCentres).where(inArray(trainingCentres.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const centreCoursesLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, CourseRow>(
    ctx,
    'centreCourses',
    (ids) => ctx.db.select().from(courses).where(inArray(courses.centreId, [...ids])).orderBy(asc(courses.startDate)),
    (row) => row.centreId,
  );

export const CourseType = builder.objectRef<CourseRow>('Course');

/** Accredited on `on`: only then do the centre's courses qualify for the training subsidy (职业培训补贴). */
export const accreditedOn = (centre: Pick<CentreRow, 'accreditationNumber' | 'accreditedUntil'>, on: string) =>
  centre.accreditationNumber !== null && centre.accreditedUntil !== null && centre.accreditedUntil >= on;

/** The trades as given: trimmed, without blanks or repeats. */
const tradeList = (given: readonly string[]) => [...new Set(given.map((t) => t.trim()).filter(Boolean))];

export const TrainingCentreType = builder.objectRef<CentreRow>('TrainingCentre').implement({
  description: '培训机构: a training centre.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    district: t.field({ type: RegionRef, nullable: true, resolve: (c) => ({ code: c.districtCode }) }),
    accreditationNumber: t.exposeString('accreditationNumber', { nullable: true }),
    accreditedUntil: t.expose('accreditedUntil', { type: 'Date', nullable: true }),
    accredited: t.boolean({
      description: 'Accredited today: only accredited centres\' courses qualify for the training subsidy.',
      resolve: (c) => accreditedOn(c, todayIso()),
    }),
    trades: t.exposeStringList('trades', { description: '核准培训工种: the trades the centre may teach; every course teaches one of them.' }),
    courses: t.field({ type: [CourseType], resolve: (c, _a, ctx) => centreCoursesLoader(ctx).load(c.id) }),
  }),
});

builder.asEntity(TrainingCentreType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => centreLoader(ctx).load(id),
});

const RegisterTrainingCentreInput = builder.inputType('RegisterTrainingCentreInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    districtCode: t.id({ required: true }),
    accreditationNumber: t.string({ required: false }),
    accreditedUntil: t.field({ type: 'Date', required: false }),
    trades: t.stringList({ required: false, description: 'The trades the centre is approved to teach.' }),
  }),
});

const fail = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

function checkAccreditation(number: string | null | undefined, until: string | null | undefined) {
  if (until && !number?.trim()) throw fail('An accreditation date needs the accreditation number.', 'accreditationNumber');
  if (number?.trim() && !until) throw fail('Say until when the accreditation is valid.', 'accreditedUntil');
}

builder.queryFields((t) => ({
  trainingCentre: t.field({
    type: TrainingCentreType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => centreLoader(ctx).load(String(id)),
  }),
  trainingCentres: t.field({
    type: [TrainingCentreType],
    resolve: (_root, _args, ctx) => ctx.db.select().from(trainingCentres).orderBy(asc(trainingCentres.name)),
  }),
}));

builder.mutationField('registerTrainingCentre', (t) =>
  t.field({
    type: TrainingCentreType,
    authScopes: { admin: true },
    args: { input: t.arg({ type: RegisterTrainingCentreInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: trainingCentres }, async (_root, { input }, ctx) => {
      const name = input.name.trim();
      if (name.length < 2 || name.length > 100) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the centre\'s name (2 to 100 characters).', { field: 'name' });
      }
      const district = await requireCityRegion(String(input.districtCode), ['DISTRICT'], 'districtCode');
      checkAccreditation(input.accreditationNumber, input.accreditedUntil);
      const [row] = await ctx.db
        .insert(trainingCentres)
        .values({
          name,
          districtCode: district.code,
          accreditationNumber: input.accreditationNumber?.trim() || null,
          accreditedUntil: input.accreditedUntil ?? null,
          trades: tradeList(input.trades ?? []),
        })
        .onConflictDoNothing({ target: trainingCentres.name })
        .returning();
      if (!row) throw new HubError(ErrorCode.DUPLICATE, 'A training centre with this name is already registered.', { field: 'name' });
      return row;
    }),
  }),
);

builder.mutationField('setCentreAccreditation', (t) =>
  t.field({
    type: TrainingCentreType,
    authScopes: { admin: true },
    description: 'Records a centre\'s accreditation (renewed, changed or withdrawn with nulls) and the trades it may teach: by an administrator.',
    args: {
      centreId: t.arg.id({ required: true }),
      accreditationNumber: t.arg.string({ required: false }),
      accreditedUntil: t.arg({ type: 'Date', required: false }),
      trades: t.arg.stringList({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      checkAccreditation(args.accreditationNumber, args.accreditedUntil);
      const id = String(args.centreId);
      // Accreditation is part of every course document of the centre, so its courses are reindexed.
      const [row] = isUuid(id)
        ? await ctx.db.transaction(async (tx) => {
            const updated = await tx
              .update(trainingCentres)
              .set({ accreditationNumber: args.accreditationNumber?.trim() || null, accreditedUntil: args.accreditedUntil ?? null, trades: tradeList(args.trades) })
              .where(eq(trainingCentres.id, id))
              .returning();
            const own = await tx.select({ id: courses.id }).from(courses).where(eq(courses.centreId, id));
            await queueForIndex(tx, searchQueue, COURSE_INDEX, own.map((c) => c.id));
            return updated;
          })
        : [];
      if (!row) throw new HubError(ErrorCode.NOT_FOUND, `Training centre ${id} does not exist.`, { field: 'centreId' });
      return row;
    },
  }),
);
