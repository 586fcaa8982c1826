import { and, asc, count, eq, gt, gte, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { connectionType, EDUCATION_LEVEL_DESCRIPTION, EDUCATION_LEVELS, ErrorCode, GENDERS, HubError, isUuid, likePattern, loaderFor, pageById, requireCityRegion, requireRole, todayIso, type Viewer } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { employers, idempotencyKeys, vacancies, vacancyChanges, vacancyStatuses } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { recordChange } from '../vacancies/changes';
import { checkVacancy } from '../vacancies/rules';
import { employerLoader, EmployerType, VacancyType, type VacancyRow } from './employer';
import { mayManageVacancy, requireEmployerManager } from '../access/policy';
import { RegionRef } from './region';

export const vacancyLoader = (ctx: EmployersContext) =>
  loaderFor<string, VacancyRow>(
    ctx,
    'vacancy',
    (ids) => ctx.db.select().from(vacancies).where(inArray(vacancies.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const isPastValidity = (v: VacancyRow) => v.validUntil !== null && v.validUntil < todayIso();

export const GenderEnum = builder.enumType('Gender', { values: GENDERS });
export const EducationLevelEnum = builder.enumType('EducationLevel', {
  description: EDUCATION_LEVEL_DESCRIPTION,
  values: EDUCATION_LEVELS,
});
const VacancyStatusEnum = builder.enumType('VacancyStatus', {
  description: 'OPEN → FILLED (headcount reached) / CLOSED (by the employer) / EXPIRED (past its last day).',
  values: vacancyStatuses,
});
const WorkingTimeEnum = builder.enumType('WorkingTime', { values: ['FULL_TIME', 'PART_TIME', 'SHIFTS'] as const });
const ChangeKindEnum = builder.enumType('VacancyChangeKind', { values: ['CREATED', 'UPDATED', 'REMOVED'] as const });

const RequirementsType = builder.objectRef<VacancyRow>('VacancyRequirements').implement({
  // Shared with the residents service, which reads requirements through @requires to rank candidates.
  shareable: true,
  fields: (t) => ({
    gender: t.expose('genderRequirement', { type: GenderEnum, nullable: true }),
    genderReason: t.exposeString('genderReason', { nullable: true, description: 'Why the job needs one sex; required with a gender.' }),
    ageMin: t.exposeInt('ageMin', { nullable: true }),
    ageMax: t.exposeInt('ageMax', { nullable: true }),
    minEducation: t.expose('minEducation', { type: EducationLevelEnum, nullable: true }),
    needsReview: t.boolean({ description: 'A gender or age requirement a labour officer should check.', resolve: (v) => v.reviewReasons.length > 0 }),
    reviewReasons: t.exposeStringList('reviewReasons'),
  }),
});

VacancyType.implement({
  description: '岗位: a job an employer posts.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    employer: t.field({ type: EmployerType, resolve: async (v, _a, ctx) => (await employerLoader(ctx).load(v.employerId))! }),
    title: t.exposeString('title'),
    occupation: t.exposeString('occupation'),
    description: t.exposeString('description'),
    skills: t.stringList({ description: 'Must-have and nice-to-have skills together.', resolve: (v) => [...v.skills, ...v.niceToHaveSkills] }),
    mustHaveSkills: t.exposeStringList('skills'),
    niceToHaveSkills: t.exposeStringList('niceToHaveSkills'),
    workingTime: t.expose('workingTime', { type: WorkingTimeEnum }),
    headcount: t.exposeInt('headcount'),
    filledCount: t.exposeInt('filledCount'),
    openings: t.int({ resolve: (v) => v.headcount - v.filledCount }),
    wageMin: t.exposeInt('wageMin', { description: 'Yuan a month.' }),
    wageMax: t.exposeInt('wageMax', { description: 'Yuan a month.' }),
    location: t.field({ type: RegionRef, nullable: true, description: 'Null, with the error, when the register does not answer.', resolve: (v) => ({ code: v.locationCode }) }),
    requirements: t.field({ type: RequirementsType, resolve: (v) => v }),
    publicWelfare: t.exposeBoolean('publicWelfare', { description: '公益性岗位: only for hard-to-employ people.' }),
    status: t.field({
      type: VacancyStatusEnum,
      // Past its last day it is expired at once, before the periodic expiry writes it down.
      resolve: (v) => (v.status === 'OPEN' && isPastValidity(v) ? 'EXPIRED' : v.status),
    }),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validUntil: t.expose('validUntil', { type: 'Date', nullable: true }),
    postedAt: t.expose('postedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** An employer sees its own vacancies only; staff, training centres and the public feed see all. */
const hiddenFrom = (viewer: Viewer | null, vacancy: VacancyRow) => viewer?.role === 'EMPLOYER' && viewer.employerId !== vacancy.employerId;

builder.asEntity(VacancyType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async ({ id }, ctx) => {
    const vacancy = await vacancyLoader(ctx).load(id);
    return vacancy && !hiddenFrom(ctx.viewer, vacancy) ? vacancy : null;
  },
});

const VacancyConnection = connectionType(builder, 'Vacancy', VacancyType);

interface ChangeRow {
  sequence: number;
  vacancyId: string;
  kind: 'CREATED' | 'UPDATED' | 'REMOVED';
  changedAt: Date;
}

const VacancyChangeType = builder.objectRef<ChangeRow>('VacancyChange').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (c) => String(c.sequence) }),
    kind: t.expose('kind', { type: ChangeKindEnum }),
    vacancyId: t.exposeID('vacancyId'),
    changedAt: t.expose('changedAt', { type: 'DateTime' }),
    vacancy: t.field({
      type: VacancyType,
      nullable: true,
      description: 'The vacancy as it stands now; null after a removal, when it is no longer open.',
      resolve: async (c, _a, ctx) => {
        const v = await vacancyLoader(ctx).load(c.vacancyId);
        return v && v.status === 'OPEN' ? v : null;
      },
    }),
  }),
});

