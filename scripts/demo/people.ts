/**
 * Households and their members for the real-name register (实名制登记), with the hard-to-employ
 * groups the register must find: 零就业家庭, 4050人员, the long-term unemployed, people with
 * disabilities and graduates from poor families.
 */
import { ageOn, EMPLOYED_STATUSES, FORTY_FIFTY_FROM, RETIREMENT_AGE } from '@hub/common';
import { identityNumber, mobile, type Registry } from './codes';
import { addDays, addYears, dayNumber, earlierOf, isoDay, laterOf } from './dates';
import { givenName, surname } from './names';
import { householdAddress, type CommunityPool } from './places';
import type { Rng } from './random';
import type {
  DeclaredGroup,
  DemoHousehold,
  DemoJobIntention,
  DemoResident,
  DemoSkill,
  EmploymentStatus,
  Gender,
  WorkTime,
} from './types';
import { occupations, preferenceKeywords, type Occupation } from './vocabulary';

/** 零就业家庭, made on purpose: no others arise (see keepSomeoneInWork). */
const ZERO_EMPLOYMENT_SHARE = 0.025;
const HOUSEHOLD_SIZES: [number, number][] = [[1, 12], [2, 30], [3, 32], [4, 18], [5, 8]];
/** The north-east is ageing: household heads are mostly over forty. */
const HEAD_AGES: [[number, number], number][] = [[[22, 29], 10], [[30, 39], 18], [[40, 49], 22], [[50, 59], 22], [[60, 70], 18]];

type Weights = [EmploymentStatus, number][];
const STATUS_WEIGHTS = {
  retired: [['RETIRED', 85], ['FLEXIBLE', 6], ['EMPLOYED', 4], ['SELF_EMPLOYED', 3], ['NOT_IN_LABOUR_FORCE', 2]],
  /** 16 to 18: mostly at school. */
  school: [['NOT_IN_LABOUR_FORCE', 85], ['UNEMPLOYED', 6], ['FLEXIBLE', 5], ['EMPLOYED', 4]],
  /** 19 to 22: half at college. */
  college: [['NOT_IN_LABOUR_FORCE', 50], ['EMPLOYED', 20], ['UNEMPLOYED', 13], ['MIGRATED', 9], ['FLEXIBLE', 8]],
  prime: [
    ['EMPLOYED', 45], ['FLEXIBLE', 13], ['SELF_EMPLOYED', 8], ['MIGRATED', 12], ['UNEMPLOYED', 13],
    ['PUBLIC_WELFARE', 1.5], ['NOT_IN_LABOUR_FORCE', 4],
  ],
  /** 4050: harder to place, and the main users of public-welfare positions. */
  fortyFifty: [
    ['EMPLOYED', 35], ['FLEXIBLE', 16], ['SELF_EMPLOYED', 8], ['MIGRATED', 6], ['UNEMPLOYED', 20],
    ['PUBLIC_WELFARE', 4], ['NOT_IN_LABOUR_FORCE', 6],
  ],
  disabled: [
    ['EMPLOYED', 20], ['FLEXIBLE', 20], ['SELF_EMPLOYED', 6], ['UNEMPLOYED', 30], ['PUBLIC_WELFARE', 8],
    ['NOT_IN_LABOUR_FORCE', 16],
  ],
  poorGraduate: [['UNEMPLOYED', 45], ['EMPLOYED', 35], ['FLEXIBLE', 10], ['MIGRATED', 10]],
} satisfies Record<string, Weights>;

const OUT_OF_LABOUR_FORCE = new Set<EmploymentStatus>(['RETIRED', 'NOT_IN_LABOUR_FORCE']);

/** People mostly work in trades common for their gender; the rest are open to anyone. */
const OCCUPATION_WEIGHTS: Record<Gender, [Occupation, number][]> = {
  MALE: occupations.map((o) => [o, o.mostly === 'MALE' ? 4 : o.mostly === 'FEMALE' ? 1 : 2]),
  FEMALE: occupations.map((o) => [o, o.mostly === 'FEMALE' ? 4 : o.mostly === 'MALE' ? 1 : 2]),
};
const PUBLIC_WELFARE_OCCUPATIONS = occupations.filter((o) => o.publicWelfare);

export interface PeopleContext {
  rng: Rng;
  pool: CommunityPool;
  today: string;
  identities: Registry;
  phones: Registry;
  addresses: Registry;
}

