import { EDUCATION_LEVELS, ErrorCode, EXIT_STATUSES, HubError, isUuid, requireCityRegion, type EmploymentStatus } from '@hub/common';
import { and, anyOf, eq, or, addSearchAdminFields, type Filter } from '@hub/common/search';
import { encodeJobMatchId, scoreMatch, type MatchExplanation } from '@hub/common/matching';
import { jobMatchFilterInput, matchExplanationFields } from '@hub/common/match-types';
import { canonicalOccupation, canonicalSkill } from '@hub/common/vocabulary';
import { builder, type EmployersContext } from '../builder';
import { VACANCY_INDEX, type VacancyDocument } from '../search/vacancy-index';
import { VacancyType, type VacancyRow } from './employer';
import type { ResidentFacts } from './resident';
import { vacancyLoader } from './vacancy';

const vacancyIndexOf = (ctx: EmployersContext) => ctx.search!.index<VacancyDocument>(VACANCY_INDEX);

/** How many candidates the engine hands over for ranking; enough for any page a person reads. */
const CANDIDATES = 500;

interface JobMatch extends MatchExplanation {
  residentId: string;
  vacancy: VacancyDocument;
}

const explanationFields = matchExplanationFields(builder);

export const JobMatchRef = builder.objectRef<JobMatch>('JobMatch').implement({
  description: 'A vacancy that fits a person, with its score and the reasons for it.',
  fields: (t) => ({
    id: t.id({
      description: 'Carries what the training service needs to find courses for the gap (vacancy, employer, missing skills), so it can answer by this key alone.',
      resolve: (m) => encodeJobMatchId({ residentId: m.residentId, vacancyId: m.vacancy.id, employerId: m.vacancy.employerId, missingSkills: m.missingSkills }),
    }),
    vacancy: t.field({ type: VacancyType, resolve: async (m, _a, ctx) => (await vacancyLoader(ctx).load(m.vacancy.id))! }),
    ...explanationFields(t),
    employerId: t.id({ description: 'The vacancy’s employer (for courses it ordered).', resolve: (m) => m.vacancy.employerId }),
    vacancyId: t.id({ resolve: (m) => m.vacancy.id }),
  }),
});
// Resolvable only where it is made; the training service adds courses to it by its key.
builder.asEntity(JobMatchRef, { key: builder.keyDirective(builder.selection<{ id: string }>('id'), false), resolveReference: () => null });

export const JobMatchFilter = jobMatchFilterInput(builder);

export type JobMatchFilterInput = { regionCode?: string | number | null; occupation?: string | null; publicWelfare?: boolean | null; employerIds?: (string | number)[] | null };