const ChangePageType = builder.objectRef<{ changes: ChangeRow[]; endCursor: string; hasMore: boolean }>('VacancyChangePage').implement({
  fields: (t) => ({
    changes: t.field({ type: [VacancyChangeType], resolve: (p) => p.changes }),
    endCursor: t.exposeString('endCursor', { description: 'Pass as `since` to continue; unchanged when nothing new happened.' }),
    hasMore: t.exposeBoolean('hasMore'),
  }),
});

builder.queryFields((t) => ({
  vacancy: t.field({
    type: VacancyType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const vacancy = await vacancyLoader(ctx).load(String(id));
      if (vacancy && hiddenFrom(ctx.viewer, vacancy)) throw new HubError(ErrorCode.FORBIDDEN, 'This vacancy belongs to another employer.');
      return vacancy;
    },
  }),
  vacancies: t.field({
    type: VacancyConnection,
    description: 'Vacancies by id order, filtered by region subtree, occupation, employer, public welfare and status.',
    args: {
      regionCode: t.arg.id({ required: false }),
      occupation: t.arg.string({ required: false, description: 'Matches occupations containing this text.' }),
      employerId: t.arg.id({ required: false }),
      publicWelfare: t.arg.boolean({ required: false }),
      openOnly: t.arg.boolean({ required: false, defaultValue: true }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const filters: SQL[] = [];
      if (args.regionCode != null) {
        const region = await requireCityRegion(String(args.regionCode), ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY'], 'regionCode');
        filters.push(like(vacancies.locationCode, `${region.code}%`));
      }
      if (args.occupation?.trim()) filters.push(ilike(vacancies.occupation, likePattern(args.occupation.trim())));
      if (args.employerId != null && !isUuid(String(args.employerId))) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not an employer id.', { field: 'employerId' });
      }
      if (ctx.viewer?.role === 'EMPLOYER' && args.employerId != null && String(args.employerId) !== ctx.viewer.employerId) {
        throw new HubError(ErrorCode.FORBIDDEN, 'You can list only your own organisation\'s vacancies.');
      }
      const employerId = ctx.viewer?.role === 'EMPLOYER' ? ctx.viewer.employerId : args.employerId == null ? null : String(args.employerId);
      if (employerId !== null) filters.push(eq(vacancies.employerId, employerId));
      if (args.publicWelfare != null) filters.push(eq(vacancies.publicWelfare, args.publicWelfare));
      if (args.openOnly !== false) {
        filters.push(eq(vacancies.status, 'OPEN'), or(isNull(vacancies.validUntil), gte(vacancies.validUntil, todayIso()))!);
      }
      const where = and(...filters);
      return pageById(
        args,
        'vacancies',
        async () => (await ctx.db.select({ n: count() }).from(vacancies).where(where))[0]?.n ?? 0,
        (after, limit) =>
          ctx.db
            .select()
            .from(vacancies)
            .where(after ? and(where, gt(vacancies.id, after)) : where)
            .orderBy(asc(vacancies.id))
            .limit(limit),
      );
    },
  }),
  vacancyChanges: t.field({
    type: ChangePageType,
    authScopes: { staff: true },
    description: 'Every vacancy created, changed or removed after the `since` cursor, oldest first (a JobStream-style feed).',
    args: {
      since: t.arg.string({ required: false, description: 'A cursor from an earlier page; omit to start from the beginning.' }),
      first: t.arg.int({ required: false, defaultValue: 100 }),
    },
    resolve: async (_root, args, ctx) => {
      const since = args.since ?? '0';
      if (!/^\d{1,15}$/.test(since)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That cursor is not valid.', { field: 'since' });
      const first = args.first ?? 100;
      if (!Number.isInteger(first) || first < 1 || first > 1000) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Ask for 1 to 1,000 changes at a time.', { field: 'first' });
      const rows = await ctx.db
        .select()
        .from(vacancyChanges)
        .where(gt(vacancyChanges.sequence, Number(since)))
        .orderBy(asc(vacancyChanges.sequence))
        .limit(first + 1);
      const changes = rows.slice(0, first);
      return { changes, endCursor: changes.length ? String(changes.at(-1)!.sequence) : since, hasMore: rows.length > first };
    },
  }),
}));

const vacancyInputFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0], required: boolean) => ({
  title: t.string({ required }),
  occupation: t.string({ required }),
  description: t.string({ required: false }),
  mustHaveSkills: t.stringList({ required: false }),
  niceToHaveSkills: t.stringList({ required: false }),
  workingTime: t.field({ type: WorkingTimeEnum, required: false }),
  headcount: t.int({ required }),
  wageMin: t.int({ required, description: 'Yuan a month.' }),
  wageMax: t.int({ required, description: 'Yuan a month.' }),
  locationCode: t.id({ required, description: 'Where the work is: a district, street or community code.' }),
  genderRequirement: t.field({ type: GenderEnum, required: false }),
  genderReason: t.string({ required: false }),
  ageMin: t.int({ required: false }),
  ageMax: t.int({ required: false }),
  minEducation: t.field({ type: EducationLevelEnum, required: false }),
  publicWelfare: t.boolean({ required: false }),
  validFrom: t.field({ type: 'Date', required: false }),
  validUntil: t.field({ type: 'Date', required: false }),
});

