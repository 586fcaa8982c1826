import type { createHubBuilder } from './builder';
import { MATCH_WEIGHTS, matchSummary, type MatchExplanation, type MatchFactor } from './matching';

/**
 * The GraphQL shape of a match explanation, the same in every service that ranks (jobs for a
 * person in employers, people for a vacancy in residents): shareable types defined once here.
 */
export function matchExplanationFields<B extends { objectRef: Function }>(builder: B) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  const MatchFactorEnum = b.enumType('MatchFactor', { values: Object.keys(MATCH_WEIGHTS) as MatchFactor[] });
  const MatchComponentType = b.objectRef<MatchExplanation['components'][number]>('MatchComponent').implement({
    shareable: true,
    description: 'One part of a match score, with the reason in words a coordinator can read out.',
    fields: (t) => ({
      factor: t.expose('factor', { type: MatchFactorEnum }),
      points: t.exposeFloat('points'),
      maxPoints: t.exposeFloat('maxPoints'),
      reason: t.exposeString('reason'),
    }),
  });
  /** Fields for an object type whose shape extends MatchExplanation. */
  return (t: any) => ({
    score: t.exposeFloat('score', { description: '0 to 100: the sum of the components.' }),
    summary: t.string({ resolve: (m: MatchExplanation) => matchSummary(m) }),
    matchedSkills: t.exposeStringList('matchedSkills', { description: 'Required skills the person has.' }),
    missingSkills: t.exposeStringList('missingSkills', { description: 'Required skills the person lacks: what training could add.' }),
    matchedNiceToHaveSkills: t.exposeStringList('matchedNiceToHaveSkills'),
    components: t.field({ type: [MatchComponentType], resolve: (m: MatchExplanation) => m.components }),
  });
}

/**
 * `JobMatchFilter`, the argument of `Resident.jobMatches`: defined by employers, which answers the
 * field, and by every service that names the field in `@requires` (arguments must agree).
 */
export function jobMatchFilterInput<B extends { objectRef: Function }>(builder: B) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  return b.inputType('JobMatchFilter', {
    fields: (t) => ({
      regionCode: t.id({ required: false, description: 'Only vacancies inside this region (district, street or community).' }),
      occupation: t.string({ required: false, description: 'Only this occupation (any of its other names works too).' }),
      publicWelfare: t.boolean({ required: false, description: 'Only public-welfare positions (true) or only others (false).' }),
      employerIds: t.idList({ required: false }),
    }),
  });
}

/** How many job matches `Resident.jobMatches` gives unless asked otherwise. */
export const JOB_MATCHES_DEFAULT_FIRST = 20;
