import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { ErrorCode, HubError, groupLoaderFor, isUuid, loaderFor, requireCityRegion, requireRole } from '@hub/common';
import { queueForIndex } from '@hub/common/search';
import { COURSE_INDEX } from '../search/course-index';
import { builder, type TrainingContext } from '../builder';
import { courseModes, courseStatuses, courses, idempotencyKeys, searchQueue, vacancyFacts } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { accreditedOn, centreLoader, CourseType, TrainingCentreType, type CourseRow } from './centre';
import { EmployerRef, VacancyRef } from './external';
import { RegionRef } from './region';

export const courseLoader = (ctx: TrainingContext) =>
  loaderFor<string, CourseRow>(
    ctx,
    'course',
    (ids) => ctx.db.select().from(courses).where(inArray(courses.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const coursesByVacancyLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, CourseRow>(
    ctx,
    'coursesByVacancy',
    (ids) => ctx.db.select().from(courses).where(inArray(courses.vacancyId, ids.filter(isUuid))).orderBy(asc(courses.startDate)),
    (row) => row.vacancyId!,
  );

const coursesByEmployerLoader = (ctx: TrainingContext) =>
  groupLoaderFor<string, CourseRow>(
    ctx,
    'coursesByEmployer',
    (ids) => ctx.db.select().from(courses).where(inArray(courses.employerId, ids.filter(isUuid))).orderBy(asc(courses.startDate)),
    (row) => row.employerId!,
  );

const CourseStatusEnum = builder.enumType('CourseStatus', {
  description: 'DRAFT → OPEN (enrolling) → RUNNING → FINISHED; CANCELLED before it finishes.',
  values: courseStatuses,
});

const CourseModeEnum = builder.enumType('CourseMode', {
  description: 'ORDER_BASED: 订单式培训, for an employer\'s order; TARGETED: 定向式培训, for a named occupation; GENERAL: open training.',
  values: courseModes,
});

CourseType.implement({
  description: 'A training course.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    centre: t.field({ type: TrainingCentreType, resolve: async (c, _a, ctx) => (await centreLoader(ctx).load(c.centreId))! }),
    title: t.exposeString('title'),
    mode: t.expose('mode', { type: CourseModeEnum }),
    skills: t.exposeStringList('skills', { description: 'Skills the course teaches.' }),
    startDate: t.expose('startDate', { type: 'Date' }),
    endDate: t.expose('endDate', { type: 'Date' }),
    capacity: t.exposeInt('capacity'),
    location: t.field({ type: RegionRef, nullable: true, description: 'Null, with the error, when the register does not answer.', resolve: (c) => ({ code: c.locationCode }) }),
    employer: t.field({ type: EmployerRef, nullable: true, description: 'The ordering employer (ORDER_BASED).', resolve: (c) => (c.employerId ? { id: c.employerId } : null) }),
    vacancy: t.field({ type: VacancyRef, nullable: true, description: 'The vacancy trained for (ORDER_BASED).', resolve: (c) => (c.vacancyId ? { id: c.vacancyId } : null) }),
    committedHires: t.exposeInt('committedHires', { nullable: true, description: 'Graduates the employer commits to hire.' }),
    targetOccupation: t.exposeString('targetOccupation', { nullable: true }),
    trade: t.exposeString('trade', { nullable: true, description: 'The trade (工种) taught, one the centre is approved for.' }),
    qualifiesForTrainingSubsidy: t.boolean({
      description: 'Whether passing it qualifies for the training subsidy: the centre is accredited through the course\'s last day.',
      resolve: async (c, _a, ctx) => accreditedOn((await centreLoader(ctx).load(c.centreId))!, c.endDate),
    }),
    status: t.expose('status', { type: CourseStatusEnum }),
    hours: t.exposeInt('hours', { nullable: true }),
    schedule: t.exposeString('schedule', { nullable: true }),
    fee: t.exposeInt('fee', { description: 'Yuan per person.' }),
    freeForHardToEmploy: t.exposeBoolean('freeForHardToEmploy'),
  }),
});

builder.asEntity(CourseType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => courseLoader(ctx).load(id),
});

VacancyRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    trainingCourses: t.field({
      type: [CourseType],
      // Nullable: when this service does not answer, the vacancy or employer still does.
      nullable: true,
      description: 'Courses that train people for this vacancy (order-based courses placed for it).',
      resolve: (v, _a, ctx) => coursesByVacancyLoader(ctx).load(v.id),
    }),
  }),
});

EmployerRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    orderedCourses: t.field({
      type: [CourseType],
      // Nullable: when this service does not answer, the vacancy or employer still does.
      nullable: true,
      description: 'Order-based courses this employer placed.',
      resolve: (e, _a, ctx) => coursesByEmployerLoader(ctx).load(e.id),
    }),
  }),
});

