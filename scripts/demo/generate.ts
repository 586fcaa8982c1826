/**
 * Deterministic demo data for the Huludao employment hub: households and residents, employers
 * and vacancies, training centres and courses, as plain objects for the seeding script to send
 * to the GraphQL mutations. No I/O; the same options give byte-identical output.
 */
import { isCalendarDate } from '@hub/common';
import { Registry } from './codes';
import { generateEmployers, generateVacancies } from './jobs';
import { generateHouseholds } from './people';
import { CommunityPool } from './places';
import { Rng } from './random';
import { generateCentres, generateCourses, withTrades } from './training';
import type { DemoCommunity, DemoData } from './types';

export type * from './types';

export interface DemoOptions {
  seed: number;
  /** The real communities and villages (社区/村) to put households, vacancies and courses in. */
  communities: DemoCommunity[];
  residents: number;
  employers: number;
  vacancies: number;
  centres: number;
  courses: number;
  /** YYYY-MM-DD: ages, status dates and course dates are reckoned from it, never from the clock. */
  today: string;
}

export function generateDemoData(options: DemoOptions): DemoData {
  check(options);
  const { seed, today } = options;
  const pool = new CommunityPool(options.communities);
  // Phones are shared so no employer contact has a resident's number.
  const phones = new Registry('mobile numbers');

  const households = generateHouseholds(
    {
      rng: Rng.stream(seed, 'households'),
      pool,
      today,
      identities: new Registry('identity numbers'),
      phones,
      addresses: new Registry('addresses'),
    },
    options.residents,
  );

  const jobs = {
    rng: Rng.stream(seed, 'employers'),
    pool,
    phones,
    creditCodes: new Registry('credit codes'),
    names: new Registry('company names'),
  };
  const employers = generateEmployers(jobs, options.employers);
  const vacancies = generateVacancies({ ...jobs, rng: Rng.stream(seed, 'vacancies') }, options.vacancies, employers);

  const training = {
    rng: Rng.stream(seed, 'training'),
    pool,
    today,
    names: new Registry('training centre names'),
    accreditations: new Registry('accreditation numbers'),
  };
  const centres = generateCentres(training, options.centres);
  const courses = generateCourses(training, options.courses, centres, employers, vacancies);

  return { households, employers, vacancies, centres: withTrades(centres, courses), courses };
}

/** Fails early with a message the person running the seed script can act on. */
function check(options: DemoOptions): void {
  if (!Number.isInteger(options.seed)) throw new Error(`The seed must be an integer, not ${options.seed}.`);
  if (!isCalendarDate(options.today)) throw new Error(`today must be a date like 2025-06-30, not "${options.today}".`);
  for (const key of ['residents', 'employers', 'vacancies', 'centres', 'courses'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 0) throw new Error(`${key} must be a whole number, not ${options[key]}.`);
  }
  if (options.communities.length === 0) throw new Error('Give at least one community to put the demo data in.');
  for (const c of options.communities) {
    if (!/^\d{12}$/.test(c.code) || !/^\d{6}$/.test(c.districtCode) || !c.code.startsWith(c.districtCode)) {
      throw new Error(`Community ${c.code} (${c.name}) needs a 12-digit code that starts with its 6-digit district code.`);
    }
  }
}
