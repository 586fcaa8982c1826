import { addMonths, ageOn } from './identifiers';
import {
  EMPLOYED_STATUSES,
  FORTY_FIFTY_FROM,
  LONG_TERM_UNEMPLOYED_MONTHS,
  RETIREMENT_AGE,
  WORKING_AGE_FROM,
  type DeclaredGroup,
  type DifficultyGroup,
  type EmploymentStatus,
} from './domain';

/** 就业困难人员 rules, shared by contract: the residents service owns the facts, others read them. */

/** What the group rules read of a person. */
export interface GroupFacts {
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  employmentStatus: EmploymentStatus;
  statusSince: string;
  declaredGroups: DeclaredGroup[];
}

export function isWorkingAge(person: Pick<GroupFacts, 'gender' | 'birthDate'>, asOf: string): boolean {
  const age = ageOn(person.birthDate, asOf);
  return age >= WORKING_AGE_FROM && age < RETIREMENT_AGE[person.gender];
}

/** 零就业家庭: at least one able, willing, working-age member and nobody in work. */
export function isZeroEmploymentHousehold(members: GroupFacts[], asOf: string): boolean {
  const willing = members.filter((m) => m.employmentStatus === 'UNEMPLOYED' && isWorkingAge(m, asOf));
  return willing.length > 0 && !members.some((m) => EMPLOYED_STATUSES.has(m.employmentStatus));
}

/**
 * The groups a person belongs to on `asOf`, derived where rules allow and declared otherwise.
 * Whether the household is zero-employment is the household's fact, given by the caller.
 */
export function difficultyGroups(person: GroupFacts, zeroEmploymentHousehold: boolean, asOf: string): DifficultyGroup[] {
  const groups: DifficultyGroup[] = [];
  const unemployed = person.employmentStatus === 'UNEMPLOYED';
  const age = ageOn(person.birthDate, asOf);
  if (unemployed && age >= FORTY_FIFTY_FROM[person.gender] && age < RETIREMENT_AGE[person.gender]) groups.push('FORTY_FIFTY');
  if (zeroEmploymentHousehold) groups.push('ZERO_EMPLOYMENT_HOUSEHOLD');
  if (unemployed && addMonths(person.statusSince, LONG_TERM_UNEMPLOYED_MONTHS) <= asOf) groups.push('LONG_TERM_UNEMPLOYED');
  groups.push(...person.declaredGroups);
  return groups;
}
