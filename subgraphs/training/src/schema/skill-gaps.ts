import { and, arrayOverlaps, gte, inArray } from 'drizzle-orm';
import { ErrorCode, HubError, todayIso } from '@hub/common';
import { decodeJobMatchId } from '@hub/common/matching';
import { canonicalSkill, namesOfSkill } from '@hub/common/vocabulary';
import { builder } from '../builder';
import { courses } from '../db/schema';
import { CourseType, type CourseRow } from './centre';

/**
 * Skill gaps lead to training: a job match (made by the employers service) names the skills the
 * person lacks; this service answers with the open courses that teach them, the courses the
 * same employer ordered for that vacancy first (订单式培训: trained for a job that is waiting).
 */
const JobMatchRef = builder.objectRef<{ id: string }>('JobMatch').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    coursesForMissingSkills: t.field({
      type: [CourseType],
      description: 'Open courses teaching the skills this match lacks: order-based courses of the same employer first, then those teaching the most of them, soonest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 5 }) },
      resolve: async (match, args, ctx) => {
        // The id carries the gap (see encodeJobMatchId); one not made by the matcher has none.
        const m = decodeJobMatchId(match.id);
        if (!m) return [];
        const first = args.first ?? 5;
        if (!Number.isInteger(first) || first < 1 || first > 50) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Ask for 1 to 50 courses at a time.', { field: 'first' });
        const missing = new Set(m.missingSkills.map(canonicalSkill));
        if (missing.size === 0) return [];
        // Centres type skills in their own words; every name of each missing skill is looked for.
        const names = [...missing].flatMap(namesOfSkill);
        const rows: CourseRow[] = await ctx.db
          .select()
          .from(courses)
          .where(and(inArray(courses.status, ['OPEN']), gte(courses.startDate, todayIso()), arrayOverlaps(courses.skills, names)));
        const taught = (c: CourseRow) => new Set(c.skills.map(canonicalSkill).filter((s) => missing.has(s))).size;
        const orderedFor = (c: CourseRow) => (c.vacancyId === m.vacancyId ? 2 : c.employerId === m.employerId ? 1 : 0);
        return rows
          .filter((c) => taught(c) > 0)
          .sort((a, b) => orderedFor(b) - orderedFor(a) || taught(b) - taught(a) || (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
          .slice(0, first);
      },
    }),
  }),
});

builder.asEntity(JobMatchRef, { key: builder.selection<{ id: string }>('id'), resolveReference: (ref) => ref });
