import { sql } from 'drizzle-orm';
import { ErrorCode, HubError, rowsOf } from '@hub/common';
import { builder } from '../builder';
import { RegionRef } from './region';

interface MonthFigures {
  month: number;
  vacanciesPosted: number;
  vacanciesOpen: number;
  vacanciesFilled: number;
  referrals: number;
  hires: number;
  placedThroughFairs: number;
  medianDaysToFirstReferral: number | null;
  medianDaysToHire: number | null;
}

const MonthType = builder.objectRef<MonthFigures>('HiringMonth').implement({
  description: 'A month of the public employment service in a region.',
  fields: (t) => ({
    month: t.exposeInt('month'),
    vacanciesPosted: t.exposeInt('vacanciesPosted', { description: 'Vacancies located in the region, posted this month.' }),
    vacanciesOpen: t.exposeInt('vacanciesOpen', { description: 'Vacancies open at some point of the month.' }),
    vacanciesFilled: t.exposeInt('vacanciesFilled', { description: 'Vacancies whose last place was filled this month.' }),
    referrals: t.exposeInt('referrals', { description: 'Referrals of people living in the region.' }),
    hires: t.exposeInt('hires'),
    placedThroughFairs: t.exposeInt('placedThroughFairs', { description: 'Hires from referrals made at job fairs.' }),
    medianDaysToFirstReferral: t.exposeFloat('medianDaysToFirstReferral', { nullable: true, description: 'From unemployment registration to a person\'s first referral, for first referrals this month.' }),
    medianDaysToHire: t.exposeFloat('medianDaysToHire', { nullable: true, description: 'From unemployment registration to hire, for hires this month.' }),
  }),
});

builder.objectField(RegionRef, 'hiringStatistics', (t) =>
  t.field({
    type: [MonthType],
    // Nullable: a field this service adds to another's entity fails alone when it does not answer.
    nullable: true,
    authScopes: { authenticated: true },
    description: 'Per month of `year`: vacancies posted, open and filled in the region; referrals, hires and the days they took for people living in it.',
    args: { year: t.arg.int({ required: true }) },
    resolve: async (region, { year }, ctx) => {
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give a year, e.g. 2026.', { field: 'year' });
      const prefix = `${region.code}%`;
      const result = await ctx.db.execute(sql`
        with months as (
          select m as month, make_date(${year}::int, m, 1) as first_day, (make_date(${year}::int, m, 1) + interval '1 month')::date as next_day
          from generate_series(1, 12) m),
        v as (select * from employers.vacancies where location_code like ${prefix}),
        r as (select r.* from employers.referrals r join employers.jobseekers j on j.resident_id = r.resident_id where j.community_code like ${prefix}),
        firsts as (select distinct on (resident_id) resident_id, referred_on, registered_on from r order by resident_id, referred_on)
        select m.month,
          (select count(*) from v where v.posted_at >= m.first_day and v.posted_at < m.next_day)::int as "vacanciesPosted",
          (select count(*) from v where v.posted_at < m.next_day and (v.closed_at is null or v.closed_at >= m.first_day)
              and (v.valid_until is null or v.valid_until >= m.first_day))::int as "vacanciesOpen",
          (select count(*) from v where v.status = 'FILLED' and v.closed_at >= m.first_day and v.closed_at < m.next_day)::int as "vacanciesFilled",
          (select count(*) from r where r.referred_on >= m.first_day and r.referred_on < m.next_day)::int as referrals,
          (select count(*) from r where r.outcome = 'HIRED' and r.outcome_on >= m.first_day and r.outcome_on < m.next_day)::int as hires,
          (select count(*) from r where r.outcome = 'HIRED' and r.job_fair_id is not null and r.outcome_on >= m.first_day and r.outcome_on < m.next_day)::int as "placedThroughFairs",
          (select percentile_cont(0.5) within group (order by f.referred_on - f.registered_on) from firsts f
            where f.registered_on is not null and f.referred_on >= m.first_day and f.referred_on < m.next_day) as "medianDaysToFirstReferral",
          (select percentile_cont(0.5) within group (order by r.outcome_on - r.registered_on) from r
            where r.outcome = 'HIRED' and r.registered_on is not null and r.outcome_on >= m.first_day and r.outcome_on < m.next_day) as "medianDaysToHire"
        from months m order by m.month`);
      return rowsOf<MonthFigures>(result).map((row) => ({
        ...row,
        medianDaysToFirstReferral: row.medianDaysToFirstReferral === null ? null : Number(row.medianDaysToFirstReferral),
        medianDaysToHire: row.medianDaysToHire === null ? null : Number(row.medianDaysToHire),
      }));
    },
  }),
);