/** Households until exactly `residents` people exist; the last one is cut to fit. */
export function generateHouseholds(ctx: PeopleContext, residents: number): DemoHousehold[] {
  const { rng } = ctx;
  const households: DemoHousehold[] = [];
  let remaining = residents;
  while (remaining > 0) {
    const size = Math.min(rng.weighted(HOUSEHOLD_SIZES), remaining);
    const community = ctx.pool.pick(rng);
    const zeroEmployment = rng.chance(ZERO_EMPLOYMENT_SHARE);
    const people = familyOf(rng, size, zeroEmployment).map((sketch) => personFrom(rng, sketch, ctx.today, zeroEmployment));
    if (!zeroEmployment) keepSomeoneInWork(people);
    households.push({
      communityCode: community.code,
      address: householdAddress(rng, ctx.addresses, community),
      members: people.map((person) => resident(ctx, person, community.districtCode)),
    });
    remaining -= size;
  }
  return households;
}

interface Sketch {
  gender: Gender;
  age: number;
  surname: string;
}

const otherGender = (g: Gender): Gender => (g === 'MALE' ? 'FEMALE' : 'MALE');
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const coin = (rng: Rng): Gender => (rng.chance(0.5) ? 'MALE' : 'FEMALE');

/** A head, usually a spouse, then grown children, the head's parents or a sibling. Everyone is 16 to 70. */
function familyOf(rng: Rng, size: number, zeroEmployment: boolean): Sketch[] {
  const [low, high] = rng.weighted(HEAD_AGES);
  // A zero-employment household needs a working-age adult, and 25-48 is working age for both genders.
  const head: Sketch = {
    gender: rng.chance(0.6) ? 'MALE' : 'FEMALE',
    age: zeroEmployment ? rng.int(25, 48) : rng.int(low, high),
    surname: surname(rng),
  };
  const members = [head];
  if (size >= 2 && rng.chance(0.9)) {
    const gap = rng.int(0, 5);
    members.push({
      gender: otherGender(head.gender),
      // Husbands are usually a little older than their wives.
      age: clamp(head.age + (head.gender === 'MALE' ? -gap : gap), 20, 70),
      surname: surname(rng),
    });
  }
  const childrenSurname = members.find((m) => m.gender === 'MALE')?.surname ?? head.surname;
  while (members.length < size) {
    const childAge = head.age - rng.int(22, 32);
    const parentAge = head.age + rng.int(22, 30);
    if (childAge >= 16 && rng.chance(0.8)) {
      members.push({ gender: coin(rng), age: childAge, surname: childrenSurname });
    } else if (parentAge <= 70) {
      // Widowed mothers outnumber fathers; a mother keeps her own surname.
      const gender: Gender = rng.chance(0.6) ? 'FEMALE' : 'MALE';
      members.push({ gender, age: parentAge, surname: gender === 'MALE' ? head.surname : surname(rng) });
    } else {
      members.push({ gender: coin(rng), age: clamp(head.age + rng.int(-6, 6), 16, 70), surname: head.surname });
    }
  }
  return members;
}

interface Person extends Sketch {
  birthDate: string;
  declaredGroups: DeclaredGroup[];
  status: EmploymentStatus;
}

function personFrom(rng: Rng, sketch: Sketch, today: string, zeroEmployment: boolean): Person {
  const birthDate = between(rng, addDays(addYears(today, -(sketch.age + 1)), 1), addYears(today, -sketch.age));
  // Equal to sketch.age except where 29 February shifts a birthday.
  const age = ageOn(birthDate, today);
  const declaredGroups: DeclaredGroup[] = [];
  if (rng.chance(0.02)) declaredGroups.push('DISABLED');
  if (age >= 21 && age <= 26 && rng.chance(0.07)) declaredGroups.push('POOR_FAMILY_GRADUATE');
  return { ...sketch, age, birthDate, declaredGroups, status: statusFor(rng, sketch.gender, age, declaredGroups, zeroEmployment) };
}

/**
 * Zero-employment households are made on purpose and kept rare, as the 动态清零 policy keeps them
 * in practice: elsewhere, when nobody in a household works, its first unemployed member has taken
 * flexible work.
 */
function keepSomeoneInWork(people: Person[]): void {
  if (people.some((p) => EMPLOYED_STATUSES.has(p.status))) return;
  const jobseeker = people.find((p) => p.status === 'UNEMPLOYED');
  if (jobseeker) jobseeker.status = 'FLEXIBLE';
}

