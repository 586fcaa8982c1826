import { and, asc, count, gt, inArray, like } from 'drizzle-orm';
import {
  ageOn,
  connectionType,
  EMPLOYED_STATUSES,
  ErrorCode,
  HubError,
  groupLoaderFor,
  isUuid,
  loaderFor,
  pageById,
  parseIdentityNumber,
  requireRegionAccess,
  todayIso,
} from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { residents, residentSkills, type JobIntentionData } from '../db/schema';
import { difficultyGroups } from '../groups';
import {
  DeclaredGroupEnum,
  DifficultyGroupEnum,
  EmploymentStatusEnum,
  GenderEnum,
  WorkTimeEnum,
} from './enums';
import { HouseholdType, householdLoader, householdMembersLoader, ResidentRef, visibleHousehold, type ResidentRow } from './household';
import { EmployerRef } from './employer';
import { checkRegionCode, regionLoader, RegionType } from './region';
import { maskIdentityNumber, maskPhone, mayReadPersonal } from './resident-access';

type SkillRow = typeof residentSkills.$inferSelect;

export const residentLoader = (ctx: ResidentsContext) =>
  loaderFor<string, ResidentRow>(
    ctx,
    'resident',
    (ids) => ctx.db.select().from(residents).where(inArray(residents.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const skillsLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, SkillRow>(
    ctx,
    'residentSkills',
    (ids) => ctx.db.select().from(residentSkills).where(inArray(residentSkills.residentId, [...ids])).orderBy(asc(residentSkills.name)),
    (row) => row.residentId,
  );


export const SkillType = builder.objectRef<{ name: string; certificateLevel: number | null }>('Skill').implement({
  description: '职业技能: a named skill, with the level of the vocational certificate where there is one (1 highest, 5 lowest).',
  fields: (t) => ({
    name: t.exposeString('name'),
    certificateLevel: t.exposeInt('certificateLevel', { nullable: true }),
  }),
});

export const JobIntentionType = builder.objectRef<JobIntentionData>('JobIntention').implement({
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
    difficultyGroups: t.field({
      type: [DifficultyGroupEnum],
      description: 'The hard-to-employ groups the person belongs to today.',
      resolve: async (r, _a, ctx) => difficultyGroups(r, await householdMembersLoader(ctx).load(r.householdId), todayIso()),
    }),
  }),
});

builder.asEntity(ResidentRef, {
  key: builder.selection<{ id: string }>('id'),
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

const SkillInput = builder.inputType('SkillInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    certificateLevel: t.int({ required: false, description: '1 (senior technician) to 5 (beginner).' }),
  }),
});

const JobIntentionInput = builder.inputType('JobIntentionInput', {
  fields: (t) => ({
    occupations: t.stringList({ required: false, defaultValue: [] }),
    keywords: t.stringList({ required: false, defaultValue: [] }),
    districtCodes: t.stringList({ required: false, defaultValue: [] }),
    minMonthlyWage: t.int({ required: false }),
    workTime: t.field({ type: WorkTimeEnum, required: false, defaultValue: 'EITHER' }),
  }),
});

const RegisterResidentInput = builder.inputType('RegisterResidentInput', {
  fields: (t) => ({
    householdId: t.id({ required: true }),
    name: t.string({ required: true }),
    identityNumber: t.string({ required: true, description: '18-character resident identity number (GB 11643-1999).' }),
    gender: t.field({ type: GenderEnum, required: true }),
    birthDate: t.field({ type: 'Date', required: true }),
    phone: t.string({ required: false }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, required: true }),
    statusSince: t.field({ type: 'Date', required: false, description: 'Defaults to today.' }),
    employerId: t.id({ required: false, description: 'For someone employed: the employer, if registered in the hub.' }),
    skills: t.field({ type: [SkillInput], required: false, defaultValue: [] }),
    jobIntention: t.field({ type: JobIntentionInput, required: false }),
    declaredGroups: t.field({ type: [DeclaredGroupEnum], required: false, defaultValue: [] }),
  }),
});

const invalid = (code: ErrorCode, message: string, field: string) => new HubError(code, message, { field });

