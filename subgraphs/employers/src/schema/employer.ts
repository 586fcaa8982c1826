import { and, asc, count, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { connectionType, ErrorCode, HubError, groupLoaderFor, isUuid, likePattern, loaderFor, pageById, parseCreditCode, requireCityRegion, requireRole } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { queueForIndex } from '@hub/common/search';
import { employers, idempotencyKeys, searchQueue, vacancies } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { VACANCY_INDEX } from '../search/vacancy-index';
import { requireEmployerManager } from '../access/policy';
import { RegionRef } from './region';

export type EmployerRow = typeof employers.$inferSelect;
export type VacancyRow = typeof vacancies.$inferSelect;

export const employerLoader = (ctx: EmployersContext) =>
  loaderFor<string, EmployerRow>(
    ctx,
    'employer',
    (ids) => ctx.db.select().from(employers).where(inArray(employers.id, ids.filter(isUuid))),
    (row) => row.id,
  );

export const employerVacanciesLoader = (ctx: EmployersContext) =>
  groupLoaderFor<string, VacancyRow>(
    ctx,
    'employerVacancies',
    (ids) => ctx.db.select().from(vacancies).where(inArray(vacancies.employerId, [...ids])).orderBy(asc(vacancies.postedAt)),
    (row) => row.employerId,
  );


/** Contact details are for staff and for the employer itself. */
const mayReadContact = (ctx: EmployersContext, employerId: string) =>
  ctx.viewer?.role === 'ADMIN' ||
  ctx.viewer?.role === 'COORDINATOR' ||
  (ctx.viewer?.role === 'EMPLOYER' && ctx.viewer.employerId === employerId);

// Declared before implementation so Employer and Vacancy can refer to each other.
export const VacancyType = builder.objectRef<VacancyRow>('Vacancy');

export const EmployerType = builder.objectRef<EmployerRow>('Employer').implement({
  description: '用人单位: an employer registered with its unified social credit code.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    creditCode: t.exposeString('creditCode', { description: '统一社会信用代码 (GB 32100-2015).' }),
    name: t.exposeString('name'),
    industry: t.exposeString('industry'),
    district: t.field({ type: RegionRef, nullable: true, description: 'Null, with the error, when the register does not answer.', resolve: (e) => ({ code: e.districtCode }) }),
    contactName: t.string({ nullable: true, resolve: (e, _a, ctx) => (mayReadContact(ctx, e.id) ? e.contactName : null) }),
    contactPhone: t.string({ nullable: true, resolve: (e, _a, ctx) => (mayReadContact(ctx, e.id) ? e.contactPhone : null) }),
    vacancies: t.field({
      type: [VacancyType],
      description: 'Empty for other employers: an employer sees its own vacancies only.',
      resolve: (e, _a, ctx) => (ctx.viewer?.role === 'EMPLOYER' && ctx.viewer.employerId !== e.id ? [] : employerVacanciesLoader(ctx).load(e.id)),
    }),
  }),
});

builder.asEntity(EmployerType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => employerLoader(ctx).load(id),
});

const RegisterEmployerInput = builder.inputType('RegisterEmployerInput', {
  fields: (t) => ({
    creditCode: t.string({ required: true, description: '18-character unified social credit code.' }),
    name: t.string({ required: true }),
    industry: t.string({ required: true }),
    districtCode: t.id({ required: true, description: 'The 6-digit code of the district or county.' }),
    contactName: t.string({ required: false }),
    contactPhone: t.string({ required: false }),
  }),
});

const EmployerConnection = connectionType(builder, 'Employer', EmployerType);

