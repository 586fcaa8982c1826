import { ErrorCode, HubError, requireRegionAccess } from '@hub/common';
import { builder } from '../builder';
import { subsidiesSettings } from '../config';
import { monthLines, peopleHelped, programmeNames, waitingTooLong, type MonthLine } from '../reports/summary';
import { ApplicationType } from './application';
import { RegionRef } from './external';

interface Report {
  regionCode: string;
  year: number;
  waitingLimitDays: number;
}

const MonthLineType = builder.objectRef<MonthLine & { policyName: string }>('SubsidyMonthLine').implement({
  description: 'One programme in one month: amounts approved (by the month of the decision) and paid (by the month of the ledger entry, reversals subtracted), in fen.',
  fields: (t) => ({
    month: t.exposeInt('month'),
    policyCode: t.exposeString('policyCode'),
    policyName: t.exposeString('policyName'),
    approvedCount: t.exposeInt('approvedCount'),
    // Sums over a region and a month outgrow a 32-bit Int (¥21,474,836.47); a Float holds whole fen exactly up to 2^53.
    approvedFen: t.exposeFloat('approvedFen', { description: 'In fen, a whole number.' }),
    paidCount: t.exposeInt('paidCount', { description: 'Payments (not counting reversals).' }),
    paidFen: t.exposeFloat('paidFen', { description: 'In fen, a whole number; payments less reversals.' }),
  }),
});

const HelpedType = builder.objectRef<{ policyCode: string; policyName: string; beneficiaries: number }>('SubsidyPeopleHelped').implement({
  description: 'How many people (or employers) a programme paid in the year, payments reversed since not counted.',
  fields: (t) => ({ policyCode: t.exposeString('policyCode'), policyName: t.exposeString('policyName'), beneficiaries: t.exposeInt('beneficiaries') }),
});

const ReportType = builder.objectRef<Report>('SubsidyReport').implement({
  description: 'Subsidies for applicants living (people) or registered (employers) in a region and everything below it.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    months: t.field({
      type: [MonthLineType],
      resolve: async (r, _a, ctx) => {
        const [lines, names] = await Promise.all([monthLines(ctx.db, r.regionCode, r.year), programmeNames(ctx.db)]);
        return lines.map((l) => ({ ...l, policyName: names.get(l.policyCode) ?? l.policyCode }));
      },
    }),
    peopleHelped: t.field({
      type: [HelpedType],
      resolve: async (r, _a, ctx) => {
        const [rows, names] = await Promise.all([peopleHelped(ctx.db, r.regionCode, r.year), programmeNames(ctx.db)]);
        return rows.map((l) => ({ ...l, policyName: names.get(l.policyCode) ?? l.policyCode }));
      },
    }),
    waitingLimitDays: t.exposeInt('waitingLimitDays'),
    waitingTooLong: t.field({
      type: [ApplicationType],
      description: 'Applications undecided, or approved and unpaid, for longer than the limit (now, whatever the year): the oldest first.',
      resolve: (r, _a, ctx) => waitingTooLong(ctx.db, r.regionCode, r.waitingLimitDays),
    }),
  }),
});

builder.objectField(RegionRef, 'subsidyReport', (t) =>
  t.field({
    type: ReportType,
    // Nullable: a field this service adds to another's entity fails alone when it does not answer.
    nullable: true,
    authScopes: { staff: true },
    description: 'Subsidies approved and paid per programme and month of `year`, people helped, and applications waiting too long: for staff whose region contains this one.',
    args: {
      year: t.arg.int({ required: true }),
      waitingOlderThanDays: t.arg.int({ required: false, description: 'The waiting limit in days; default SUBSIDY_WAITING_LIMIT_DAYS.' }),
    },
    resolve: (region, args, ctx) => {
      requireRegionAccess(ctx.viewer, region.code);
      if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give a year, e.g. 2026.', { field: 'year' });
      const limit = args.waitingOlderThanDays ?? subsidiesSettings().SUBSIDY_WAITING_LIMIT_DAYS;
      if (!Number.isInteger(limit) || limit < 0 || limit > 365) throw new HubError(ErrorCode.BAD_USER_INPUT, 'The waiting limit is 0 to 365 days.', { field: 'waitingOlderThanDays' });
      return { regionCode: region.code, year: args.year, waitingLimitDays: limit };
    },
  }),
);
