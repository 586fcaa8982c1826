import { ErrorCode, HubError, requireReleasedFacts } from '@hub/common';
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
    // Nullable as the register declares them: a field it withholds from the viewer is null.
    community: t.field({ type: RegionRef, nullable: true }),
    skills: t.field({ type: [SkillRef], nullable: true }),
    jobIntention: t.field({ type: JobIntentionRef, nullable: true }),
    jobMatches: t.field({
      type: [JobMatchRef],
      nullable: true,
      args: { first: t.arg.int({ required: false, defaultValue: JOB_MATCHES_DEFAULT_FIRST }), filter: t.arg({ type: JobMatchFilter, required: false }) },
    }),
  }),
  fields: (t) => ({
    id: t.exposeID('id'),
    recommendedCourses: t.field({
      type: [CourseRecommendationType],
      nullable: true,
      authScopes: { staff: true },
      description:
        'Open courses for the skills this person lacks, for the work they want and for their best job matches: order-based courses with places waiting first, then those nearest, then those opening the most matches; each with the skills it adds and the vacancies it opens.',
      args: { first: t.arg.int({ required: false, defaultValue: 10 }) },
      requires: builder.selection<{ skills: { name: string }[] }>('community { code } skills { name certificateLevel } jobIntention { occupations } jobMatches(first: 5) { id }' as never),
      resolve: (person, args, ctx) => {
        const facts = requireReleasedFacts(person as unknown as RecommendationFacts, ['community', 'skills']);
        if (!facts.jobMatches) {
          throw new HubError(ErrorCode.BAD_USER_INPUT, 'Recommendations need the person\'s job matches, which were not worked out on this path; ask for them through resident(id) or residents.');
        }
        return recommendCourses(ctx, facts, checkFirst(args.first));
      },
    }),
  }),
});