builder.queryFields((t) => ({
  employer: t.field({
    type: EmployerType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => employerLoader(ctx).load(String(id)),
  }),
  employers: t.field({
    type: EmployerConnection,
    description: 'Registered employers, optionally those whose name or credit code contains `search`.',
    args: {
      search: t.arg.string({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const search = args.search?.trim();
      const where = search ? or(ilike(employers.name, likePattern(search)), ilike(employers.creditCode, likePattern(search))) : undefined;
      return pageById(
        args,
        'employers',
        async () => (await ctx.db.select({ n: count() }).from(employers).where(where))[0]?.n ?? 0,
        (after, limit) =>
          ctx.db
            .select()
            .from(employers)
            .where(after ? and(where, gt(employers.id, after)) : where)
            .orderBy(asc(employers.id))
            .limit(limit),
      );
    },
  }),
}));

builder.mutationField('registerEmployer', (t) =>
  t.field({
    type: EmployerType,
    authScopes: { staff: true },
    description: 'Registers an employer after checking its credit code, check character included.',
    args: { input: t.arg({ type: RegisterEmployerInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: employers }, async (_root, { input }, ctx) => {
      requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR');
      const code = parseCreditCode(input.creditCode);
      if (!code.ok) throw new HubError(ErrorCode.INVALID_CREDIT_CODE, code.reason, { field: 'creditCode' });
      const name = input.name.trim();
      if (name.length < 2 || name.length > 100) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the registered name of the employer (2 to 100 characters).', { field: 'name' });
      }
      const industry = input.industry.trim();
      if (!industry) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the industry.', { field: 'industry' });
      const district = await requireCityRegion(String(input.districtCode), ['DISTRICT'], 'districtCode');
      const phone = input.contactPhone?.trim() || null;
      if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone)) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter an 11-digit mobile number or a landline with its area code.', { field: 'contactPhone' });
      }
      const [row] = await ctx.db
        .insert(employers)
        .values({
          creditCode: code.value.creditCode,
          name,
          industry,
          districtCode: district.code,
          contactName: input.contactName?.trim() || null,
          contactPhone: phone,
        })
        .onConflictDoNothing({ target: employers.creditCode })
        .returning();
      if (!row) {
        throw new HubError(ErrorCode.DUPLICATE, 'An employer with this credit code is already registered.', { field: 'creditCode' });
      }
      return row;
    }),
  }),
);

const UpdateEmployerInput = builder.inputType('UpdateEmployerInput', {
  description: 'Only the fields given change; the credit code never does.',
  fields: (t) => ({
    name: t.string({ required: false }),
    industry: t.string({ required: false }),
    contactName: t.string({ required: false }),
    contactPhone: t.string({ required: false }),
  }),
});

builder.mutationField('updateEmployer', (t) =>
  t.field({
    type: EmployerType,
    description: 'Edits an employer\'s record: by the employer itself, or by staff.',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateEmployerInput, required: true }) },
    resolve: async (_root, { id, input }, ctx) => {
      const employerId = String(id);
      await requireEmployerManager(ctx, employerId, 'id');
      const set: Partial<EmployerRow> = {};
      if (input.name != null) {
        const name = input.name.trim();
        if (name.length < 2 || name.length > 100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the registered name (2 to 100 characters).', { field: 'name' });
        set.name = name;
      }
      if (input.industry != null) {
        if (!input.industry.trim()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the industry.', { field: 'industry' });
        set.industry = input.industry.trim();
      }
      if (input.contactName != null) set.contactName = input.contactName.trim() || null;
      if (input.contactPhone != null) {
        const phone = input.contactPhone.trim() || null;
        if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone)) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter an 11-digit mobile number or a landline with its area code.', { field: 'contactPhone' });
        }
        set.contactPhone = phone;
      }
      const where = eq(employers.id, employerId);
      // The employer's name is in its vacancies' searchable text, so a rename reindexes them.
      const [row] = !isUuid(employerId)
        ? []
        : Object.keys(set).length
          ? await ctx.db.transaction(async (tx) => {
              const updated = await tx.update(employers).set(set).where(where).returning();
              const own = await tx.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.employerId, employerId));
              await queueForIndex(tx, searchQueue, VACANCY_INDEX, own.map((v) => v.id));
              return updated;
            })
          : await ctx.db.select().from(employers).where(where);
      if (!row) throw new HubError(ErrorCode.NOT_FOUND, `Employer ${employerId} does not exist.`, { field: 'id' });
      return row;
    },
  }),
);
