import { addMonths, difficultyGroups, EDUCATION_LEVELS, ErrorCode, HubError, todayIso } from '@hub/common';
import { and, anyOf, eq, or, addSearchAdminFields, type Filter } from '@hub/common/search';
import { matchExplanationFields } from '@hub/common/match-types';
import { scoreMatch, type MatchExplanation } from '@hub/common/matching';
import { canonicalOccupation, canonicalSkill } from '@hub/common/vocabulary';
import { builder, type ResidentsContext } from '../builder';
import { JOBSEEKER_INDEX, type JobseekerDocument } from '../search/jobseeker-index';
import { EmployerRef } from './employer';
import { EducationLevelEnum, GenderEnum } from './enums';
import { ResidentRef } from './household';
import { grantLoader } from '../access/resident-policy';
import { residentLoader } from './resident';
import { regionLoader, RegionType } from './region';

/**
 * 人岗匹配, the employer's side: people who fit a vacancy. The vacancy's facts come from the
 * employers service through @requires; the people from this service's jobseeker index.
 */
interface VacancyFacts {
  id: string;
  title: string;
  occupation: string;
  description: string;
  mustHaveSkills: string[];
  niceToHaveSkills: string[];
  wageMin: number;
  wageMax: number;
  publicWelfare: boolean;
  status: string;
  location: { code: string };
  employer: { id: string };
  requirements: { gender: 'MALE' | 'FEMALE' | null; ageMin: number | null; ageMax: number | null; minEducation: (typeof EDUCATION_LEVELS)[number] | null };
}

interface CandidateMatch extends MatchExplanation {
  person: JobseekerDocument;
  hardToEmploy: boolean;
}

const CANDIDATES = 2_000;

const RequirementsRef = builder.objectRef<VacancyFacts['requirements']>('VacancyRequirements').implement({
  shareable: true,
  fields: (t) => ({
    gender: t.expose('gender', { type: GenderEnum, nullable: true }),
    ageMin: t.exposeInt('ageMin', { nullable: true }),
    ageMax: t.exposeInt('ageMax', { nullable: true }),
    minEducation: t.field({ type: EducationLevelEnum, nullable: true, resolve: (r) => r.minEducation as never }),
  }),
});
const VacancyStatusEnum = builder.enumType('VacancyStatus', { values: ['OPEN', 'FILLED', 'CLOSED', 'EXPIRED'] as const });

const yyyymmdd = (iso: string) => Number(iso.replaceAll('-', ''));

/** The vacancy's requirements as filters on people (ages become birth-date ranges). */
function requirementFilters(v: VacancyFacts, today: string): Filter[] {
  const r = v.requirements;
  return [
    r.gender ? eq('gender', r.gender) : undefined,
    // At least ageMin: born on or before today minus ageMin years.
    r.ageMin !== null ? ({ field: 'birthDay', op: '<=', value: yyyymmdd(addMonths(today, -12 * r.ageMin)) } as Filter) : undefined,
    // At most ageMax: born after today minus ageMax+1 years.
    r.ageMax !== null ? ({ field: 'birthDay', op: '>', value: yyyymmdd(addMonths(today, -12 * (r.ageMax + 1))) } as Filter) : undefined,
    r.minEducation ? ({ field: 'educationRank', op: '>=', value: EDUCATION_LEVELS.indexOf(r.minEducation as never) } as Filter) : undefined,
  ].filter((f): f is Filter => f !== undefined);
}

export async function candidatesFor(ctx: ResidentsContext, v: VacancyFacts, first: number): Promise<CandidateMatch[]> {
  if (v.status !== 'OPEN') return [];
  const today = todayIso();
  const required = v.mustHaveSkills.map(canonicalSkill);
  const skills = [...new Set([...required, ...v.niceToHaveSkills.map(canonicalSkill)])];
  const district = v.location.code.slice(0, 6);
  const { hits } = await ctx.search!.index<JobseekerDocument>(JOBSEEKER_INDEX).search({
    filter: and(
      ...requirementFilters(v, today),
      or(
        ...(skills.length ? [anyOf('skills', skills)] : []),
        eq('wantedOccupations', canonicalOccupation(v.occupation)),
        eq('districtCode', district),
        eq('wantedDistricts', district),
      ),
    ),
    limit: CANDIDATES,
  });
  const vacancy = { ...v, skills: v.mustHaveSkills, locationCode: v.location.code, text: `${v.title} ${v.description}` };
  return hits
    .map((person) => {
      const groups = difficultyGroups(
        { gender: person.gender, birthDate: person.birthDate, employmentStatus: person.employmentStatus as never, statusSince: person.statusSince, declaredGroups: person.declaredGroups as never },
        person.zeroEmploymentHousehold,
        today,
      );
      const intention = { occupations: person.wantedOccupations, keywords: person.keywords, districtCodes: person.wantedDistricts, minMonthlyWage: person.minMonthlyWage };
      const skillsHeld = person.skills.map((name) => ({ name }));
      return { person, hardToEmploy: groups.length > 0, ...scoreMatch({ communityCode: person.communityCode, skills: skillsHeld, intention }, vacancy) };
    })
    // 公益性岗位 are for hard-to-employ people only.
    .filter((m) => !v.publicWelfare || m.hardToEmploy)
    .sort((a, b) => b.score - a.score || Number(b.hardToEmploy) - Number(a.hardToEmploy) || (a.person.id < b.person.id ? -1 : 1))
    .slice(0, first);
}

