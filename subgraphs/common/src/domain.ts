/**
 * Domain vocabularies shared by contract between services: the residents subgraph owns the
 * facts, other subgraphs read them through federation and must name them identically.
 */

export const GENDERS = ['MALE', 'FEMALE'] as const;

/** Where a person stands in the real-name register. MIGRATED: working away from home (转移就业). */
export const EMPLOYMENT_STATUSES = [
  'UNEMPLOYED',
  'EMPLOYED',
  'FLEXIBLE',
  'SELF_EMPLOYED',
  'PUBLIC_WELFARE',
  'MIGRATED',
  'NOT_IN_LABOUR_FORCE',
  'RETIRED',
  'MOVED_AWAY',
  'DECEASED',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Groups recorded with evidence because the register cannot derive them. */
export const DECLARED_GROUPS = ['DISABLED', 'POOR_FAMILY_GRADUATE'] as const;
export type DeclaredGroup = (typeof DECLARED_GROUPS)[number];

/** 就业困难人员 groups. */
export const DIFFICULTY_GROUPS = ['FORTY_FIFTY', 'ZERO_EMPLOYMENT_HOUSEHOLD', 'LONG_TERM_UNEMPLOYED', ...DECLARED_GROUPS] as const;
export type DifficultyGroup = (typeof DIFFICULTY_GROUPS)[number];

export const EDUCATION_LEVELS = [
  'NONE',
  'PRIMARY',
  'JUNIOR_SECONDARY',
  'SENIOR_SECONDARY',
  'VOCATIONAL',
  'COLLEGE',
  'BACHELOR',
  'MASTER',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** The city the hub serves: Huludao (葫芦岛市) unless configured otherwise. */
export const cityCode = (env: NodeJS.ProcessEnv = process.env) => {
  const code = env.HUB_CITY_CODE ?? '2114';
  if (!/^\d{4}$/.test(code)) throw new Error(`Invalid configuration:\n  HUB_CITY_CODE: a four-digit city code, got "${code}"`);
  return code;
};
