import { and, asc, eq, gt, inArray, isNull, or, gte } from 'drizzle-orm';
import { EDUCATION_LEVELS, todayIso, type Db } from '@hub/common';
import { searchableText, type IndexDefinition, type SearchDocument } from '@hub/common/search';
import { canonicalOccupation, canonicalSkill } from '@hub/common/vocabulary';
import type { schema } from '../db';
import { employers, vacancies } from '../db/schema';

export const VACANCY_INDEX = 'vacancies';

/**
 * An open vacancy as the search engine holds it: what matching filters and ranks on, in the
 * vocabulary's canonical words. Requirements are flattened to plain values (no requirement is
 * an age range of 0 to 200, gender ANY) so a filter can test them without null checks.
 */
export interface VacancyDocument extends SearchDocument {
  employerId: string;
  employerName: string;
  title: string;
  occupation: string;
  description: string;
  skills: string[];
  niceToHaveSkills: string[];
  searchText: string;
  locationCode: string;
  streetCode: string;
  districtCode: string;
  wageMin: number;
  wageMax: number;
  workingTime: string;
  gender: 'ANY' | 'MALE' | 'FEMALE';
  ageMin: number;
  ageMax: number;
  /** Position of the minimum education in EDUCATION_LEVELS; -1 when none is asked for. */
  minEducationRank: number;
  publicWelfare: boolean;
  openings: number;
  /** Milliseconds since the epoch, for newest-first. */
  postedAt: number;
}

type EmployersSchema = typeof schema;
const isOpen = (today: string) => and(eq(vacancies.status, 'OPEN'), or(isNull(vacancies.validUntil), gte(vacancies.validUntil, today)));

export const vacancyIndex: IndexDefinition<EmployersSchema, VacancyDocument> = {
  name: VACANCY_INDEX,
  settings: {
    searchableAttributes: ['searchText'],
    filterableAttributes: ['employerId', 'occupation', 'skills', 'niceToHaveSkills', 'locationCode', 'streetCode', 'districtCode', 'gender', 'ageMin', 'ageMax', 'minEducationRank', 'publicWelfare', 'workingTime', 'wageMax'],
    sortableAttributes: ['postedAt', 'wageMax'],
  },
  async load(db: Db<EmployersSchema>, ids: string[]) {
    const rows = await db
      .select({ vacancy: vacancies, employerName: employers.name })
      .from(vacancies)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(and(inArray(vacancies.id, ids), isOpen(todayIso())));
    return rows.map(({ vacancy: v, employerName }) => ({
      id: v.id,
      employerId: v.employerId,
      employerName,
      title: v.title,
      occupation: canonicalOccupation(v.occupation),
      description: v.description,
      skills: v.skills.map(canonicalSkill),
      niceToHaveSkills: v.niceToHaveSkills.map(canonicalSkill),
      searchText: searchableText(v.title, v.occupation, employerName, v.description, ...v.skills, ...v.niceToHaveSkills),
      locationCode: v.locationCode,
      streetCode: v.locationCode.slice(0, 9),
      districtCode: v.locationCode.slice(0, 6),
      wageMin: v.wageMin,
      wageMax: v.wageMax,
      workingTime: v.workingTime,
      gender: v.genderRequirement ?? 'ANY',
      ageMin: v.ageMin ?? 0,
      ageMax: v.ageMax ?? 200,
      minEducationRank: v.minEducation ? EDUCATION_LEVELS.indexOf(v.minEducation) : -1,
      publicWelfare: v.publicWelfare,
      openings: v.headcount - v.filledCount,
      postedAt: v.postedAt.getTime(),
    }));
  },
  async ids(db: Db<EmployersSchema>, afterId: string | null, limit: number) {
    const rows = await db
      .select({ id: vacancies.id })
      .from(vacancies)
      .where(and(isOpen(todayIso()), afterId ? gt(vacancies.id, afterId) : undefined))
      .orderBy(asc(vacancies.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
};
