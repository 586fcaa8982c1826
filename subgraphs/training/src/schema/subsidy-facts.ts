import { and, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import { groupLoaderFor, type Viewer } from '@hub/common';
import { builder, type TrainingContext } from '../builder';
import { courses, enrolments, trainingCentres } from '../db/schema';
import { ResidentRef } from './resident';
import { EmployerRef } from './external';

/**
 * Facts the subsidies service reads through federation (`@requires`) for the training subsidy
 * (职业培训补贴): a pass counts only when the centre was accredited on the day it was recorded.
 */

interface QualifyingPass {
  residentId: string;
  employerId: string | null;
  mode: string;
}

const qualifyingPasses = (ctx: TrainingContext, column: 'residentId' | 'employerId', ids: readonly string[]) =>
  ctx.db
    .select({ residentId: enrolments.residentId, employerId: courses.employerId, mode: courses.mode })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(trainingCentres, eq(trainingCentres.id, courses.centreId))
    .where(
      and(
        column === 'residentId' ? inArray(enrolments.residentId, [...ids]) : inArray(courses.employerId, [...ids]),
        eq(enrolments.passed, true),
        isNotNull(trainingCentres.accreditationNumber),
        gte(trainingCentres.accreditedUntil, enrolments.completedOn),
      ),
    );

const passesOfResidentLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, QualifyingPass>(ctx, 'qualifyingPassesOfResident', (ids) => qualifyingPasses(ctx, 'residentId', ids), (row) => row.residentId);

const passesForEmployerLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, QualifyingPass>(
    ctx,
    'qualifyingPassesForEmployer',
    async (ids) => (await qualifyingPasses(ctx, 'employerId', ids)).filter((p) => p.mode === 'ORDER_BASED'),
    (row) => row.employerId!,
  );

const isStaff = (viewer: Viewer | null) => viewer?.role === 'ADMIN' || viewer?.role === 'COORDINATOR';

builder.objectField(ResidentRef, 'accreditedCoursesPassed', (t) =>
  t.int({
    nullable: true,
    description: 'Courses the person passed at a centre accredited on the day of completion: each qualifies for the training subsidy. Staff only (null otherwise).',
    resolve: async (r, _a, ctx) => (isStaff(ctx.viewer) ? (await passesOfResidentLoader(ctx).load(r.id)).length : null),
  }),
);

builder.objectField(EmployerRef, 'orderedTrainingGraduates', (t) =>
  t.int({
    nullable: true,
    description: 'Graduates of the employer\'s order-based courses at accredited centres: they count for the employer\'s training subsidy. For staff and the employer itself (null otherwise).',
    resolve: async (e, _a, ctx) =>
      isStaff(ctx.viewer) || (ctx.viewer?.role === 'EMPLOYER' && ctx.viewer.employerId === e.id) ? (await passesForEmployerLoader(ctx).load(e.id)).length : null,
  }),
);