const PostVacancyInput = builder.inputType('PostVacancyInput', {
  fields: (t) => ({ employerId: t.id({ required: true }), ...vacancyInputFields(t, true) }),
});
const UpdateVacancyInput = builder.inputType('UpdateVacancyInput', {
  description: 'Only the fields given change.',
  fields: (t) => vacancyInputFields(t, false),
});

async function openVacancyForUpdate(ctx: EmployersContext, tx: Parameters<Parameters<EmployersContext['db']['transaction']>[0]>[0], id: string) {
  const [row] = isUuid(id) ? await tx.select().from(vacancies).where(eq(vacancies.id, id)).for('update') : [];
  if (!row) throw new HubError(ErrorCode.NOT_FOUND, `Vacancy ${id} does not exist.`, { field: 'id' });
  requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
  // Through the transaction: on embedded storage a read beside it would wait for it forever.
  const [employer] = await tx.select().from(employers).where(eq(employers.id, row.employerId));
  if (!mayManageVacancy(ctx.viewer, row, employer!)) {
    throw new HubError(ErrorCode.FORBIDDEN, 'Only the vacancy\'s employer, and staff of its place of work or of the employer\'s district, change it.');
  }
  if (row.status !== 'OPEN' || isPastValidity(row)) throw new HubError(ErrorCode.CONFLICT, `This vacancy is ${isPastValidity(row) ? 'expired' : row.status.toLowerCase()}; only open vacancies change.`);
  return row;
}

builder.mutationFields((t) => ({
  postVacancy: t.field({
    type: VacancyType,
    description: 'Posts a vacancy: by the employer itself, or by staff on its behalf.',
    args: { input: t.arg({ type: PostVacancyInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: vacancies }, async (_root, { input }, ctx) => {
      const employerId = String(input.employerId);
      await requireEmployerManager(ctx, employerId);
      const employer = await employerLoader(ctx).load(employerId);
      if (!employer) throw new HubError(ErrorCode.NOT_FOUND, `Employer ${employerId} does not exist.`, { field: 'employerId' });
      const columns = await checkVacancy(input);
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx.insert(vacancies).values({ ...columns, employerId }).returning();
        await recordChange(tx, row!, 'CREATED');
        return row!;
      });
    }),
  }),
  updateVacancy: t.field({
    type: VacancyType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateVacancyInput, required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const current = await openVacancyForUpdate(ctx, tx, String(args.id));
        const columns = await checkVacancy(args.input, current);
        const [row] = await tx
          .update(vacancies)
          .set({ ...columns, status: columns.headcount === current.filledCount ? 'FILLED' : 'OPEN', updatedAt: sql`now()` })
          .where(eq(vacancies.id, current.id))
          .returning();
        await recordChange(tx, row!, row!.status === 'OPEN' ? 'UPDATED' : 'REMOVED');
        return row!;
      }),
  }),
  closeVacancy: t.field({
    type: VacancyType,
    description: 'Takes an open vacancy off the list (CLOSED).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const current = await openVacancyForUpdate(ctx, tx, String(args.id));
        const [row] = await tx.update(vacancies).set({ status: 'CLOSED', closedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(vacancies.id, current.id)).returning();
        await recordChange(tx, row!, 'REMOVED');
        return row!;
      }),
  }),
}));