function resident(ctx: PeopleContext, person: Person, districtCode: string): DemoResident {
  const { rng, today } = ctx;
  const { gender, age, birthDate, status: employmentStatus } = person;
  const inLabourForce = !OUT_OF_LABOUR_FORCE.has(employmentStatus);
  // Someone in a public-welfare post is doing one of those jobs, whatever their earlier trade.
  const occupation = !inLabourForce
    ? null
    : employmentStatus === 'PUBLIC_WELFARE'
      ? rng.pick(PUBLIC_WELFARE_OCCUPATIONS)
      : rng.weighted(OCCUPATION_WEIGHTS[gender]);
  const fortyFifty = employmentStatus === 'UNEMPLOYED' && age >= FORTY_FIFTY_FROM[gender];

  return {
    name: person.surname + givenName(rng, gender, Number(birthDate.slice(0, 4))),
    identityNumber: identityNumber(rng, ctx.identities, districtCode, birthDate, gender),
    gender,
    birthDate,
    phone: rng.chance(age < 19 ? 0.6 : age >= 60 ? 0.8 : 0.95) ? mobile(rng, ctx.phones) : null,
    employmentStatus,
    statusSince: statusSince(rng, employmentStatus, birthDate, gender, today),
    skills: occupation ? skillsIn(rng, occupation) : [],
    jobIntention:
      occupation && employmentStatus === 'UNEMPLOYED'
        ? intention(rng, occupation, fortyFifty && gender === 'FEMALE', fortyFifty, districtCode, ctx.pool.districts)
        : null,
    declaredGroups: person.declaredGroups,
  };
}

function statusFor(rng: Rng, gender: Gender, age: number, declared: DeclaredGroup[], zeroEmployment: boolean): EmploymentStatus {
  const retired = age >= RETIREMENT_AGE[gender];
  if (zeroEmployment) return retired ? 'RETIRED' : 'UNEMPLOYED';
  if (retired) return rng.weighted(STATUS_WEIGHTS.retired);
  if (declared.includes('DISABLED')) return rng.weighted(STATUS_WEIGHTS.disabled);
  if (declared.includes('POOR_FAMILY_GRADUATE')) return rng.weighted(STATUS_WEIGHTS.poorGraduate);
  if (age <= 18) return rng.weighted(STATUS_WEIGHTS.school);
  if (age <= 22) return rng.weighted(STATUS_WEIGHTS.college);
  if (age >= FORTY_FIFTY_FROM[gender]) return rng.weighted(STATUS_WEIGHTS.fortyFifty);
  return rng.weighted(STATUS_WEIGHTS.prime);
}

/** A day from `from` to `to`, both included. */
function between(rng: Rng, from: string, to: string): string {
  return isoDay(rng.int(dayNumber(from), dayNumber(to)));
}

/**
 * Never before the 16th birthday. 40% of the unemployed have been so for over 200 days, which is
 * past six months however the months fall; the rest for under 150 days, which never reaches six.
 */
function statusSince(rng: Rng, status: EmploymentStatus, birthDate: string, gender: Gender, today: string): string {
  const adult = addYears(birthDate, 16);
  if (status === 'RETIRED') return earlierOf(addYears(birthDate, RETIREMENT_AGE[gender]), today);
  if (status === 'UNEMPLOYED') {
    const longTermBy = addDays(today, -200);
    if (adult <= longTermBy && rng.chance(0.4)) return between(rng, laterOf(adult, addYears(today, -3)), longTermBy);
    return between(rng, laterOf(adult, addDays(today, -150)), today);
  }
  return between(rng, laterOf(adult, addYears(today, -12)), today);
}

function skillsIn(rng: Rng, occupation: Occupation): DemoSkill[] {
  return rng
    .sample(occupation.skills, rng.int(1, Math.min(3, occupation.skills.length)))
    .map((name) => ({ name, certificateLevel: rng.chance(0.4) ? rng.int(3, 5) : null }));
}

const round100 = (n: number) => Math.round(n / 100) * 100;

function intention(
  rng: Rng,
  occupation: Occupation,
  prefersPartTime: boolean,
  fortyFifty: boolean,
  districtCode: string,
  districts: string[],
): DemoJobIntention {
  const wanted = new Set([occupation.name]);
  for (const other of rng.sample(occupations, rng.int(0, 2))) wanted.add(other.name);
  // Many 4050 jobseekers ask for a public-welfare post (保洁, 绿化, 家政) near home.
  if (fortyFifty && rng.chance(0.5)) wanted.add(rng.pick(PUBLIC_WELFARE_OCCUPATIONS).name);

  // Most look near home, some would also commute to another district, a few name none (anywhere).
  const elsewhere = districts.filter((d) => d !== districtCode);
  const reach = rng.next();
  const districtCodes = reach < 0.1 ? [] : reach < 0.25 && elsewhere.length ? [districtCode, rng.pick(elsewhere)] : [districtCode];

  const workTime = rng.weighted<WorkTime>(
    prefersPartTime ? [['FULL_TIME', 3], ['PART_TIME', 3], ['EITHER', 4]] : [['FULL_TIME', 6], ['PART_TIME', 1], ['EITHER', 3]],
  );
  return {
    occupations: [...wanted],
    keywords: rng.sample(preferenceKeywords, rng.int(0, 2)),
    districtCodes,
    minMonthlyWage: clamp(round100(occupation.wage[0] * (0.8 + 0.3 * rng.next())), 1800, 5000),
    workTime,
  };
}