builder.mutationField('registerResident', (t) =>
  t.field({
    type: ResidentRef,
    authScopes: { staff: true },
    description: 'Adds a person to the real-name register, in an existing household.',
    args: { input: t.arg({ type: RegisterResidentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const today = todayIso();
      const id = parseIdentityNumber(input.identityNumber);
      if (!id.ok) throw invalid(ErrorCode.INVALID_IDENTITY_NUMBER, id.reason, 'identityNumber');
      if (id.value.birthDate !== input.birthDate) {
        throw invalid(
          ErrorCode.INVALID_IDENTITY_NUMBER,
          `The identity number gives the birth date ${id.value.birthDate}, but ${input.birthDate} was entered.`,
          'identityNumber',
        );
      }
      if (id.value.gender !== input.gender) {
        throw invalid(
          ErrorCode.INVALID_IDENTITY_NUMBER,
          `The identity number is a ${id.value.gender === 'MALE' ? 'man' : 'woman'}'s, but ${input.gender === 'MALE' ? 'male' : 'female'} was entered.`,
          'identityNumber',
        );
      }
      const name = input.name.trim();
      if (!/^[\p{Script=Han}A-Za-z·• ]{2,30}$/u.test(name)) {
        throw invalid(ErrorCode.BAD_USER_INPUT, 'Enter the name as on the identity card (2 to 30 characters, no digits).', 'name');
      }
      const phone = input.phone?.trim() || null;
      if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone)) {
        throw invalid(ErrorCode.BAD_USER_INPUT, 'Enter an 11-digit mobile number or a landline with its area code.', 'phone');
      }
      const statusSince = input.statusSince ?? today;
      if (statusSince > today || statusSince < input.birthDate) {
        throw invalid(ErrorCode.BAD_USER_INPUT, 'The status date must lie between the birth date and today.', 'statusSince');
      }
      const employerId = input.employerId == null ? null : String(input.employerId);
      if (employerId !== null && (!isUuid(employerId) || !EMPLOYED_STATUSES.has(input.employmentStatus))) {
        throw invalid(ErrorCode.BAD_USER_INPUT, 'An employer can be given only for someone in work, as the id of a registered employer.', 'employerId');
      }
      const skills = normaliseSkills(input.skills ?? []);
      const intention = input.jobIntention ? normaliseIntention(input.jobIntention) : null;
      const household = await householdLoader(ctx).load(String(input.householdId));
      if (!household) throw invalid(ErrorCode.NOT_FOUND, `Household ${input.householdId} does not exist.`, 'householdId');
      requireRegionAccess(ctx.viewer, household.communityCode);

      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(residents)
          .values({
            householdId: household.id,
            communityCode: household.communityCode,
            identityNumber: id.value.identityNumber,
            name,
            gender: input.gender,
            birthDate: input.birthDate,
            phone,
            employmentStatus: input.employmentStatus,
            statusSince,
            employerId,
            jobIntention: intention,
            declaredGroups: [...new Set(input.declaredGroups ?? [])],
          })
          .onConflictDoNothing({ target: residents.identityNumber })
          .returning();
        if (!row) {
          throw invalid(ErrorCode.DUPLICATE, 'Someone with this identity number is already registered.', 'identityNumber');
        }
        if (skills.length) await tx.insert(residentSkills).values(skills.map((s) => ({ ...s, residentId: row.id })));
        return row;
      });
    },
  }),
);

function normaliseSkills(skills: { name: string; certificateLevel?: number | null }[]) {
  const byName = new Map<string, { name: string; certificateLevel: number | null }>();
  for (const skill of skills) {
    const name = skill.name.trim();
    if (!name || name.length > 40) throw invalid(ErrorCode.BAD_USER_INPUT, 'A skill needs a name of 1 to 40 characters.', 'skills');
    const level = skill.certificateLevel ?? null;
    if (level !== null && (level < 1 || level > 5)) {
      throw invalid(ErrorCode.BAD_USER_INPUT, `Certificate levels run from 1 to 5; ${level} was given for ${name}.`, 'skills');
    }
    byName.set(name, { name, certificateLevel: level });
  }
  return [...byName.values()];
}

function normaliseIntention(input: {
  occupations?: string[] | null;
  keywords?: string[] | null;
  districtCodes?: string[] | null;
  minMonthlyWage?: number | null;
  workTime?: JobIntentionData['workTime'] | null;
}): JobIntentionData {
  const clean = (list?: string[] | null) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];
  const districtCodes = clean(input.districtCodes).map((code) => checkRegionCode(code, 'jobIntention.districtCodes'));
  const wage = input.minMonthlyWage ?? null;
  if (wage !== null && (wage < 0 || wage > 1_000_000)) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'The minimum monthly wage must be between 0 and 1,000,000 yuan.', 'jobIntention.minMonthlyWage');
  }
  return {
    occupations: clean(input.occupations),
    keywords: clean(input.keywords),
    districtCodes,
    minMonthlyWage: wage,
    workTime: input.workTime ?? 'EITHER',
  };
}
