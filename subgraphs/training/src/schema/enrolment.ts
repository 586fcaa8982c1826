import { and, asc, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { actorOf, enqueueEvent, ErrorCode, EXIT_STATUSES, groupLoaderFor, HubError, isUuid, regionContains, todayIso, type Viewer } from '@hub/common';
import { builder, type TrainingContext } from '../builder';
import { courses, enrolments, idempotencyKeys, jobseekers, outbox } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { CourseType } from './centre';
import { courseForUpdate } from './course';
import { ResidentRef } from './resident';

type EnrolmentRow = typeof enrolments.$inferSelect;

const enrolmentsLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, EnrolmentRow>(
    ctx,
    'courseEnrolments',
    (ids) => ctx.db.select().from(enrolments).where(inArray(enrolments.courseId, [...ids])).orderBy(asc(enrolments.enrolledOn)),
    (row) => row.courseId,
  );


const EnrolmentType = builder.objectRef<EnrolmentRow>('Enrolment').implement({
  description: '报名: a person\'s place on a course.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    resident: t.field({
      type: ResidentRef,
      nullable: true,
      description: 'The person, from the register, as far as you may see them (a centre sees none of it).',
      resolve: (e) => ({ id: e.residentId }),
    }),
    status: t.exposeString('status', { description: 'ENROLLED, or WITHDRAWN (the place is free again).' }),
    enrolledOn: t.expose('enrolledOn', { type: 'Date' }),
    enrolledBy: t.exposeString('enrolledBy'),
    withdrawnOn: t.expose('withdrawnOn', { type: 'Date', nullable: true }),
    completedOn: t.expose('completedOn', { type: 'Date', nullable: true }),
    passed: t.exposeBoolean('passed', { nullable: true }),
    certificateNumber: t.exposeString('certificateNumber', { nullable: true }),
    certificateLevel: t.exposeInt('certificateLevel', { nullable: true }),
  }),
});

/** The centre that runs a course, and staff, see who is on it. */
const maySeeEnrolments = (viewer: Viewer | null, centreId: string) =>
  viewer?.role === 'ADMIN' || viewer?.role === 'COORDINATOR' || (viewer?.role === 'TRAINING_CENTRE' && viewer.centreId === centreId);

builder.objectFields(CourseType, (t) => ({
  enrolled: t.int({
    description: 'Places taken.',
    resolve: async (c, _a, ctx) => (await enrolmentsLoader(ctx).load(c.id)).filter((e) => e.status === 'ENROLLED').length,
  }),
  seatsLeft: t.int({
    resolve: async (c, _a, ctx) => c.capacity - (await enrolmentsLoader(ctx).load(c.id)).filter((e) => e.status === 'ENROLLED').length,
  }),
  enrolments: t.field({
    type: [EnrolmentType],
    description: 'Who is on the course: for its centre and staff.',
    resolve: (c, _a, ctx) => {
      if (!maySeeEnrolments(ctx.viewer, c.centreId)) throw new HubError(ErrorCode.FORBIDDEN, 'Only the course\'s centre and staff see who enrolled.');
      return enrolmentsLoader(ctx).load(c.id);
    },
  }),
}));

