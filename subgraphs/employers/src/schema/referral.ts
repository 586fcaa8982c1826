import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { actorOf, difficultyGroups, enqueueEvent, ErrorCode, groupLoaderFor, HubError, isUuid, requireRole, todayIso } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { idempotencyKeys, jobFairVacancies, jobseekers, outbox, referralOutcomes, referrals, vacancies } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { failedRequirements } from '../referrals/requirements';
import { recordChange } from '../vacancies/changes';
import { mayHandleReferral, visibleReferrals } from '../access/policy';
import { VacancyType } from './employer';
import { ResidentRef } from './resident';
import { vacancyLoader } from './vacancy';

type ReferralRow = typeof referrals.$inferSelect;
type Tx = Parameters<Parameters<EmployersContext['db']['transaction']>[0]>[0];

const ReferralOutcomeEnum = builder.enumType('ReferralOutcome', { values: referralOutcomes });

const referralsOfVacancyLoader = (ctx: EmployersContext) =>
  groupLoaderFor<string, ReferralRow>(
    ctx,
    'vacancyReferrals',
    (ids) => ctx.db.select().from(referrals).where(inArray(referrals.vacancyId, [...ids])).orderBy(asc(referrals.createdAt)),
    (row) => row.vacancyId,
  );

const ReferralType = builder.objectRef<ReferralRow>('Referral').implement({
  description: '推荐: a resident sent to a vacancy by a coordinator, and what came of it.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    vacancy: t.field({ type: VacancyType, resolve: async (r, _a, ctx) => (await vacancyLoader(ctx).load(r.vacancyId))! }),
    resident: t.field({
      type: ResidentRef,
      nullable: true,
      description: 'The candidate, from the register: an employer sees only what hiring needs. Null, with the error, when the register does not answer.',
      resolve: (r) => ({ id: r.residentId }),
    }),
    referredOn: t.expose('referredOn', { type: 'Date' }),
    referredBy: t.exposeString('referredBy'),
    outcome: t.expose('outcome', { type: ReferralOutcomeEnum }),
    outcomeOn: t.expose('outcomeOn', { type: 'Date', nullable: true }),
    outcomeReason: t.exposeString('outcomeReason', { nullable: true }),
  }),
});

builder.objectField(VacancyType, 'referrals', (t) =>
  t.field({
    type: [ReferralType],
    description:
      'People referred to this vacancy: all of them for the employer that posted it and staff of its place of work; for other staff, those living in their region.',
    resolve: async (v, _a, ctx) => {
      if (ctx.viewer?.role !== 'ADMIN' && ctx.viewer?.role !== 'COORDINATOR' && !(ctx.viewer?.role === 'EMPLOYER' && ctx.viewer.employerId === v.employerId)) {
        throw new HubError(ErrorCode.FORBIDDEN, 'Only the employer that posted this vacancy, and staff, see who was referred.');
      }
      return visibleReferrals(ctx, v, await referralsOfVacancyLoader(ctx).load(v.id));
    },
  }),
);

/** Which outcome may follow which: hiring, rejection, no-show and withdrawal end a referral. */
const NEXT: Record<ReferralRow['outcome'], ReferralRow['outcome'][]> = {
  PENDING: ['INTERVIEWED', 'HIRED', 'REJECTED', 'NO_SHOW', 'WITHDRAWN'],
  INTERVIEWED: ['HIRED', 'REJECTED', 'WITHDRAWN'],
  HIRED: [],
  REJECTED: [],
  NO_SHOW: [],
  WITHDRAWN: [],
};

/** Takes one place of the vacancy, or refuses when none is left: the guard is in the UPDATE, so racing hires cannot overfill. */
async function takePlace(tx: Tx, vacancyId: string) {
  const [row] = await tx
    .update(vacancies)
    .set({
      filledCount: sql`${vacancies.filledCount} + 1`,
      status: sql`case when ${vacancies.filledCount} + 1 = ${vacancies.headcount} then 'FILLED' else ${vacancies.status} end`,
      closedAt: sql`case when ${vacancies.filledCount} + 1 = ${vacancies.headcount} then now() else ${vacancies.closedAt} end`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(vacancies.id, vacancyId), eq(vacancies.status, 'OPEN'), sql`${vacancies.filledCount} < ${vacancies.headcount}`))
    .returning();
  if (!row) throw new HubError(ErrorCode.CONFLICT, 'Every place of this vacancy is already filled; the hire was not recorded.');
  await recordChange(tx, row, row.status === 'FILLED' ? 'REMOVED' : 'UPDATED');
  return row;
}

