import { DIFFICULTY_GROUPS, EMPLOYMENT_STATUSES, GENDERS, type DifficultyGroup, type EmploymentStatus } from '@hub/common';
import { builder } from '../builder';

/**
 * Entities of other services that subsidies extends. The facts eligibility needs are theirs,
 * declared `@external` and read through `@requires`; this service keeps no copy of them.
 */

// Named exactly as the residents subgraph names them: the facts are its own.
export const GenderEnum = builder.enumType('Gender', { values: GENDERS });
export const EmploymentStatusEnum = builder.enumType('EmploymentStatus', { values: EMPLOYMENT_STATUSES });
export const DifficultyGroupEnum = builder.enumType('DifficultyGroup', { values: DIFFICULTY_GROUPS });

export const RegionRef = builder.externalRef('Region', builder.selection<{ code: string }>('code')).implement({
  fields: (t) => ({ code: t.exposeID('code') }),
});

/** A person's facts, as the residents (and, for course passes, training) services give them. */
export interface ResidentFacts {
  age: number;
  gender: 'MALE' | 'FEMALE';
  employmentStatus: EmploymentStatus;
  statusSince: string;
  difficultyGroups: DifficultyGroup[];
  community: { code: string };
  accreditedCoursesPassed: number | null;
}

export const RESIDENT_FACTS = 'age gender employmentStatus statusSince difficultyGroups community { code } accreditedCoursesPassed';

export const ResidentRef = builder.externalRef('Resident', builder.selection<{ id: string }>('id'));

/** An employer's facts, as the employers (hires, district) and training (order-based graduates) services give them. */
export interface EmployerFacts {
  district: { code: string };
  hardToEmployHires: number | null;
  orderedTrainingGraduates: number | null;
}

export const EMPLOYER_FACTS = 'district { code } hardToEmployHires orderedTrainingGraduates';

export const EmployerRef = builder.externalRef('Employer', builder.selection<{ id: string }>('id'));
