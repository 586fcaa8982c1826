import { JOB_MATCHES_DEFAULT_FIRST, jobMatchFilterInput } from '@hub/common/match-types';
import { residentValueTypes } from '@hub/common/resident-types';
import { builder } from '../builder';
import { checkFirst, CourseRecommendationType, recommendCourses, type RecommendationFacts } from './recommendations';
import { RegionRef } from './region';
import { JobMatchRef } from './skill-gaps';

/** The residents subgraph's Resident, as training reads and extends it. */
const { SkillRef, JobIntentionRef } = residentValueTypes(builder);
const JobMatchFilter = jobMatchFilterInput(builder);

export const ResidentRef = builder.externalRef('Resident', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    community: t.field({ type: RegionRef }),
    skills: t.field({ type: [SkillRef] }),
    jobIntention: t.field({ type: JobIntentionRef, nullable: true }),
    jobMatches: t.field({
      type: [JobMatchRef],
      args: { first: t.arg.int({ required: false, defaultValue: JOB_MATCHES_DEFAULT_FIRST }), filter: t.arg({ type: JobMatchFilter, required: false }) },
    }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    recommendedCourses: t.field({
      type: [CourseRecommendationType],
      authScopes: { staff: true },
      description:
        'Open courses for the skills this person lacks, for the work they want and for their best job matches: order-based courses with places waiting first, then those nearest, then those opening the most matches; each with the skills it adds and the vacancies it opens.',
      args: { first: t.arg.int({ required: false, defaultValue: 10 }) },
      requires: builder.selection<{ skills: { name: string }[] }>('community { code } skills { name certificateLevel } jobIntention { occupations } jobMatches(first: 5) { id }' as never),
      resolve: (person, args, ctx) => recommendCourses(ctx, person as unknown as RecommendationFacts, checkFirst(args.first)),
    }),
  }),
});