const explanationFields = matchExplanationFields(builder);

const CandidateProfileType = builder.objectRef<JobseekerDocument>('CandidateProfile').implement({
  description: 'What an employer may know of a candidate before a referral: no name, identity number, contact or address.',
  fields: (t) => ({
    age: t.int({ resolve: (p) => Math.floor((yyyymmdd(todayIso()) - p.birthDay) / 10_000) }),
    gender: t.expose('gender', { type: GenderEnum }),
    education: t.field({ type: EducationLevelEnum, nullable: true, resolve: (p) => (p.educationRank >= 0 ? EDUCATION_LEVELS[p.educationRank]! : null) }),
    skills: t.exposeStringList('skills'),
    wantedOccupations: t.exposeStringList('wantedOccupations'),
    district: t.field({ type: RegionType, resolve: async (p, _a, ctx) => (await regionLoader(ctx).load(p.districtCode))! }),
  }),
});

const CandidateMatchType = builder.objectRef<CandidateMatch>('CandidateMatch').implement({
  description: 'A person who fits a vacancy, with the score and its reasons.',
  fields: (t) => ({
    ...explanationFields(t),
    profile: t.field({ type: CandidateProfileType, resolve: (m) => m.person }),
    hardToEmploy: t.boolean({ nullable: true, description: 'Whether the person is in a hard-to-employ group. Staff only.', resolve: (m, _a, ctx) => (ctx.viewer?.role === 'EMPLOYER' ? null : m.hardToEmploy) }),
    resident: t.field({
      type: ResidentRef,
      nullable: true,
      description: 'The person in the register. Null for an employer until a coordinator refers the person to it.',
      resolve: async (m, _a, ctx) => {
        if (ctx.viewer?.role === 'EMPLOYER' && !(await grantLoader(ctx, ctx.viewer.employerId).load(m.person.id))) return null;
        return residentLoader(ctx).load(m.person.id);
      },
    }),
  }),
});

const VacancyRef = builder.externalRef('Vacancy', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    title: t.string(),
    occupation: t.string(),
    description: t.string(),
    mustHaveSkills: t.stringList(),
    niceToHaveSkills: t.stringList(),
    wageMin: t.int(),
    wageMax: t.int(),
    publicWelfare: t.boolean(),
    status: t.field({ type: VacancyStatusEnum }),
    location: t.field({ type: RegionType, nullable: true }),
    employer: t.field({ type: EmployerRef }),
    requirements: t.field({ type: RequirementsRef }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    candidateMatches: t.field({
      type: [CandidateMatchType],
      nullable: true,
      description:
        'People looking for work who meet the requirements, best first. Employers see these for their own vacancies, without personal data until a referral; public-welfare positions list hard-to-employ people only.',
      args: { first: t.arg.int({ required: false, defaultValue: 20 }) },
      requires: builder.selection<{ title: string }>(
        'title occupation description mustHaveSkills niceToHaveSkills wageMin wageMax publicWelfare status location { code } employer { id } requirements { gender ageMin ageMax minEducation }' as never,
      ),
      resolve: async (vacancy, args, ctx) => {
        const v = vacancy as unknown as VacancyFacts;
        const viewer = ctx.viewer;
        const allowed = viewer?.role === 'ADMIN' || viewer?.role === 'COORDINATOR' || (viewer?.role === 'EMPLOYER' && viewer.employerId === v.employer.id);
        if (!allowed) throw new HubError(ErrorCode.FORBIDDEN, 'Only staff and the employer who posted the vacancy can see its candidates.');
        const first = args.first ?? 20;
        if (!Number.isInteger(first) || first < 1 || first > 100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Ask for 1 to 100 at a time.', { field: 'first' });
        return candidatesFor(ctx, v, first);
      },
    }),
  }),
});
void VacancyRef;

addSearchAdminFields(builder, JOBSEEKER_INDEX, 'jobseeker');
