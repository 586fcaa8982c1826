import { builder } from '../builder';
import { DECLARED_GROUPS, DIFFICULTY_GROUPS, EDUCATION_LEVEL_DESCRIPTION, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from '@hub/common';

export const GenderEnum = builder.enumType('Gender', { values: GENDERS });

export const RegionLevelEnum = builder.enumType('RegionLevel', {
  description: '市 / 县(市)区 / 街道(乡镇) / 社区(村)',
  values: ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY'] as const,
});

export const CommunityKindEnum = builder.enumType('CommunityKind', {
  description: 'URBAN: 社区 (urban community); VILLAGE: 村 (administrative village); OTHER: anything else.',
  values: ['URBAN', 'VILLAGE', 'OTHER'] as const,
});

export const EmploymentStatusEnum = builder.enumType('EmploymentStatus', {
  description: 'Where a person stands in the real-name register. MIGRATED: working away from home (转移就业).',
  values: EMPLOYMENT_STATUSES,
});

export const DifficultyGroupEnum = builder.enumType('DifficultyGroup', {
  description:
    '就业困难人员 groups. FORTY_FIFTY: 4050人员; ZERO_EMPLOYMENT_HOUSEHOLD: member of a 零就业家庭; ' +
    'LONG_TERM_UNEMPLOYED: unemployed six months or more; DISABLED and POOR_FAMILY_GRADUATE are declared.',
  values: DIFFICULTY_GROUPS,
});

export const DeclaredGroupEnum = builder.enumType('DeclaredGroup', {
  description: 'Groups that cannot be derived from the register and are recorded with evidence.',
  values: DECLARED_GROUPS,
});

export const WorkTimeEnum = builder.enumType('WorkTime', { values: ['FULL_TIME', 'PART_TIME', 'EITHER'] as const });

export const EducationLevelEnum = builder.enumType('EducationLevel', { description: EDUCATION_LEVEL_DESCRIPTION, values: EDUCATION_LEVELS });
