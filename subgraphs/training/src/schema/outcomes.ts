import { and, eq, inArray, isNotNull, like, sql } from 'drizzle-orm';
import { addMonths, EMPLOYED_STATUSES, ErrorCode, HubError } from '@hub/common';
import { builder, type TrainingContext } from '../builder';
import { courses, enrolments, jobseekers, placements } from '../db/schema';
import { CourseType, TrainingCentreType, type CourseRow } from './centre';
import { RegionRef } from './region';

interface Outcomes {
  graduates: number;
  employedWithin3Months: number;
  employedWithin6Months: number;
  committedHires: number;
  hiresByOrderingEmployer: number;
}

const empty = (): Outcomes => ({ graduates: 0, employedWithin3Months: 0, employedWithin6Months: 0, committedHires: 0, hiresByOrderingEmployer: 0 });

/**
 * What became of each course's graduates: employed within three and six months of the end
 * (a hire reported by the employers service, or the register showing them in work since then),
 * and for order-based courses how many the ordering employer hired.
 */
async function outcomesOf(ctx: TrainingContext, list: CourseRow[]): Promise<Map<string, Outcomes>> {
  const result = new Map(list.map((c) => [c.id, empty()]));
  if (!list.length) return result;
  const passed = await ctx.db
    .select({ courseId: enrolments.courseId, residentId: enrolments.residentId })
    .from(enrolments)
    .where(and(inArray(enrolments.courseId, list.map((c) => c.id)), eq(enrolments.passed, true)));
  const people = [...new Set(passed.map((p) => p.residentId))];
  const [profiles, hires] = people.length
    ? await Promise.all([
        ctx.db.select().from(jobseekers).where(inArray(jobseekers.residentId, people)),
        ctx.db.select().from(placements).where(inArray(placements.residentId, people)),
      ])
    : [[], []];
  for (const course of list) {
    const o = result.get(course.id)!;
    o.committedHires = course.committedHires ?? 0;
    for (const graduate of passed.filter((p) => p.courseId === course.id)) {
      o.graduates++;
      const profile = profiles.find((p) => p.residentId === graduate.residentId);
      const theirHires = hires.filter((h) => h.residentId === graduate.residentId && h.hiredOn >= course.startDate);
      const employedBy = (until: string) =>
        theirHires.some((h) => h.hiredOn <= until) ||
        (profile !== undefined && EMPLOYED_STATUSES.has(profile.employmentStatus) && profile.statusSince >= course.startDate && profile.statusSince <= until);
      if (employedBy(addMonths(course.endDate, 3))) o.employedWithin3Months++;
      if (employedBy(addMonths(course.endDate, 6))) o.employedWithin6Months++;
      if (course.employerId && theirHires.some((h) => h.employerId === course.employerId)) o.hiresByOrderingEmployer++;
    }
  }
  return result;
}

const OutcomesType = builder.objectRef<Outcomes>('TrainingOutcomes').implement({
  fields: (t) => ({
    graduates: t.exposeInt('graduates', { description: 'People who passed.' }),
    employedWithin3Months: t.exposeInt('employedWithin3Months'),
    employedWithin6Months: t.exposeInt('employedWithin6Months'),
    committedHires: t.exposeInt('committedHires', { description: 'Order-based: hires the ordering employer committed to.' }),
    hiresByOrderingEmployer: t.exposeInt('hiresByOrderingEmployer', { description: 'Order-based: graduates the ordering employer hired.' }),
  }),
});

const sum = (all: Iterable<Outcomes>) =>
  [...all].reduce((total, o) => {
    for (const key of Object.keys(total) as (keyof Outcomes)[]) total[key] += o[key];
    return total;
  }, empty());

builder.objectField(CourseType, 'outcomes', (t) =>
  t.field({ type: OutcomesType, resolve: async (c, _a, ctx) => (await outcomesOf(ctx, [c])).get(c.id)! }),
);

builder.objectField(TrainingCentreType, 'outcomes', (t) =>
  t.field({
    type: OutcomesType,
    description: 'Over the centre\'s finished courses.',
    resolve: async (centre, _a, ctx) => {
      const finished = await ctx.db.select().from(courses).where(and(eq(courses.centreId, centre.id), eq(courses.status, 'FINISHED')));
      return sum((await outcomesOf(ctx, finished)).values());
    },
  }),
);

builder.objectField(RegionRef, 'peopleEmployedAfterTraining', (t) =>
  t.field({
    type: 'Int',
    // Nullable: a field this service adds to another's entity fails alone when it does not answer.
    nullable: true,
    authScopes: { authenticated: true },
    description: 'Graduates of courses held in this region that ended in `year` who were employed within six months (the seed reports 3,300 a year).',
    args: { year: t.arg.int({ required: true }) },
    resolve: async (region, { year }, ctx) => {
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give a year, e.g. 2026.', { field: 'year' });
      const ended = await ctx.db
        .select()
        .from(courses)
        .where(and(like(courses.locationCode, `${region.code}%`), isNotNull(courses.endDate), sql`extract(year from ${courses.endDate}) = ${year}`));
      return sum((await outcomesOf(ctx, ended)).values()).employedWithin6Months;
    },
  }),
);
