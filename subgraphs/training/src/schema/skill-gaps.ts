import { ErrorCode, HubError, todayIso } from '@hub/common';
import { decodeJobMatchId } from '@hub/common/matching';
import { addSearchAdminFields, and, anyOf, type SearchIndex } from '@hub/common/search';
import { canonicalSkill } from '@hub/common/vocabulary';
import { builder, type TrainingContext } from '../builder';
import { COURSE_INDEX, type CourseDocument } from '../search/course-index';
import { courseLoader } from './course';
import { CourseType, type CourseRow } from './centre';

/**
 * Skill gaps lead to training: a job match (made by the employers service) names the skills the
 * person lacks; this service answers with the open courses that teach them, from its course
 * index, the courses the same employer ordered for that vacancy first (订单式培训).
 */
export const courseIndexOf = (ctx: TrainingContext) => ctx.search!.index<CourseDocument>(COURSE_INDEX);

/** Open courses starting today or later that teach any of these (canonical) skills. */
export async function coursesTeaching(index: SearchIndex<CourseDocument>, skills: string[]): Promise<CourseDocument[]> {
  if (skills.length === 0) return [];
  const { hits } = await index.search({
    filter: and(anyOf('skills', skills), { field: 'startDay', op: '>=', value: Number(todayIso().replaceAll('-', '')) }),
    sort: [{ field: 'startDay', order: 'asc' }],
    limit: 500,
  });
  return hits;
}

/** The courses themselves, in the order given, for the Course type's resolvers. */
export async function courseRows(ctx: TrainingContext, docs: CourseDocument[]): Promise<CourseRow[]> {
  const rows = await courseLoader(ctx).loadMany(docs.map((d) => d.id));
  return rows.filter((r): r is CourseRow => !!r && !(r instanceof Error));
}

export const JobMatchRef = builder.objectRef<{ id: string }>('JobMatch').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    coursesForMissingSkills: t.field({
      type: [CourseType],
      // Nullable: a field this service adds to another's entity fails alone when it does not answer.
      nullable: true,
      description: 'Open courses teaching the skills this match lacks: order-based courses of the same employer first, then those teaching the most of them, soonest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 5 }) },
      resolve: async (match, args, ctx) => {
        const first = args.first ?? 5;
        if (!Number.isInteger(first) || first < 1 || first > 50) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Ask for 1 to 50 courses at a time.', { field: 'first' });
        // The id carries the gap (see encodeJobMatchId); one not made by the matcher has none.
        const m = decodeJobMatchId(match.id);
        if (!m) return [];
        const missing = new Set(m.missingSkills.map(canonicalSkill));
        const taught = (c: CourseDocument) => c.skills.filter((s) => missing.has(s)).length;
        const orderedFor = (c: CourseDocument) => (c.vacancyId === m.vacancyId ? 2 : c.employerId === m.employerId ? 1 : 0);
        const found = (await coursesTeaching(courseIndexOf(ctx), [...missing]))
          .sort((a, b) => orderedFor(b) - orderedFor(a) || taught(b) - taught(a) || a.startDay - b.startDay)
          .slice(0, first);
        return courseRows(ctx, found);
      },
    }),
  }),
});

builder.asEntity(JobMatchRef, { key: builder.selection<{ id: string }>('id'), resolveReference: (ref) => ref });

addSearchAdminFields(builder, COURSE_INDEX, 'course');
