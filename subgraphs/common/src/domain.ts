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

/**
 * Statutory retirement ages for the people this programme serves (male workers 60, female
 * workers 50); 4050 status and the working age end there.
 */
export const RETIREMENT_AGE = { MALE: 60, FEMALE: 50 } as const;
export const WORKING_AGE_FROM = 16;
/** 4050人员: women from 40, men from 50. */
export const FORTY_FIFTY_FROM = { MALE: 50, FEMALE: 40 } as const;
export const LONG_TERM_UNEMPLOYED_MONTHS = 6;

/** In work: employed, flexibly employed, self-employed, in a public-welfare position, or working away. */
export const EMPLOYED_STATUSES: ReadonlySet<EmploymentStatus> = new Set([
  'EMPLOYED',
  'FLEXIBLE',
  'SELF_EMPLOYED',
  'PUBLIC_WELFARE',
  'MIGRATED',
]);

/** Gone from the labour market for good (退休, 迁出, 死亡): matched, referred and enrolled to nothing. */
export const EXIT_STATUSES: ReadonlySet<EmploymentStatus> = new Set(['RETIRED', 'MOVED_AWAY', 'DECEASED']);

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
export const EDUCATION_LEVEL_DESCRIPTION = '学历 / 文化程度: level of education completed.';

/** The city the hub serves: Huludao (葫芦岛市) unless configured otherwise. */
export const cityCode = (env: NodeJS.ProcessEnv = process.env) => {
  const code = env.HUB_CITY_CODE ?? '2114';
  if (!/^\d{4}$/.test(code)) throw new Error(`Invalid configuration:\n  HUB_CITY_CODE: a four-digit city code, got "${code}"`);
  return code;
};