builder.queryFields((t) => ({
  course: t.field({
    type: CourseType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => courseLoader(ctx).load(String(id)),
  }),
  courses: t.field({
    type: [CourseType],
    args: {
      mode: t.arg({ type: CourseModeEnum, required: false }),
      centreId: t.arg.id({ required: false }),
    },
    resolve: (_root, args, ctx) => {
      const filters: SQL[] = [];
      if (args.mode) filters.push(eq(courses.mode, args.mode));
      if (args.centreId != null) {
        if (!isUuid(String(args.centreId))) return [];
        filters.push(eq(courses.centreId, String(args.centreId)));
      }
      return ctx.db.select().from(courses).where(and(...filters)).orderBy(asc(courses.startDate), asc(courses.id));
    },
  }),
}));

const PublishCourseInput = builder.inputType('PublishCourseInput', {
  fields: (t) => ({
    centreId: t.id({ required: true }),
    title: t.string({ required: true }),
    mode: t.field({ type: CourseModeEnum, required: true }),
    skills: t.stringList({ required: true }),
    startDate: t.field({ type: 'Date', required: true }),
    endDate: t.field({ type: 'Date', required: true }),
    capacity: t.int({ required: true }),
    locationCode: t.id({ required: true }),
    employerId: t.id({ required: false, description: 'ORDER_BASED: the ordering employer.' }),
    vacancyId: t.id({ required: false, description: 'ORDER_BASED: the vacancy trained for.' }),
    committedHires: t.int({ required: false, description: 'ORDER_BASED: graduates the employer commits to hire.' }),
    targetOccupation: t.string({ required: false, description: 'TARGETED: the occupation trained for.' }),
    trade: t.string({
      required: false,
      description: 'The trade (工种) taught; one of the centre\'s approved trades. Defaults to the target occupation (TARGETED) or the vacancy\'s occupation (ORDER_BASED).',
    }),
    hours: t.int({ required: false }),
    schedule: t.string({ required: false, description: 'When it meets, e.g. 周一至周五 9:00-16:00.' }),
    fee: t.int({ required: false, description: 'Yuan per person; 0 when free.' }),
    freeForHardToEmploy: t.boolean({ required: false, defaultValue: true }),
    draft: t.boolean({ required: false, defaultValue: false, description: 'Publish as a draft, not yet open for enrolment.' }),
  }),
});

const fail = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });

builder.mutationField('publishCourse', (t) =>
  t.field({
    type: CourseType,
    description: 'Publishes a course: by the centre itself, or by an administrator.',
    args: { input: t.arg({ type: PublishCourseInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: courses }, async (_root, { input }, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'TRAINING_CENTRE');
      const centreId = String(input.centreId);
      if (viewer.role === 'TRAINING_CENTRE' && viewer.centreId !== centreId) {
        throw new HubError(ErrorCode.FORBIDDEN, 'You can publish courses only for your own centre.');
      }
      const centre = await centreLoader(ctx).load(centreId);
      if (!centre) throw new HubError(ErrorCode.NOT_FOUND, `Training centre ${centreId} does not exist.`, { field: 'centreId' });
      const title = input.title.trim();
      if (title.length < 2 || title.length > 100) throw fail('Give the course a title of 2 to 100 characters.', 'title');
      const skills = [...new Set(input.skills.map((s) => s.trim()).filter(Boolean))];
      if (!skills.length) throw fail('Name at least one skill the course teaches.', 'skills');
      if (input.endDate < input.startDate) throw fail('The course cannot end before it starts.', 'endDate');
      if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 1000) throw fail('Capacity must be between 1 and 1,000.', 'capacity');
      const location = await requireCityRegion(String(input.locationCode), ['DISTRICT', 'STREET', 'COMMUNITY'], 'locationCode');
      const order = { employerId: null as string | null, vacancyId: null as string | null, committedHires: null as number | null, occupation: null as string | null };
      if (input.mode === 'ORDER_BASED') {
        const employerId = input.employerId == null ? '' : String(input.employerId);
        const vacancyId = input.vacancyId == null ? '' : String(input.vacancyId);
        if (!isUuid(employerId)) throw fail('An order-based course needs the ordering employer.', 'employerId');
        if (!isUuid(vacancyId)) throw fail('An order-based course needs the vacancy it trains for.', 'vacancyId');
        const hires = input.committedHires ?? 0;
        if (hires < 1 || hires > input.capacity) throw fail('Committed hires must be at least 1 and not more than the capacity.', 'committedHires');
        const [vacancy] = await ctx.db.select().from(vacancyFacts).where(eq(vacancyFacts.vacancyId, vacancyId));
        if (!vacancy) {
          throw new HubError(ErrorCode.NOT_FOUND, 'This vacancy is unknown here (or the employers service has not yet told this service about it).', { field: 'vacancyId' });
        }
        if (vacancy.employerId !== employerId) throw fail('That vacancy belongs to another employer than the one ordering the course.', 'vacancyId');
        if (vacancy.status !== 'OPEN') throw new HubError(ErrorCode.CONFLICT, `The vacancy 「${vacancy.title}」 is ${vacancy.status.toLowerCase()}; order courses for open vacancies.`);
        if (hires > vacancy.headcount - vacancy.filledCount) {
          throw fail(`The vacancy has ${vacancy.headcount - vacancy.filledCount} open places; the employer cannot commit to more hires than that.`, 'committedHires');
        }
        Object.assign(order, { employerId, vacancyId, committedHires: hires, occupation: vacancy.occupation });
      } else if (input.employerId != null || input.vacancyId != null || input.committedHires != null) {
        throw fail('Only order-based courses have an ordering employer, vacancy and committed hires.', 'mode');
      }
      const targetOccupation = input.targetOccupation?.trim() || null;
      if (input.hours != null && (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > 2000)) throw fail('Hours run from 1 to 2,000.', 'hours');
      if (input.fee != null && (!Number.isInteger(input.fee) || input.fee < 0)) throw fail('The fee is a whole number of yuan, 0 or more.', 'fee');
      if (input.mode === 'TARGETED' && !targetOccupation) throw fail('A targeted course names the occupation it trains for.', 'targetOccupation');
      const trade = input.trade?.trim() || targetOccupation || order.occupation;
      if (!trade) throw fail('Name the trade (工种) the course teaches.', 'trade');
      if (!centre.trades.includes(trade)) {
        throw fail(
          centre.trades.length
            ? `「${centre.name}」 is approved to teach ${centre.trades.map((t) => `「${t}」`).join(', ')}, not 「${trade}」.`
            : `「${centre.name}」 has no approved trades on record, so it cannot publish courses yet.`,
          'trade',
        );
      }
      const { occupation: _occupation, ...orderColumns } = order;
      const [row] = await ctx.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(courses)
          .values({
            centreId,
            title,
            mode: input.mode,
            skills,
            startDate: input.startDate,
            endDate: input.endDate,
            capacity: input.capacity,
            locationCode: location.code,
            ...orderColumns,
            targetOccupation,
            trade,
            status: input.draft ? 'DRAFT' : 'OPEN',
            hours: input.hours ?? null,
            schedule: input.schedule?.trim() || null,
            fee: input.fee ?? 0,
            freeForHardToEmploy: input.freeForHardToEmploy ?? true,
          })
          .returning();
        await queueForIndex(tx, searchQueue, COURSE_INDEX, inserted.map((c) => c.id));
        return inserted;
      });
      return row!;
    }),
  }),
);

