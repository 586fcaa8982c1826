import { sql } from 'drizzle-orm';
import { EMPLOYED_STATUSES, FORTY_FIFTY_FROM, LONG_TERM_UNEMPLOYED_MONTHS, RETIREMENT_AGE, WORKING_AGE_FROM } from '@hub/common';
import { rowsOf } from '@hub/common';
import type { ResidentsDb } from '../db';

export interface RegionFigures {
  /** Able and willing labour force: working age, and in work or registered/seeking as unemployed. */
  labourForce: number;
  employed: number;
  unemployed: number;
  zeroEmploymentHouseholds: number;
  fortyFifty: number;
  longTermUnemployed: number;
  openCases: number;
}

export const emptyFigures = (): RegionFigures => ({
  labourForce: 0,
  employed: 0,
  unemployed: 0,
  zeroEmploymentHouseholds: 0,
  fortyFifty: 0,
  longTermUnemployed: 0,
  openCases: 0,
});

export function addFigures(into: RegionFigures, more: RegionFigures) {
  for (const key of Object.keys(into) as (keyof RegionFigures)[]) into[key] += more[key];
  return into;
}

export const employmentRate = (f: RegionFigures) => (f.labourForce ? f.employed / f.labourForce : null);

const inList = (values: Iterable<string>) => sql.join([...values].map((v) => sql`${v}`), sql`, `);
/** Rule constants are written into the SQL as literals: they are code, not input, and typed parameters would need casts. */
const n = (value: number) => sql.raw(String(Math.trunc(value)));

/**
 * Every community's figures on `asOf`, in one pass over the register. The same rules as
 * groups.ts, written as SQL so a city of 100,000 people is counted in the database.
 */
export async function communityFigures(db: ResidentsDb, cityCode: string, asOf: string): Promise<Map<string, RegionFigures>> {
  const age = sql`extract(year from age(${asOf}::date, r.birth_date))::int`;
  const workingAge = sql`(${age} >= ${n(WORKING_AGE_FROM)} and ${age} < case r.gender when 'MALE' then ${n(RETIREMENT_AGE.MALE)} else ${n(RETIREMENT_AGE.FEMALE)} end)`;
  const inWork = sql`r.employment_status in (${inList(EMPLOYED_STATUSES)})`;
  const unemployed = sql`r.employment_status = 'UNEMPLOYED'`;
  const fortyFifty = sql`(${unemployed} and ${age} >= case r.gender when 'MALE' then ${n(FORTY_FIFTY_FROM.MALE)} else ${n(FORTY_FIFTY_FROM.FEMALE)} end
    and ${age} < case r.gender when 'MALE' then ${n(RETIREMENT_AGE.MALE)} else ${n(RETIREMENT_AGE.FEMALE)} end)`;
  const longTerm = sql`(${unemployed} and (r.status_since + make_interval(months => ${n(LONG_TERM_UNEMPLOYED_MONTHS)}))::date <= ${asOf}::date)`;
  const prefix = `${cityCode}%`;
  type PeopleRow = { community: string; labour: number; employed: number; unemployed: number; forty_fifty: number; long_term: number };
  const people = await db.execute(sql`
    select r.community_code as community,
      count(*) filter (where ${workingAge} and (${inWork} or ${unemployed}))::int as labour,
      count(*) filter (where ${workingAge} and ${inWork})::int as employed,
      count(*) filter (where ${workingAge} and ${unemployed})::int as unemployed,
      count(*) filter (where ${fortyFifty})::int as forty_fifty,
      count(*) filter (where ${longTerm})::int as long_term
    from residents.residents r
    where r.community_code like ${prefix}
    group by r.community_code`);
  const zero = await db.execute(sql`
    select community, count(*)::int as households from (
      select min(r.community_code) as community,
        bool_or(${unemployed} and ${workingAge}) as willing,
        bool_or(${inWork}) as working
      from residents.residents r
      where r.community_code like ${prefix}
      group by r.household_id) h
    where willing and not working
    group by community`);
  const cases = await db.execute(sql`
    select community_code as community, count(*)::int as open from residents.assistance_cases
    where status = 'OPEN' and community_code like ${prefix} group by community_code`);

  const figures = new Map<string, RegionFigures>();
  const of = (code: string) => {
    let f = figures.get(code);
    if (!f) figures.set(code, (f = emptyFigures()));
    return f;
  };
  for (const row of rowsOf<PeopleRow>(people)) {
    Object.assign(of(row.community), {
      labourForce: row.labour,
      employed: row.employed,
      unemployed: row.unemployed,
      fortyFifty: row.forty_fifty,
      longTermUnemployed: row.long_term,
    });
  }
  for (const row of rowsOf<{ community: string; households: number }>(zero)) of(row.community).zeroEmploymentHouseholds = row.households;
  for (const row of rowsOf<{ community: string; open: number }>(cases)) of(row.community).openCases = row.open;
  return figures;
}
