import { inArray } from 'drizzle-orm';
import { decodeJobMatchId, locationTier, type JobMatchKey } from '@hub/common/matching';
import type { JobIntentionFacts, SkillFacts } from '@hub/common/resident-types';
import { canonicalSkill, skillsForOccupation } from '@hub/common/vocabulary';
import { ErrorCode, HubError } from '@hub/common';
import type { TrainingContext } from '../builder';
import { builder } from '../builder';
import { vacancyFacts } from '../db/schema';
import type { CourseDocument } from '../search/course-index';
import { CourseType } from './centre';
import { VacancyRef } from './external';
import { courseIndexOf, courseRows, coursesTeaching } from './skill-gaps';

/**
 * 培训推荐: courses for what a person lacks, for the work they want (the skills of their wished-for
 * occupations) and for their best job matches (the skills those vacancies ask for). The person's
 * facts and matches come through `@requires` from residents and employers.
 */
export interface RecommendationFacts {
  id: string;
  community: { code: string };
  skills: SkillFacts[];
  jobIntention: JobIntentionFacts | null;
  jobMatches: { id: string }[];
}

interface Recommendation {
  courseId: string;
  skillsAdded: string[];
  vacancyIds: string[];
  reason: string;
}

const NEAR = { COMMUNITY: 4, STREET: 3, DISTRICT: 2, CITY: 1, ELSEWHERE: 0 } as const;

export async function recommendCourses(ctx: TrainingContext, person: RecommendationFacts, first: number): Promise<Recommendation[]> {
  const held = new Set(person.skills.map((s) => canonicalSkill(s.name)));
  const forIntention = (person.jobIntention?.occupations ?? []).flatMap(skillsForOccupation).map(canonicalSkill).filter((s) => !held.has(s));
  const matches = person.jobMatches.map((m) => decodeJobMatchId(m.id)).filter((m): m is JobMatchKey => m !== null);
  const needed = [...new Set([...forIntention, ...matches.flatMap((m) => m.missingSkills.map(canonicalSkill))])];
  const courses = await coursesTeaching(courseIndexOf(ctx), needed);
  if (courses.length === 0) return [];

  // An order-based course counts first while its vacancy is still open with places to fill.
  const orderVacancies = courses.map((c) => c.vacancyId).filter((id): id is string => id !== null);
  const open = new Set(
    orderVacancies.length
      ? (await ctx.db.select().from(vacancyFacts).where(inArray(vacancyFacts.vacancyId, orderVacancies)))
          .filter((v) => v.status === 'OPEN' && v.filledCount < v.headcount)
          .map((v) => v.vacancyId)
      : [],
  );
  const neededSet = new Set(needed);
  const ranked = courses.map((course: CourseDocument) => {
    const skillsAdded = course.skills.filter((s) => neededSet.has(s));
    const after = new Set([...held, ...course.skills]);
    // The vacancies whose every missing skill the course would supply, and the one it was ordered for.
    const opened = matches.filter((m) => m.missingSkills.length > 0 && m.missingSkills.every((s) => after.has(canonicalSkill(s)))).map((m) => m.vacancyId);
    const orderOpen = course.vacancyId !== null && open.has(course.vacancyId);
    const vacancyIds = [...new Set([...(orderOpen ? [course.vacancyId!] : []), ...opened])];
    const tier = locationTier(person.community.code, course.locationCode);
    const reason = [
      orderOpen ? 'Ordered by an employer with places waiting for its graduates.' : null,
      `Teaches ${skillsAdded.join('、')}.`,
      opened.length ? `Would complete the skills for ${opened.length} of their job matches.` : null,
      tier === 'COMMUNITY' || tier === 'STREET' ? 'Near home.' : tier === 'DISTRICT' ? 'In their district.' : null,
    ]
      .filter(Boolean)
      .join(' ');
    return { course, skillsAdded, vacancyIds, reason, orderOpen, near: NEAR[tier], opens: opened.length };
  });
  return ranked
    .sort(
      (a, b) =>
        Number(b.orderOpen) - Number(a.orderOpen) ||
        b.near - a.near ||
        b.opens - a.opens ||
        b.skillsAdded.length - a.skillsAdded.length ||
        a.course.startDay - b.course.startDay,
    )
    .slice(0, first)
    .map(({ course, skillsAdded, vacancyIds, reason }) => ({ courseId: course.id, skillsAdded, vacancyIds, reason }));
}

export const CourseRecommendationType = builder.objectRef<Recommendation>('CourseRecommendation').implement({
  description: 'A course recommended to a person, with what it would add and what it would open.',
  fields: (t) => ({
    course: t.field({ type: CourseType, resolve: async (r, _a, ctx) => (await courseRows(ctx, [{ id: r.courseId } as CourseDocument]))[0]! }),
    skillsAdded: t.exposeStringList('skillsAdded', { description: 'Skills the person lacks that the course teaches.' }),
    vacancies: t.field({ type: [VacancyRef], description: 'Vacancies the course would open: its order, and matches it completes.', resolve: (r) => r.vacancyIds.map((id) => ({ id })) }),
    reason: t.exposeString('reason'),
  }),
});

export function checkFirst(first: number | null | undefined): number {
  const n = first ?? 10;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Ask for 1 to 50 courses at a time.', { field: 'first' });
  return n;
}