/** Which status may follow which. */
const NEXT: Record<CourseRow['status'], CourseRow['status'][]> = {
  DRAFT: ['OPEN', 'CANCELLED'],
  OPEN: ['RUNNING', 'CANCELLED'],
  RUNNING: ['FINISHED', 'CANCELLED'],
  FINISHED: [],
  CANCELLED: [],
};

/** A course the viewer may manage: its own centre's, or any for an administrator. */
export async function courseForUpdate(ctx: TrainingContext, tx: Parameters<Parameters<TrainingContext['db']['transaction']>[0]>[0], id: string) {
  const viewer = requireRole(ctx.viewer, 'ADMIN', 'TRAINING_CENTRE', 'COORDINATOR');
  const [course] = isUuid(id) ? await tx.select().from(courses).where(eq(courses.id, id)).for('update') : [];
  if (!course) throw new HubError(ErrorCode.NOT_FOUND, `Course ${id} does not exist.`, { field: 'courseId' });
  if (viewer.role === 'TRAINING_CENTRE' && viewer.centreId !== course.centreId) {
    throw new HubError(ErrorCode.FORBIDDEN, 'This course belongs to another training centre.');
  }
  return { course, viewer };
}

builder.mutationField('setCourseStatus', (t) =>
  t.field({
    type: CourseType,
    description: 'Moves a course along DRAFT → OPEN → RUNNING → FINISHED, or cancels it: by its centre or an administrator.',
    args: { courseId: t.arg.id({ required: true }), status: t.arg({ type: CourseStatusEnum, required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.db.transaction(async (tx) => {
        const { course, viewer } = await courseForUpdate(ctx, tx, String(args.courseId));
        if (viewer.role === 'COORDINATOR') throw new HubError(ErrorCode.FORBIDDEN, 'Only the training centre or an administrator runs a course.');
        if (!NEXT[course.status].includes(args.status)) {
          throw new HubError(ErrorCode.CONFLICT, `The course is ${course.status.toLowerCase()}; it cannot become ${args.status.toLowerCase()}.`);
        }
        const [row] = await tx.update(courses).set({ status: args.status }).where(eq(courses.id, course.id)).returning();
        // Only OPEN courses are searchable: any move in or out changes the index.
        await queueForIndex(tx, searchQueue, COURSE_INDEX, [course.id]);
        return row!;
      }),
  }),
);