builder.mutationFields((t) => ({
  referResident: t.field({
    type: ReferralType,
    authScopes: { staff: true },
    description: 'Refers a resident to an open vacancy after checking its requirements; counts as a job delivered on the resident\'s "311" clock.',
    args: {
      residentId: t.arg.id({ required: true }),
      vacancyId: t.arg.id({ required: true }),
      referredOn: t.arg({ type: 'Date', required: false }),
      jobFairId: t.arg.id({ required: false, description: 'The job fair the referral is made at.' }),
      idempotencyKey: t.arg.string(idempotencyKeyArg),
    },
    resolve: idempotent({ table: idempotencyKeys, load: referrals }, async (_root, args, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR');
      const jobFairId = args.jobFairId == null ? null : String(args.jobFairId);
      const residentId = String(args.residentId);
      const vacancyId = String(args.vacancyId);
      if (!isUuid(residentId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not a resident id.', { field: 'residentId' });
      const on = args.referredOn ?? todayIso();
      if (on > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A referral cannot be dated in the future.', { field: 'referredOn' });
      const by = actorOf(viewer);
      const referral = await ctx.db.transaction(async (tx) => {
        const [vacancy] = isUuid(vacancyId) ? await tx.select().from(vacancies).where(eq(vacancies.id, vacancyId)) : [];
        if (!vacancy) throw new HubError(ErrorCode.NOT_FOUND, `Vacancy ${vacancyId} does not exist.`, { field: 'vacancyId' });
        if (vacancy.status !== 'OPEN' || (vacancy.validUntil !== null && vacancy.validUntil < todayIso())) {
          throw new HubError(ErrorCode.CONFLICT, 'This vacancy is no longer open; refer people to open vacancies.');
        }
        const [person] = await tx.select().from(jobseekers).where(eq(jobseekers.residentId, residentId));
        if (!person) {
          throw new HubError(ErrorCode.NOT_FOUND, 'This person is not in the register (or the register has not yet told this service about them).', { field: 'residentId' });
        }
        if (viewer.role === 'COORDINATOR' && !person.communityCode.startsWith(viewer.regionCode)) {
          throw new HubError(ErrorCode.FORBIDDEN, `This person lives outside your region ${viewer.regionCode}.`);
        }
        if (jobFairId !== null) {
          const [atFair] = isUuid(jobFairId)
            ? await tx.select().from(jobFairVacancies).where(and(eq(jobFairVacancies.jobFairId, jobFairId), eq(jobFairVacancies.vacancyId, vacancyId)))
            : [];
          if (!atFair) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That vacancy was not offered at that job fair.', { field: 'jobFairId' });
        }
        const failed = failedRequirements(person, vacancy, on);
        if (failed.length) {
          throw new HubError(ErrorCode.REQUIREMENT_NOT_MET, failed.map((f) => f.message).join(' '), { requirements: failed.map((f) => f.requirement) });
        }
        const [row] = await tx.insert(referrals).values({ vacancyId, residentId, referredOn: on, referredBy: by, registeredOn: person.registeredOn, jobFairId }).onConflictDoNothing().returning();
        if (!row) throw new HubError(ErrorCode.DUPLICATE, 'This person has already been referred to this vacancy.');
        // In the same transaction: the residents service hears of it if and only if it happened.
        await enqueueEvent(tx, outbox, {
          topic: 'referral.made',
          aggregateId: residentId,
          payload: { referralId: row.id, residentId, vacancyId, vacancyTitle: vacancy.title, employerId: vacancy.employerId, referredOn: on, referredBy: by },
        });
        return row;
      });
      return referral;
    }),
  }),
  recordReferralOutcome: t.field({
    type: ReferralType,
    description: 'What came of a referral: by the employer that posted the vacancy, or by staff. A hire takes a place and records the employment in the register.',
    args: {
      referralId: t.arg.id({ required: true }),
      outcome: t.arg({ type: ReferralOutcomeEnum, required: true }),
      on: t.arg({ type: 'Date', required: false }),
      reason: t.arg.string({ required: false, description: 'Required for REJECTED.' }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
      const id = String(args.referralId);
      const on = args.on ?? todayIso();
      if (on > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'An outcome cannot be dated in the future.', { field: 'on' });
      const reason = args.reason?.trim() || null;
      if (args.outcome === 'REJECTED' && !reason) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Say why the person was not taken.', { field: 'reason' });
      const updated = await ctx.db.transaction(async (tx) => {
        const [referral] = isUuid(id) ? await tx.select().from(referrals).where(eq(referrals.id, id)).for('update') : [];
        if (!referral) throw new HubError(ErrorCode.NOT_FOUND, `Referral ${id} does not exist.`, { field: 'referralId' });
        const [vacancy] = await tx.select().from(vacancies).where(eq(vacancies.id, referral.vacancyId));
        const [person] = await tx.select().from(jobseekers).where(eq(jobseekers.residentId, referral.residentId));
        if (!mayHandleReferral(viewer, vacancy!, person?.communityCode)) {
          throw new HubError(ErrorCode.FORBIDDEN, 'Only the employer that posted this vacancy, and staff of the person\'s region or of the place of work, record outcomes.');
        }
        if (!NEXT[referral.outcome].includes(args.outcome)) {
          throw new HubError(ErrorCode.CONFLICT, `This referral is already ${referral.outcome.toLowerCase().replace('_', ' ')}; it cannot become ${args.outcome.toLowerCase().replace('_', ' ')}.`);
        }
        if (on < referral.referredOn) throw new HubError(ErrorCode.BAD_USER_INPUT, 'An outcome cannot come before the referral.', { field: 'on' });
        let hiredGroups: ReferralRow['hiredGroups'] = null;
        if (args.outcome === 'HIRED') {
          // Kept as they were on the day: once at work the person leaves most groups, but the hire still counts for the employer.
          hiredGroups = person ? difficultyGroups(person, person.zeroEmploymentHousehold, on) : [];
          const place = await takePlace(tx, vacancy!.id);
          await enqueueEvent(tx, outbox, {
            topic: 'placement.hired',
            aggregateId: referral.residentId,
            payload: { referralId: referral.id, residentId: referral.residentId, vacancyId: place.id, employerId: place.employerId, publicWelfare: place.publicWelfare, hiredOn: on },
          });
        }
        const [row] = await tx
          .update(referrals)
          .set({ outcome: args.outcome, outcomeOn: on, outcomeReason: reason, outcomeBy: actorOf(viewer), hiredGroups })
          .where(eq(referrals.id, referral.id))
          .returning();
        return row!;
      });
      return updated;
    },
  }),
}));
