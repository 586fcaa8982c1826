/** The plain objects the seeding script sends to the GraphQL mutations, one shape per mutation input. */

import type { Education } from './vocabulary';

export type Gender = 'MALE' | 'FEMALE';

export type EmploymentStatus =
  | 'UNEMPLOYED'
  | 'EMPLOYED'
  | 'FLEXIBLE'
  | 'SELF_EMPLOYED'
  | 'PUBLIC_WELFARE'
  | 'MIGRATED'
  | 'NOT_IN_LABOUR_FORCE'
  | 'RETIRED';

export type DeclaredGroup = 'DISABLED' | 'POOR_FAMILY_GRADUATE';

export type WorkTime = 'FULL_TIME' | 'PART_TIME' | 'EITHER';

export type CourseMode = 'ORDER_BASED' | 'TARGETED' | 'GENERAL';

/** A 12-digit community (社区) or village (村) code and its 6-digit district. */
export interface DemoCommunity {
  code: string;
  name: string;
  districtCode: string;
}

export interface DemoSkill {
  name: string;
  certificateLevel: number | null;
}

export interface DemoJobIntention {
  occupations: string[];
  keywords: string[];
  districtCodes: string[];
  minMonthlyWage: number | null;
  workTime: WorkTime;
}

export interface DemoResident {
  name: string;
  identityNumber: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  phone: string | null;
  employmentStatus: EmploymentStatus;
  statusSince: string;
  skills: DemoSkill[];
  jobIntention: DemoJobIntention | null;
  declaredGroups: DeclaredGroup[];
}

export interface DemoHousehold {
  communityCode: string;
  address: string;
  members: DemoResident[];
}

export interface DemoEmployer {
  /** Stable local key such as E001, for vacancies and courses to refer to before the server assigns ids. */
  key: string;
  creditCode: string;
  name: string;
  industry: string;
  districtCode: string;
  contactName: string;
  contactPhone: string;
}

export interface DemoVacancy {
  key: string;
  employerKey: string;
  title: string;
  occupation: string;
  description: string;
  skills: string[];
  headcount: number;
  wageMin: number;
  wageMax: number;
  /** A 12-digit community code in the employer's district. */
  locationCode: string;
  genderRequirement: Gender | null;
  genderReason: string | null;
  ageMin: number | null;
  ageMax: number | null;
  minEducation: Education | null;
  publicWelfare: boolean;
}

export interface DemoTrainingCentre {
  key: string;
  name: string;
  districtCode: string;
  accreditationNumber: string;
  /** 核准培训工种: the trades it may teach, those of its courses. */
  trades: string[];
}

export interface DemoCourse {
  key: string;
  centreKey: string;
  title: string;
  mode: CourseMode;
  skills: string[];
  startDate: string;
  endDate: string;
  capacity: number;
  locationCode: string;
  employerKey: string | null;
  vacancyKey: string | null;
  committedHires: number | null;
  targetOccupation: string | null;
  /** The trade (工种) taught: the occupation trained for, or the general course's own. */
  trade: string;
}

export interface DemoData {
  households: DemoHousehold[];
  employers: DemoEmployer[];
  vacancies: DemoVacancy[];
  centres: DemoTrainingCentre[];
  courses: DemoCourse[];
}