builder.mutationFields((t) => ({
  enrolResident: t.field({
    type: EnrolmentType,
    description: 'Gives a person a place on an open course: by staff or by the course\'s centre. Never beyond capacity, never two courses at once.',
    args: { residentId: t.arg.id({ required: true }), courseId: t.arg.id({ required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: enrolments }, async (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const residentId = String(args.residentId);
        if (!isUuid(residentId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not a resident id.', { field: 'residentId' });
        // Locks the course row: concurrent enrolments queue here, so the count below is exact.
        const { course, viewer } = await courseForUpdate(ctx, tx, String(args.courseId));
        if (course.status !== 'OPEN') throw new HubError(ErrorCode.CONFLICT, `The course is ${course.status.toLowerCase()}; people enrol while it is open.`);
        const [person] = await tx.select().from(jobseekers).where(eq(jobseekers.residentId, residentId));
        if (!person) throw new HubError(ErrorCode.NOT_FOUND, 'This person is not in the register (or the register has not yet told this service about them).', { field: 'residentId' });
        if (viewer.role === 'COORDINATOR' && !person.communityCode.startsWith(viewer.regionCode)) {
          throw new HubError(ErrorCode.FORBIDDEN, `This person lives outside your region ${viewer.regionCode}.`);
        }
        if (EXIT_STATUSES.has(person.employmentStatus)) {
          throw new HubError(ErrorCode.CONFLICT, `The person is ${person.employmentStatus.toLowerCase().replace('_', ' ')} and cannot enrol.`);
        }
        const [taken] = await tx.select({ n: count() }).from(enrolments).where(and(eq(enrolments.courseId, course.id), eq(enrolments.status, 'ENROLLED')));
        if ((taken?.n ?? 0) >= course.capacity) throw new HubError(ErrorCode.CONFLICT, `All ${course.capacity} places are taken.`);
        const overlapping = await tx
          .select({ title: courses.title })
          .from(enrolments)
          .innerJoin(courses, eq(courses.id, enrolments.courseId))
          .where(
            and(
              eq(enrolments.residentId, residentId),
              eq(enrolments.status, 'ENROLLED'),
              ne(courses.id, course.id),
              inArray(courses.status, ['OPEN', 'RUNNING']),
              lte(courses.startDate, course.endDate),
              gte(courses.endDate, course.startDate),
            ),
          );
        if (overlapping.length) throw new HubError(ErrorCode.CONFLICT, `The person is already on 「${overlapping[0]!.title}」 at the same time.`);
        const [row] = await tx
          .insert(enrolments)
          .values({ courseId: course.id, residentId, enrolledOn: todayIso(), enrolledBy: actorOf(viewer) })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new HubError(ErrorCode.DUPLICATE, 'This person is already enrolled on this course.');
        // The register counts it as a training offer (送培训) and answers any open training request.
        await enqueueEvent(tx, outbox, {
          topic: 'enrolment.made',
          aggregateId: residentId,
          payload: { enrolmentId: row.id, residentId, courseId: course.id, centreId: course.centreId, courseTitle: course.title, enrolledOn: row.enrolledOn, enrolledBy: row.enrolledBy },
        });
        return row;
      })),
  }),
  recordCompletion: t.field({
    type: EnrolmentType,
    description: '结业: pass or fail. A pass adds the course\'s skills, at the certificate level, to the person\'s profile in the register.',
    args: {
      enrolmentId: t.arg.id({ required: true }),
      passed: t.arg.boolean({ required: true }),
      certificateNumber: t.arg.string({ required: false }),
      certificateLevel: t.arg.int({ required: false, description: '1 (highest) to 5.' }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const id = String(args.enrolmentId);
        const [enrolment] = isUuid(id) ? await tx.select().from(enrolments).where(eq(enrolments.id, id)).for('update') : [];
        if (!enrolment) throw new HubError(ErrorCode.NOT_FOUND, `Enrolment ${id} does not exist.`, { field: 'enrolmentId' });
        const { course, viewer } = await courseForUpdate(ctx, tx, enrolment.courseId);
        if (viewer.role === 'COORDINATOR') throw new HubError(ErrorCode.FORBIDDEN, 'Only the training centre or an administrator records completions.');
        if (course.status !== 'RUNNING' && course.status !== 'FINISHED') {
          throw new HubError(ErrorCode.CONFLICT, `The course is ${course.status.toLowerCase()}; completions are recorded once it runs.`);
        }
        if (enrolment.status !== 'ENROLLED') throw new HubError(ErrorCode.CONFLICT, 'This person gave up the place.');
        if (enrolment.completedOn) throw new HubError(ErrorCode.CONFLICT, `Completion was recorded on ${enrolment.completedOn}.`);
        const certificateNumber = args.certificateNumber?.trim() || null;
        const level = args.certificateLevel ?? null;
        if (args.passed && !certificateNumber) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A pass needs the certificate number.', { field: 'certificateNumber' });
        if (level !== null && (!Number.isInteger(level) || level < 1 || level > 5)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Certificate levels run from 1 to 5.', { field: 'certificateLevel' });
        const completedOn = todayIso();
        const [row] = await tx
          .update(enrolments)
          .set({ completedOn, passed: args.passed, certificateNumber: args.passed ? certificateNumber : null, certificateLevel: args.passed ? level : null })
          .where(eq(enrolments.id, id))
          .returning();
        if (args.passed) {
          await enqueueEvent(tx, outbox, {
            topic: 'training.completed',
            aggregateId: enrolment.residentId,
            payload: { enrolmentId: id, residentId: enrolment.residentId, courseTitle: course.title, skills: course.skills, certificateLevel: level, certificateNumber, completedOn },
          });
        }
        return row!;
      }),
  }),
  withdrawEnrolment: t.field({
    type: EnrolmentType,
    description: 'Gives up a place, which is free again for someone else.',
    args: { enrolmentId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const id = String(args.enrolmentId);
        const [enrolment] = isUuid(id) ? await tx.select().from(enrolments).where(eq(enrolments.id, id)).for('update') : [];
        if (!enrolment) throw new HubError(ErrorCode.NOT_FOUND, `Enrolment ${id} does not exist.`, { field: 'enrolmentId' });
        const { viewer } = await courseForUpdate(ctx, tx, enrolment.courseId);
        if (viewer.role === 'COORDINATOR') {
          // Staff act for the people of their own region, as when enrolling them.
          const [person] = await tx.select().from(jobseekers).where(eq(jobseekers.residentId, enrolment.residentId));
          if (!person || !regionContains(viewer.regionCode, person.communityCode)) throw new HubError(ErrorCode.FORBIDDEN, `This person lives outside your region ${viewer.regionCode}.`);
        }
        if (enrolment.status !== 'ENROLLED') throw new HubError(ErrorCode.CONFLICT, 'This place was already given up.');
        const [row] = await tx.update(enrolments).set({ status: 'WITHDRAWN', withdrawnOn: todayIso() }).where(eq(enrolments.id, id)).returning();
        return row!;
      }),
  }),
}));

