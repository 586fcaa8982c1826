import { and, asc, count, eq, gt, inArray, like } from 'drizzle-orm';
import {
  ageOn,
  connectionType,
  groupLoaderFor,
  isUuid,
  loaderFor,
  pageById,
  requireRegionAccess,
  todayIso,
} from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { employerGrants, groupDeclarations, residents, residentSkills, type JobIntentionData } from '../db/schema';
import { difficultyGroups, isZeroEmploymentHousehold } from '@hub/common';
import { DeclaredGroupEnum, DifficultyGroupEnum, EducationLevelEnum, EmploymentStatusEnum, GenderEnum, WorkTimeEnum } from './enums';
import { HouseholdType, householdMembersLoader, ResidentRef, visibleHousehold, type ResidentRow } from './household';
import { EmployerRef } from './employer';
import { checkRegionCode, regionLoader, RegionType } from './region';
import { isStaff, maskIdentityNumber, maskPhone, mayReadPersonal } from './resident-access';

type SkillRow = typeof residentSkills.$inferSelect;

export const residentLoader = (ctx: ResidentsContext) =>
  loaderFor<string, ResidentRow>(
    ctx,
    'resident',
    (ids) => ctx.db.select().from(residents).where(inArray(residents.id, ids.filter(isUuid))),
    (row) => row.id,
  );

export const skillsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, SkillRow>(
    ctx,
    'residentSkills',
    (ids) => ctx.db.select().from(residentSkills).where(inArray(residentSkills.residentId, [...ids])).orderBy(asc(residentSkills.name)),
    (row) => row.residentId,
  );


export const declarationsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, typeof groupDeclarations.$inferSelect>(
    ctx,
    'declarations',
    (ids) => ctx.db.select().from(groupDeclarations).where(inArray(groupDeclarations.residentId, [...ids])),
    (row) => row.residentId,
  );

const GroupDeclarationType = builder.objectRef<typeof groupDeclarations.$inferSelect>('GroupDeclaration').implement({
  description: 'A declared hard-to-employ group and the evidence seen.',
  fields: (t) => ({
    group: t.expose('group', { type: DeclaredGroupEnum }),
    evidence: t.exposeString('evidence'),
    declaredOn: t.expose('declaredOn', { type: 'Date' }),
    declaredBy: t.exposeString('declaredBy'),
  }),
});

export const SkillType = builder.objectRef<{ name: string; certificateLevel: number | null }>('Skill').implement({
  // Shared with the services that read a person's skills through @requires.
  shareable: true,
  description: '职业技能: a named skill, with the level of the vocational certificate where there is one (1 highest, 5 lowest).',
  fields: (t) => ({
    name: t.exposeString('name'),
    certificateLevel: t.exposeInt('certificateLevel', { nullable: true }),
  }),
});

export const JobIntentionType = builder.objectRef<JobIntentionData>('JobIntention').implement({
  shareable: true,
  description: '求职意向: what work the person wants.',
  fields: (t) => ({
    occupations: t.exposeStringList('occupations'),
    keywords: t.exposeStringList('keywords'),
    districtCodes: t.exposeStringList('districtCodes'),
    minMonthlyWage: t.exposeInt('minMonthlyWage', { nullable: true, description: 'Yuan a month.' }),
    workTime: t.expose('workTime', { type: WorkTimeEnum }),
  }),
});

