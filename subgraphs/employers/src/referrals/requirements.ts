import { ageOn, difficultyGroups, EDUCATION_LEVELS, EXIT_STATUSES } from '@hub/common';
import type { jobseekers, vacancies } from '../db/schema';

type Jobseeker = typeof jobseekers.$inferSelect;
type Vacancy = typeof vacancies.$inferSelect;

export interface FailedRequirement {
  requirement: 'AVAILABILITY' | 'GENDER' | 'AGE' | 'EDUCATION' | 'HARD_TO_EMPLOY';
  message: string;
}

const EDUCATION_WORDS: Record<string, string> = {
  NONE: 'no schooling', PRIMARY: 'primary school', JUNIOR_SECONDARY: 'junior secondary', SENIOR_SECONDARY: 'senior secondary',
  VOCATIONAL: 'vocational school', COLLEGE: 'college', BACHELOR: "a bachelor's degree", MASTER: "a master's degree",
};

/** Every requirement of the vacancy the person does not meet on `on`, each in words a coordinator can read out. */
export function failedRequirements(person: Jobseeker, vacancy: Vacancy, on: string): FailedRequirement[] {
  const failed: FailedRequirement[] = [];
  if (EXIT_STATUSES.has(person.employmentStatus)) {
    failed.push({ requirement: 'AVAILABILITY', message: `The person is ${person.employmentStatus.toLowerCase().replace('_', ' ')} and cannot be referred.` });
  }
  if (vacancy.genderRequirement && vacancy.genderRequirement !== person.gender) {
    failed.push({ requirement: 'GENDER', message: `The vacancy is for ${vacancy.genderRequirement === 'FEMALE' ? 'women' : 'men'} only (${vacancy.genderReason}).` });
  }
  const age = ageOn(person.birthDate, on);
  if ((vacancy.ageMin !== null && age < vacancy.ageMin) || (vacancy.ageMax !== null && age > vacancy.ageMax)) {
    failed.push({ requirement: 'AGE', message: `The vacancy asks for ages ${vacancy.ageMin ?? 16} to ${vacancy.ageMax ?? 70}; the person is ${age}.` });
  }
  if (vacancy.minEducation) {
    const wanted = EDUCATION_LEVELS.indexOf(vacancy.minEducation);
    if (person.education === null) {
      failed.push({ requirement: 'EDUCATION', message: `The vacancy asks for at least ${EDUCATION_WORDS[vacancy.minEducation]}; the person's education is not recorded.` });
    } else if (EDUCATION_LEVELS.indexOf(person.education) < wanted) {
      failed.push({ requirement: 'EDUCATION', message: `The vacancy asks for at least ${EDUCATION_WORDS[vacancy.minEducation]}; the person has ${EDUCATION_WORDS[person.education]}.` });
    }
  }
  if (vacancy.publicWelfare && difficultyGroups(person, person.zeroEmploymentHousehold, on).length === 0) {
    failed.push({ requirement: 'HARD_TO_EMPLOY', message: 'Public-welfare positions are for hard-to-employ people (4050, disabled, long-term unemployed, zero-employment households, poor-family graduates); the person is in none of these groups.' });
  }
  return failed;
}