/** Filters a person asked for, checked and turned into engine filters. */
async function requestedFilters(filter: JobMatchFilterInput | null | undefined): Promise<Filter[]> {
  const parts: Filter[] = [];
  if (!filter) return parts;
  if (filter.regionCode != null) {
    const region = await requireCityRegion(String(filter.regionCode), ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY'], 'filter.regionCode');
    if (region.code.length === 6) parts.push(eq('districtCode', region.code));
    else if (region.code.length === 9) parts.push(eq('streetCode', region.code));
    else if (region.code.length === 12) parts.push(eq('locationCode', region.code));
  }
  if (filter.occupation?.trim()) parts.push(eq('occupation', canonicalOccupation(filter.occupation)));
  if (filter.publicWelfare != null) parts.push(eq('publicWelfare', filter.publicWelfare));
  if (filter.employerIds?.length) {
    const ids = filter.employerIds.map(String);
    if (!ids.every(isUuid)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not an employer id.', { field: 'filter.employerIds' });
    parts.push(anyOf('employerId', ids));
  }
  return parts;
}

/** What the person may be referred to: the vacancy's requirements, as filters. */
export function requirementFilters(person: ResidentFacts): Filter[] {
  const rank = person.education ? EDUCATION_LEVELS.indexOf(person.education as never) : -1;
  return [
    anyOf('gender', ['ANY', person.gender]),
    { field: 'ageMin', op: '<=', value: person.age },
    { field: 'ageMax', op: '>=', value: person.age },
    { field: 'minEducationRank', op: '<=', value: rank },
    // 公益性岗位 are kept for hard-to-employ people.
    ...(person.difficultyGroups.length === 0 ? [eq('publicWelfare', false)] : []),
  ];
}

/** Vacancies worth ranking: those asking for a skill the person has, of work they want, or near home. */
function candidateFilter(person: ResidentFacts): Filter {
  const skills = [...new Set(person.skills.map((s) => canonicalSkill(s.name)))];
  const occupations = [...new Set((person.jobIntention?.occupations ?? []).map(canonicalOccupation))];
  const districts = [...new Set([person.community.code.slice(0, 6), ...(person.jobIntention?.districtCodes ?? []).map((d) => d.slice(0, 6))])];
  return or(
    ...(skills.length ? [anyOf('skills', skills), anyOf('niceToHaveSkills', skills)] : []),
    ...(occupations.length ? [anyOf('occupation', occupations)] : []),
    anyOf('districtCode', districts),
  );
}

export async function jobMatchesFor(ctx: EmployersContext, person: ResidentFacts, first: number, filter?: JobMatchFilterInput | null): Promise<JobMatch[]> {
  if (EXIT_STATUSES.has(person.employmentStatus as EmploymentStatus)) return [];
  const { hits } = await vacancyIndexOf(ctx).search({
    filter: and(...requirementFilters(person), ...(await requestedFilters(filter)), candidateFilter(person)),
    sort: [{ field: 'postedAt', order: 'desc' }],
    limit: CANDIDATES,
  });
  const facts = { communityCode: person.community.code, skills: person.skills, intention: person.jobIntention };
  return hits
    .map((vacancy) => ({
      residentId: person.id,
      vacancy,
      ...scoreMatch(facts, { ...vacancy, text: `${vacancy.title} ${vacancy.description} ${vacancy.employerName}` }),
    }))
    .sort((a, b) => b.score - a.score || b.vacancy.postedAt - a.vacancy.postedAt)
    .slice(0, first);
}

export const checkFirst = (first: number | null | undefined, max = 100) => {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HubError(ErrorCode.BAD_USER_INPUT, `Ask for 1 to ${max} at a time.`, { field: 'first' });
  return n;
};

const VacancySearchResult = builder.objectRef<{ total: number; hits: VacancyDocument[]; occupations: Record<string, number> }>('VacancySearchResult').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    vacancies: t.field({
      type: [VacancyType],
      resolve: async (r, _a, ctx) => (await vacancyLoader(ctx).loadMany(r.hits.map((h) => h.id))).filter((v): v is VacancyRow => !!v && !(v instanceof Error)),
    }),
    occupationCounts: t.field({
      type: [builder.objectRef<{ occupation: string; count: number }>('OccupationCount').implement({ fields: (f) => ({ occupation: f.exposeString('occupation'), count: f.exposeInt('count') }) })],
      description: 'How many of the matching vacancies are of each occupation.',
      resolve: (r) => Object.entries(r.occupations).map(([occupation, count]) => ({ occupation, count })).sort((a, b) => b.count - a.count),
    }),
  }),
});

builder.queryField('searchVacancies', (t) =>
  t.field({
    type: VacancySearchResult,
    authScopes: { authenticated: true },
    description: 'Open vacancies by words (title, occupation, skills, employer, description; other names of an occupation or skill count), newest first among equals.',
    args: {
      query: t.arg.string({ required: true }),
      filter: t.arg({ type: JobMatchFilter, required: false }),
      first: t.arg.int({ required: false, defaultValue: 20 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: async (_r, args, ctx) => {
      const offset = args.offset ?? 0;
      if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Start between 0 and 10,000.', { field: 'offset' });
      const filters = await requestedFilters(args.filter);
      // An employer searches its own vacancies only, as in `vacancies`.
      if (ctx.viewer?.role === 'EMPLOYER') filters.push(eq('employerId', ctx.viewer.employerId));
      const result = await vacancyIndexOf(ctx).search({
        q: args.query,
        filter: and(...filters),
        sort: [{ field: 'postedAt', order: 'desc' }],
        limit: checkFirst(args.first),
        offset,
        facets: ['occupation'],
      });
      return { total: result.total, hits: result.hits, occupations: result.facets.occupation ?? {} };
    },
  }),
);

addSearchAdminFields(builder, VACANCY_INDEX, 'vacancy');
