import { and, asc, count, eq, gt, inArray, like, type SQL } from 'drizzle-orm';
import { connectionType, EDUCATION_LEVELS, ErrorCode, GENDERS, HubError, isUuid, loaderFor, pageById, requireCityRegion, requireRole } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { vacancies, vacancyStatuses } from '../db/schema';
import { employerLoader, EmployerType, VacancyType, type VacancyRow } from './employer';
import { RegionRef } from './region';

export const vacancyLoader = (ctx: EmployersContext) =>
  loaderFor<string, VacancyRow>(
    ctx,
    'vacancy',
    (ids) => ctx.db.select().from(vacancies).where(inArray(vacancies.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const GenderEnum = builder.enumType('Gender', { values: GENDERS });
const EducationLevelEnum = builder.enumType('EducationLevel', {
  description: '学历: the minimum education a vacancy asks for.',
  values: EDUCATION_LEVELS,
});
const VacancyStatusEnum = builder.enumType('VacancyStatus', { values: vacancyStatuses });

const RequirementsType = builder.objectRef<VacancyRow>('VacancyRequirements').implement({
  fields: (t) => ({
    gender: t.expose('genderRequirement', { type: GenderEnum, nullable: true }),
    genderReason: t.exposeString('genderReason', { nullable: true, description: 'Why the job needs one sex; required with a gender.' }),
    ageMin: t.exposeInt('ageMin', { nullable: true }),
    ageMax: t.exposeInt('ageMax', { nullable: true }),
    minEducation: t.expose('minEducation', { type: EducationLevelEnum, nullable: true }),
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
    skills: t.exposeStringList('skills'),
    headcount: t.exposeInt('headcount'),
    filledCount: t.exposeInt('filledCount'),
    wageMin: t.exposeInt('wageMin', { description: 'Yuan a month.' }),
    wageMax: t.exposeInt('wageMax', { description: 'Yuan a month.' }),
    location: t.field({ type: RegionRef, resolve: (v) => ({ code: v.locationCode }) }),
    requirements: t.field({ type: RequirementsType, resolve: (v) => v }),
    publicWelfare: t.exposeBoolean('publicWelfare', { description: '公益性岗位: only for hard-to-employ people.' }),
    status: t.expose('status', { type: VacancyStatusEnum }),
    postedAt: t.expose('postedAt', { type: 'DateTime' }),
  }),
});

builder.asEntity(VacancyType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => vacancyLoader(ctx).load(id),
});

const VacancyConnection = connectionType(builder, 'Vacancy', VacancyType);

builder.queryFields((t) => ({
  vacancy: t.field({
    type: VacancyType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => vacancyLoader(ctx).load(String(id)),
  }),
  vacancies: t.field({
    type: VacancyConnection,
    description: 'Vacancies, newest identifiers last, optionally within a region subtree.',
    args: {
      regionCode: t.arg.id({ required: false }),
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
      if (args.publicWelfare != null) filters.push(eq(vacancies.publicWelfare, args.publicWelfare));
      if (args.openOnly !== false) filters.push(eq(vacancies.status, 'OPEN'));
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
}));

const PostVacancyInput = builder.inputType('PostVacancyInput', {
  fields: (t) => ({
    employerId: t.id({ required: true }),
    title: t.string({ required: true }),
    occupation: t.string({ required: true }),
    description: t.string({ required: false }),
    skills: t.stringList({ required: false, defaultValue: [] }),
    headcount: t.int({ required: true }),
    wageMin: t.int({ required: true, description: 'Yuan a month.' }),
    wageMax: t.int({ required: true, description: 'Yuan a month.' }),
    locationCode: t.id({ required: true, description: 'Where the work is: a district, street or community code.' }),
    genderRequirement: t.field({ type: GenderEnum, required: false }),
    genderReason: t.string({ required: false }),
    ageMin: t.int({ required: false }),
    ageMax: t.int({ required: false }),
    minEducation: t.field({ type: EducationLevelEnum, required: false }),
    publicWelfare: t.boolean({ required: false, defaultValue: false }),
  }),
});

const fail = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

builder.mutationField('postVacancy', (t) =>
  t.field({
    type: VacancyType,
    description: 'Posts a vacancy: by the employer itself, or by staff on its behalf.',
    args: { input: t.arg({ type: PostVacancyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
      const employerId = String(input.employerId);
      if (viewer.role === 'EMPLOYER' && viewer.employerId !== employerId) {
        throw new HubError(ErrorCode.FORBIDDEN, 'You can post vacancies only for your own organisation.');
      }
      const employer = await employerLoader(ctx).load(employerId);
      if (!employer) throw new HubError(ErrorCode.NOT_FOUND, `Employer ${employerId} does not exist.`, { field: 'employerId' });
      const title = input.title.trim();
      const occupation = input.occupation.trim();
      if (title.length < 2 || title.length > 100) throw fail('Give the vacancy a title of 2 to 100 characters.', 'title');
      if (!occupation) throw fail('Name the occupation.', 'occupation');
      if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 10_000) {
        throw fail('Headcount must be between 1 and 10,000.', 'headcount');
      }
      if (input.wageMin < 0 || input.wageMax < input.wageMin || input.wageMax > 1_000_000) {
        throw fail('The wage range must run from a minimum to a maximum not below it (yuan a month).', 'wageMin');
      }
      const ageMin = input.ageMin ?? null;
      const ageMax = input.ageMax ?? null;
      if ((ageMin !== null && (ageMin < 16 || ageMin > 70)) || (ageMax !== null && (ageMax < 16 || ageMax > 70)) || (ageMin !== null && ageMax !== null && ageMax < ageMin)) {
        throw fail('Ages must lie between 16 and 70, the minimum not above the maximum.', 'ageMin');
      }
      const gender = input.genderRequirement ?? null;
      const genderReason = input.genderReason?.trim() || null;
      if (gender && !genderReason) {
        // Refusing women on grounds of sex is unlawful; a one-sex job must say why.
        throw fail('A gender requirement needs a stated reason (for example a women\'s changing-room attendant).', 'genderReason');
      }
      const location = await requireCityRegion(String(input.locationCode), ['DISTRICT', 'STREET', 'COMMUNITY'], 'locationCode');
      const skills = [...new Set((input.skills ?? []).map((s) => s.trim()).filter(Boolean))];
      const [row] = await ctx.db
        .insert(vacancies)
        .values({
          employerId,
          title,
          occupation,
          description: input.description?.trim() ?? '',
          skills,
          headcount: input.headcount,
          wageMin: input.wageMin,
          wageMax: input.wageMax,
          locationCode: location.code,
          genderRequirement: gender,
          genderReason: gender ? genderReason : null,
          ageMin,
          ageMax,
          minEducation: input.minEducation ?? null,
          publicWelfare: input.publicWelfare ?? false,
        })
        .returning();
      return row!;
    },
  }),
);
