import { and, eq, inArray, sql } from 'drizzle-orm';
import { groupLoaderFor } from '@hub/common';
import { builder, type EmployersContext } from '../builder';
import { referrals, vacancies } from '../db/schema';
import { EmployerType } from './employer';

/**
 * Facts the subsidies service reads through federation (`@requires`): employer subsidies reward
 * hiring hard-to-employ people (招用就业困难人员), counted from the hires recorded here.
 */
const hardToEmployHiresLoader = (ctx: EmployersContext) =>
  groupLoaderFor<string, { employerId: string; referralId: string }>(
    ctx,
    'hardToEmployHires',
    (ids) =>
      ctx.db
        .select({ employerId: vacancies.employerId, referralId: referrals.id })
        .from(referrals)
        .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
        .where(and(inArray(vacancies.employerId, [...ids]), eq(referrals.outcome, 'HIRED'), sql`cardinality(${referrals.hiredGroups}) > 0`)),
    (row) => row.employerId,
  );

builder.objectField(EmployerType, 'hardToEmployHires', (t) =>
  t.int({
    nullable: true,
    description: 'People the employer hired through referrals who were hard-to-employ that day. For staff and the employer itself (null otherwise).',
    resolve: async (e, _a, ctx) => {
      const v = ctx.viewer;
      const allowed = v?.role === 'ADMIN' || v?.role === 'COORDINATOR' || (v?.role === 'EMPLOYER' && v.employerId === e.id);
      return allowed ? (await hardToEmployHiresLoader(ctx).load(e.id)).length : null;
    },
  }),
);
