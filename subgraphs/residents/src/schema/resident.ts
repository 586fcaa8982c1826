import { and, asc, count, gt, inArray, like } from 'drizzle-orm';
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
import { groupDeclarations, residents, residentSkills, type JobIntentionData } from '../db/schema';
import { difficultyGroups, isZeroEmploymentHousehold } from '@hub/common';
import { DeclaredGroupEnum, DifficultyGroupEnum, EducationLevelEnum, EmploymentStatusEnum, GenderEnum, WorkTimeEnum } from './enums';
import { householdLoader, HouseholdType, householdMembersLoader, ResidentRef, type ResidentRow } from './household';
import { EmployerRef } from './employer';
import { checkRegionCode, regionLoader, RegionType } from './region';
import { reveal, standingOf } from '../access/resident-policy';

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
  description:
    'A working-age person in the real-name register (实名制登记). Staff whose region contains the person see every field; an employer the person was referred to sees what hiring needs; any other field is null with a FORBIDDEN error.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.string({ nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.name) }),
    gender: t.field({ type: GenderEnum, nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.gender) }),
    age: t.int({ nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => ageOn(r.birthDate, todayIso())) }),
    birthDate: t.field({ type: 'Date', nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.birthDate) }),
    identityNumber: t.string({ nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.identityNumber) }),
    phone: t.string({ nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.phone) }),
    personalDataVisible: t.boolean({
      description: 'Whether every field of this person is shown to you (your region contains them).',
      resolve: async (r, _a, ctx) => (await standingOf(ctx, r)) === 'REGION_STAFF',
    }),
    community: t.field({
      type: RegionType,
      nullable: true,
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, async () => (await regionLoader(ctx).load(r.communityCode))!),
    }),
    household: t.field({
      type: HouseholdType,
      nullable: true,
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => householdLoader(ctx).load(r.householdId)),
    }),
    skills: t.field({ type: [SkillType], nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => skillsLoader(ctx).load(r.id)) }),
    jobIntention: t.field({ type: JobIntentionType, nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.jobIntention) }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.employmentStatus) }),
    employer: t.field({
      type: EmployerRef,
      nullable: true,
      description: 'Where the person works, when the employer is registered in the hub.',
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => (r.employerId ? { id: r.employerId } : null)),
    }),
    statusSince: t.field({ type: 'Date', nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.statusSince) }),
    monthlyIncome: t.int({
      nullable: true,
      description: '收入: yuan a month, as surveyed.',
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.monthlyIncome),
    }),
    education: t.field({ type: EducationLevelEnum, nullable: true, resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.education) }),
    migrationDestination: t.string({
      nullable: true,
      description: '转移去向: where the person went to work.',
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => r.migrationDestination),
    }),
    difficultyGroups: t.field({
      type: [DifficultyGroupEnum],
      nullable: true,
      description: 'The hard-to-employ groups the person belongs to on `asOf` (default today).',
      args: { asOf: t.arg({ type: 'Date', required: false }) },
      resolve: (r, { asOf }, ctx, info) =>
        reveal(ctx, info, r, async () => {
          const members = await householdMembersLoader(ctx).load(r.householdId);
          const me = members.find((m) => m.id === r.id);
          const on = asOf ?? todayIso();
          return me ? difficultyGroups(me, isZeroEmploymentHousehold(members, on), on) : [];
        }),
    }),
    declaredGroups: t.field({
      type: [GroupDeclarationType],
      nullable: true,
      description: 'Declared groups with their evidence.',
      resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => declarationsLoader(ctx).load(r.id)),
    }),
  }),
});

builder.asEntity(ResidentRef, {
  key: builder.selection<{ id: string }>('id'),
  // Whoever holds a reference reaches the person; each field then follows the access policy.
  resolveReference: ({ id }, ctx) => residentLoader(ctx).load(id),
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
