import { DIFFICULTY_GROUPS, EMPLOYMENT_STATUSES, requireReleasedFacts } from '@hub/common';
import { JOB_MATCHES_DEFAULT_FIRST } from '@hub/common/match-types';
import { residentValueTypes, type JobIntentionFacts, type SkillFacts } from '@hub/common/resident-types';
import { builder } from '../builder';
import { checkFirst, JobMatchFilter, jobMatchesFor, JobMatchRef } from './matching';
import { RegionRef } from './region';
import { EducationLevelEnum, GenderEnum } from './vacancy';

/**
 * Residents belong to the residents subgraph. Matching reads a person's facts from there through
 * `@requires` at the moment of asking, never from a copy, so a skill recorded a second ago counts.
 */
export interface ResidentFacts {
  id: string;
  age: number;
  gender: 'MALE' | 'FEMALE';
  education: string | null;
  employmentStatus: string;
  difficultyGroups: string[];
  community: { code: string };
  skills: SkillFacts[];
  jobIntention: JobIntentionFacts | null;
}

const EmploymentStatusEnum = builder.enumType('EmploymentStatus', { values: EMPLOYMENT_STATUSES });
const DifficultyGroupEnum = builder.enumType('DifficultyGroup', { values: DIFFICULTY_GROUPS });
// Value types of the residents subgraph, shared so that `@requires` can name their fields.
const { SkillRef, JobIntentionRef } = residentValueTypes(builder);

export const ResidentRef = builder.externalRef('Resident', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    // Nullable as the register declares them: a field it withholds from the viewer is null.
    age: t.int({ nullable: true }),
    gender: t.field({ type: GenderEnum, nullable: true }),
    education: t.field({ type: EducationLevelEnum, nullable: true }),
    employmentStatus: t.field({ type: EmploymentStatusEnum, nullable: true }),
    difficultyGroups: t.field({ type: [DifficultyGroupEnum], nullable: true, args: { asOf: t.arg({ type: 'Date', required: false }) } }),
    community: t.field({ type: RegionRef, nullable: true }),
    skills: t.field({ type: [SkillRef], nullable: true }),
    jobIntention: t.field({ type: JobIntentionRef, nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    jobMatches: t.field({
      type: [JobMatchRef],
      nullable: true,
      authScopes: { staff: true },
      description:
        'Open vacancies for this person, best first: only those whose requirements the person meets (age, sex, education, public-welfare eligibility), ranked on required and wished-for skills, the work they want, how near it is and the wage.',
      args: { first: t.arg.int({ required: false, defaultValue: JOB_MATCHES_DEFAULT_FIRST }), filter: t.arg({ type: JobMatchFilter, required: false }) },
      // Everything ResidentFacts holds (the selection is spelled out, too deep for the type checker to derive).
      requires: builder.selection<{ age: number }>(
        'age gender education employmentStatus difficultyGroups community { code } skills { name certificateLevel } jobIntention { occupations keywords districtCodes minMonthlyWage }' as never,
      ),
      resolve: (person, args, ctx) => {
        const facts = requireReleasedFacts(person as unknown as ResidentFacts, ['age', 'gender', 'employmentStatus', 'difficultyGroups', 'community', 'skills']);
        return jobMatchesFor(ctx, facts, checkFirst(args.first), args.filter);
      },
    }),
  }),
});

