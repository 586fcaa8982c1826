import { asc, eq, inArray, like, sql } from 'drizzle-orm';
import { actorOf, ErrorCode, groupLoaderFor, HubError, isUuid, requireCityRegion, requireRegionAccess, rowsOf } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { idempotencyKeys, jobFairs, jobFairVacancies, vacancies } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { employerLoader, EmployerType, VacancyType, type EmployerRow } from './employer';
import { RegionRef } from './region';

type FairRow = typeof jobFairs.$inferSelect;

const fairVacanciesLoader = (ctx: EmployersContext) =>
  groupLoaderFor<string, typeof vacancies.$inferSelect & { jobFairId: string }>(
    ctx,
    'fairVacancies',
    async (ids) =>
      (
        await ctx.db
          .select({ vacancy: vacancies, jobFairId: jobFairVacancies.jobFairId })
          .from(jobFairVacancies)
          .innerJoin(vacancies, eq(vacancies.id, jobFairVacancies.vacancyId))
          .where(inArray(jobFairVacancies.jobFairId, [...ids]))
      ).map((r) => ({ ...r.vacancy, jobFairId: r.jobFairId })),
    (row) => row.jobFairId,
  );

const JobFairType = builder.objectRef<FairRow>('JobFair').implement({
  description: '送岗位进社区: a job fair held in a community.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    community: t.field({ type: RegionRef, nullable: true, resolve: (f) => ({ code: f.communityCode }) }),
    heldOn: t.expose('heldOn', { type: 'Date' }),
    organisedBy: t.exposeString('organisedBy'),
    vacancies: t.field({ type: [VacancyType], resolve: (f, _a, ctx) => fairVacanciesLoader(ctx).load(f.id) }),
    employers: t.field({
      type: [EmployerType],
      resolve: async (f, _a, ctx) => {
        const ids = [...new Set((await fairVacanciesLoader(ctx).load(f.id)).map((v) => v.employerId))];
        return (await employerLoader(ctx).loadMany(ids)).filter((e): e is EmployerRow => e !== null && !(e instanceof Error));
      },
    }),
    referrals: t.int({ resolve: (f, _a, ctx) => countReferrals(ctx, f.id, false) }),
    placed: t.int({ description: 'People hired through referrals made at the fair.', resolve: (f, _a, ctx) => countReferrals(ctx, f.id, true) }),
  }),
});

async function countReferrals(ctx: EmployersContext, fairId: string, hiredOnly: boolean) {
  const result = await ctx.db.execute(
    sql`select count(*)::int as n from employers.referrals where job_fair_id = ${fairId} ${hiredOnly ? sql`and outcome = 'HIRED'` : sql``}`,
  );
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

builder.objectField(RegionRef, 'jobFairs', (t) =>
  t.field({
    type: [JobFairType],
    // Nullable: a field this service adds to another's entity fails alone when it does not answer.
    nullable: true,
    authScopes: { authenticated: true },
    description: 'Job fairs held in this region and below, newest first.',
    resolve: (region, _a, ctx) =>
      ctx.db.select().from(jobFairs).where(like(jobFairs.communityCode, `${region.code}%`)).orderBy(sql`${jobFairs.heldOn} desc`, asc(jobFairs.id)),
  }),
);

builder.queryField('jobFair', (t) =>
  t.field({
    type: JobFairType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => (isUuid(String(id)) ? ((await ctx.db.select().from(jobFairs).where(eq(jobFairs.id, String(id))))[0] ?? null) : null),
  }),
);

const CreateJobFairInput = builder.inputType('CreateJobFairInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    communityCode: t.id({ required: true }),
    heldOn: t.field({ type: 'Date', required: true }),
    vacancyIds: t.idList({ required: true, description: 'The vacancies the employers bring.' }),
  }),
});

builder.mutationField('createJobFair', (t) =>
  t.field({
    type: JobFairType,
    authScopes: { staff: true },
    args: { input: t.arg({ type: CreateJobFairInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: jobFairs }, async (_root, { input }, ctx) => {
      const community = await requireCityRegion(String(input.communityCode), ['COMMUNITY'], 'communityCode');
      const viewer = requireRegionAccess(ctx.viewer, community.code);
      const title = input.title.trim();
      if (title.length < 2) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give the fair a title.', { field: 'title' });
      const ids = [...new Set(input.vacancyIds.map(String))];
      if (!ids.length || !ids.every(isUuid)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Name the vacancies offered at the fair.', { field: 'vacancyIds' });
      return ctx.db.transaction(async (tx) => {
        const found = await tx.select({ id: vacancies.id, status: vacancies.status }).from(vacancies).where(inArray(vacancies.id, ids));
        if (found.length !== ids.length || found.some((v) => v.status !== 'OPEN')) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, 'Every vacancy at a fair must exist and be open.', { field: 'vacancyIds' });
        }
        const [fair] = await tx.insert(jobFairs).values({ title, communityCode: community.code, heldOn: input.heldOn, organisedBy: actorOf(viewer) }).returning();
        await tx.insert(jobFairVacancies).values(ids.map((vacancyId) => ({ jobFairId: fair!.id, vacancyId })));
        return fair!;
      });
    }),
  }),
);

