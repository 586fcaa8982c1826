import { eq } from 'drizzle-orm';
import { enqueueEvent, ErrorCode, HubError, isUuid, requireRole, todayIso } from '@hub/common';
import { builder } from '../builder';
import { outbox, referralOutcomes, referrals, vacancies } from '../db/schema';
import { VacancyType } from './employer';
import { vacancyLoader } from './vacancy';

type ReferralRow = typeof referrals.$inferSelect;

const ReferralOutcomeEnum = builder.enumType('ReferralOutcome', { values: referralOutcomes });
const ResidentRef = builder.externalRef('Resident', builder.selection<{ id: string }>('id')).implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});

const ReferralType = builder.objectRef<ReferralRow>('Referral').implement({
  description: '推荐: a resident sent to a vacancy by a coordinator.',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    vacancy: t.field({ type: VacancyType, resolve: async (r, _a, ctx) => (await vacancyLoader(ctx).load(r.vacancyId))! }),
    resident: t.field({ type: ResidentRef, resolve: (r) => ({ id: r.residentId }) }),
    referredOn: t.expose('referredOn', { type: 'Date' }),
    referredBy: t.exposeString('referredBy'),
    outcome: t.expose('outcome', { type: ReferralOutcomeEnum }),
  }),
});

builder.mutationField('referResident', (t) =>
  t.field({
    type: ReferralType,
    authScopes: { staff: true },
    description: 'Refers a resident to an open vacancy. The referral counts as a job delivered on the resident\'s "311" clock.',
    args: {
      residentId: t.arg.id({ required: true }),
      vacancyId: t.arg.id({ required: true }),
      referredOn: t.arg({ type: 'Date', required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR');
      const residentId = String(args.residentId);
      const vacancyId = String(args.vacancyId);
      if (!isUuid(residentId)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That is not a resident id.', { field: 'residentId' });
      const on = args.referredOn ?? todayIso();
      if (on > todayIso()) throw new HubError(ErrorCode.BAD_USER_INPUT, 'A referral cannot be dated in the future.', { field: 'referredOn' });
      const by = viewer.role === 'COORDINATOR' ? `COORDINATOR:${viewer.sub}@${viewer.regionCode}` : `ADMIN:${viewer.sub}`;
      const referral = await ctx.db.transaction(async (tx) => {
        const [vacancy] = isUuid(vacancyId) ? await tx.select().from(vacancies).where(eq(vacancies.id, vacancyId)) : [];
        if (!vacancy) throw new HubError(ErrorCode.NOT_FOUND, `Vacancy ${vacancyId} does not exist.`, { field: 'vacancyId' });
        if (vacancy.status !== 'OPEN') throw new HubError(ErrorCode.CONFLICT, `This vacancy is ${vacancy.status.toLowerCase()}; refer people to open vacancies.`);
        const [row] = await tx
          .insert(referrals)
          .values({ vacancyId, residentId, referredOn: on, referredBy: by })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new HubError(ErrorCode.DUPLICATE, 'This person has already been referred to this vacancy.');
        // In the same transaction: the residents service hears of it if and only if it happened.
        await enqueueEvent(tx, outbox, {
          topic: 'referral.made',
          aggregateId: residentId,
          payload: { referralId: row.id, residentId, vacancyId, vacancyTitle: vacancy.title, employerId: vacancy.employerId, referredOn: on, referredBy: by },
        });
        return row;
      });
      ctx.kickEvents();
      return referral;
    },
  }),
);