ResidentRef.implement({
  description: 'A working-age person in the real-name register (实名制登记).',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    gender: t.expose('gender', { type: GenderEnum }),
    age: t.int({ resolve: (r) => ageOn(r.birthDate, todayIso()) }),
    birthDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'Null unless your region contains the person.',
      resolve: (r, _a, ctx) => (mayReadPersonal(ctx, r.communityCode) ? r.birthDate : null),
    }),
    identityNumber: t.string({
      description: 'Masked (211402********0018) unless your region contains the person.',
      resolve: (r, _a, ctx) => (mayReadPersonal(ctx, r.communityCode) ? r.identityNumber : maskIdentityNumber(r.identityNumber)),
    }),
    phone: t.string({
      nullable: true,
      description: 'Masked unless your region contains the person.',
      resolve: (r, _a, ctx) => (r.phone && !mayReadPersonal(ctx, r.communityCode) ? maskPhone(r.phone) : r.phone),
    }),
    personalDataVisible: t.boolean({
      description: 'Whether the personal fields above are shown in full to you.',
      resolve: (r, _a, ctx) => mayReadPersonal(ctx, r.communityCode),
    }),
    community: t.field({ type: RegionType, resolve: async (r, _a, ctx) => (await regionLoader(ctx).load(r.communityCode))! }),
    household: t.field({
      type: HouseholdType,
      nullable: true,
      description: 'Null unless your region contains the person.',
      resolve: (r, _a, ctx) => visibleHousehold(ctx, r.householdId),
    }),
    skills: t.field({ type: [SkillType], resolve: (r, _a, ctx) => skillsLoader(ctx).load(r.id) }),
    jobIntention: t.field({ type: JobIntentionType, nullable: true, resolve: (r) => r.jobIntention }),
    employmentStatus: t.expose('employmentStatus', { type: EmploymentStatusEnum }),
    employer: t.field({
      type: EmployerRef,
      nullable: true,
      description: 'Where the person works, when the employer is registered in the hub.',
      resolve: (r) => (r.employerId ? { id: r.employerId } : null),
    }),
    statusSince: t.expose('statusSince', { type: 'Date' }),
    monthlyIncome: t.int({
      nullable: true,
      description: '收入: yuan a month, as surveyed. Null unless your region contains the person.',
      resolve: (r, _a, ctx) => (mayReadPersonal(ctx, r.communityCode) ? r.monthlyIncome : null),
    }),
    education: t.expose('education', { type: EducationLevelEnum, nullable: true }),
    migrationDestination: t.exposeString('migrationDestination', { nullable: true, description: '转移去向: where the person went to work.' }),
    difficultyGroups: t.field({
      type: [DifficultyGroupEnum],
      description: 'The hard-to-employ groups the person belongs to on `asOf` (default today). Empty for anyone but staff.',
      args: { asOf: t.arg({ type: 'Date', required: false }) },
      resolve: async (r, { asOf }, ctx) => {
        // Groups say things like disability: staff only.
        if (!isStaff(ctx)) return [];
        const members = await householdMembersLoader(ctx).load(r.householdId);
        const me = members.find((m) => m.id === r.id);
        const on = asOf ?? todayIso();
        return me ? difficultyGroups(me, isZeroEmploymentHousehold(members, on), on) : [];
      },
    }),
    declaredGroups: t.field({
      type: [GroupDeclarationType],
      description: 'Declared groups with their evidence. Empty unless your region contains the person.',
      resolve: (r, _a, ctx) => (mayReadPersonal(ctx, r.communityCode) ? declarationsLoader(ctx).load(r.id) : []),
    }),
  }),
});

export const grantLoader = (ctx: ResidentsContext, employerId: string) =>
  loaderFor<string, typeof employerGrants.$inferSelect>(
    ctx,
    'employerGrants',
    (ids) => ctx.db.select().from(employerGrants).where(and(inArray(employerGrants.residentId, ids.filter(isUuid)), eq(employerGrants.employerId, employerId))),
    (row) => row.residentId,
  );

builder.asEntity(ResidentRef, {
  key: builder.selection<{ id: string }>('id'),
  // Staff reach anyone (personal fields still follow the region); an employer only people referred to it.
  resolveReference: async ({ id }, ctx) => {
    const row = await residentLoader(ctx).load(id);
    if (!row || !ctx.viewer) return null;
    if (ctx.viewer.role === 'EMPLOYER') return (await grantLoader(ctx, ctx.viewer.employerId).load(id)) ? row : null;
    return ctx.viewer.role === 'TRAINING_CENTRE' ? null : row;
  },
});

const ResidentConnection = connectionType(builder, 'Resident', ResidentRef);

builder.queryFields((t) => ({
  resident: t.field({
    type: ResidentRef,
    nullable: true,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const resident = await residentLoader(ctx).load(String(id));
      if (!resident) return null;
      requireRegionAccess(ctx.viewer, resident.communityCode);
      return resident;
    },
  }),
  residents: t.field({
    type: ResidentConnection,
    authScopes: { staff: true },
    description: 'Residents registered in a region and everything below it, in a stable order.',
    args: {
      regionCode: t.arg.id({ required: true }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const code = checkRegionCode(String(args.regionCode));
      requireRegionAccess(ctx.viewer, code);
      const inRegion = like(residents.communityCode, `${code}%`);
      return pageById(
        args,
        'residents',
        async () => (await ctx.db.select({ n: count() }).from(residents).where(inRegion))[0]?.n ?? 0,
        (after, limit) =>
          ctx.db
            .select()
            .from(residents)
            .where(after ? and(inRegion, gt(residents.id, after)) : inRegion)
            .orderBy(asc(residents.id))
            .limit(limit),
      );
    },
  }),
}));
