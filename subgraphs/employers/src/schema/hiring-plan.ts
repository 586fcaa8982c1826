import { and, eq, sql } from 'drizzle-orm';
import { ErrorCode, HubError, rowsOf } from '@hub/common';
import { builder } from '../builder';
import type { EmployersDb } from '../db';
import { hiringPlanLines } from '../db/schema';
import { requireEmployerManager } from '../access/policy';
import { EmployerType } from './employer';

interface PlanLine {
  occupation: string;
  month: number;
  headcount: number;
  filled: number;
}

/** The plan's lines with the hires the employer's vacancies of each occupation made that month. */
async function planOf(db: EmployersDb, employerId: string, year: number) {
  const result = await db.execute(sql`
    select l.occupation, l.month, l.headcount,
      (select count(*)::int from employers.referrals r join employers.vacancies v on v.id = r.vacancy_id
        where v.employer_id = l.employer_id and v.occupation = l.occupation and r.outcome = 'HIRED'
          and extract(year from r.outcome_on) = l.year and extract(month from r.outcome_on) = l.month) as filled
    from employers.hiring_plan_lines l
    where l.employer_id = ${employerId} and l.year = ${year}
    order by l.month, l.occupation`);
  return { year, lines: rowsOf<PlanLine>(result) };
}

const PlanLineType = builder.objectRef<PlanLine>('HiringPlanLine').implement({
  fields: (t) => ({
    occupation: t.exposeString('occupation'),
    month: t.exposeInt('month'),
    headcount: t.exposeInt('headcount', { description: 'People the employer plans to hire.' }),
    filled: t.exposeInt('filled', { description: 'Hires recorded for this occupation in this month.' }),
  }),
});

const PlanType = builder.objectRef<{ year: number; lines: PlanLine[] }>('HiringPlan').implement({
  description: '年度用工计划: hires planned by occupation and month, and how many were made.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    lines: t.field({ type: [PlanLineType], resolve: (p) => p.lines }),
    planned: t.int({ resolve: (p) => p.lines.reduce((n, l) => n + l.headcount, 0) }),
    filled: t.int({ description: 'Planned places filled (hires beyond a line\'s plan do not count twice).', resolve: (p) => p.lines.reduce((n, l) => n + Math.min(l.filled, l.headcount), 0) }),
  }),
});

builder.objectField(EmployerType, 'hiringPlan', (t) =>
  t.field({
    type: PlanType,
    args: { year: t.arg.int({ required: true }) },
    resolve: (employer, { year }, ctx) => planOf(ctx.db, employer.id, year),
  }),
);

const PlanLineInput = builder.inputType('HiringPlanLineInput', {
  fields: (t) => ({
    occupation: t.string({ required: true }),
    month: t.int({ required: true, description: '1 to 12.' }),
    headcount: t.int({ required: true }),
  }),
});

builder.mutationField('setHiringPlan', (t) =>
  t.field({
    type: PlanType,
    description: 'Replaces an employer\'s hiring plan for a year: by the employer itself, or by staff.',
    args: {
      employerId: t.arg.id({ required: true }),
      year: t.arg.int({ required: true }),
      lines: t.arg({ type: [PlanLineInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const employerId = String(args.employerId);
      await requireEmployerManager(ctx, employerId);
      if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give the plan\'s year, e.g. 2027.', { field: 'year' });
      const seen = new Set<string>();
      const lines = args.lines.map((l) => {
        const occupation = l.occupation.trim();
        if (!occupation) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Each line names an occupation.', { field: 'lines' });
        if (!Number.isInteger(l.month) || l.month < 1 || l.month > 12) throw new HubError(ErrorCode.BAD_USER_INPUT, `Month ${l.month} is not 1 to 12.`, { field: 'lines' });
        if (!Number.isInteger(l.headcount) || l.headcount < 1) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Each line plans at least one hire.', { field: 'lines' });
        const key = `${occupation}/${l.month}`;
        if (seen.has(key)) throw new HubError(ErrorCode.BAD_USER_INPUT, `${occupation} appears twice for month ${l.month}.`, { field: 'lines' });
        seen.add(key);
        return { employerId, year: args.year, occupation, month: l.month, headcount: l.headcount };
      });
      await ctx.db.transaction(async (tx) => {
        await tx.delete(hiringPlanLines).where(and(eq(hiringPlanLines.employerId, employerId), eq(hiringPlanLines.year, args.year)));
        if (lines.length) await tx.insert(hiringPlanLines).values(lines);
      });
      return planOf(ctx.db, employerId, args.year);
    },
  }),
);
