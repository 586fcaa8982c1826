import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import { EDUCATION_LEVELS, isZeroEmploymentHousehold, todayIso } from '@hub/common';
import { searchableText, type IndexDefinition, type SearchDocument } from '@hub/common/search';
import { canonicalOccupation, canonicalSkill } from '@hub/common/vocabulary';
import type { ResidentsDb, schema } from '../db';
import { residents, residentSkills } from '../db/schema';
import { loadHouseholdFacts } from '../register/household-facts';

export const JOBSEEKER_INDEX = 'jobseekers';

/**
 * A person looking for work as the search engine holds them: skills, wishes, place and the facts
 * that requirements and groups are judged on. No name, identity number, phone or income: the
 * index is not a second register. Groups are derived when asked (they move with age and time),
 * from the facts kept here.
 */
export interface JobseekerDocument extends SearchDocument {
  communityCode: string;
  streetCode: string;
  districtCode: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  /** The birth date as YYYYMMDD, for age ranges as number filters. */
  birthDay: number;
  /** Position of the education in EDUCATION_LEVELS; -1 when unknown. */
  educationRank: number;
  employmentStatus: string;
  statusSince: string;
  declaredGroups: string[];
  zeroEmploymentHousehold: boolean;
  skills: string[];
  certificateLevels: Record<string, number>;
  wantedOccupations: string[];
  keywords: string[];
  wantedDistricts: string[];
  minMonthlyWage: number | null;
  searchText: string;
}

/** Who is in the index: the unemployed, and people in other work who say what work they want. */
const SEEKING = sql`(${residents.employmentStatus} = 'UNEMPLOYED' or (${residents.employmentStatus} in ('EMPLOYED', 'FLEXIBLE', 'SELF_EMPLOYED', 'PUBLIC_WELFARE', 'MIGRATED') and jsonb_array_length(coalesce(${residents.jobIntention} -> 'occupations', '[]'::jsonb)) > 0))`;

export const jobseekerIndex: IndexDefinition<typeof schema, JobseekerDocument> = {
  name: JOBSEEKER_INDEX,
  settings: {
    searchableAttributes: ['searchText'],
    filterableAttributes: ['communityCode', 'streetCode', 'districtCode', 'gender', 'birthDay', 'educationRank', 'employmentStatus', 'skills', 'wantedOccupations', 'wantedDistricts'],
    sortableAttributes: ['birthDay'],
  },
  async load(db: ResidentsDb, ids: string[]) {
    const people = await db.select().from(residents).where(and(inArray(residents.id, ids), SEEKING));
    if (people.length === 0) return [];
    const skills = await db.select().from(residentSkills).where(inArray(residentSkills.residentId, people.map((p) => p.id)));
    const households = await loadHouseholdFacts(db, [...new Set(people.map((p) => p.householdId))]);
    const today = todayIso();
    return people.map((p) => {
      const members = households.get(p.householdId) ?? [];
      const own = skills.filter((s) => s.residentId === p.id);
      const intention = p.jobIntention;
      return {
        id: p.id,
        communityCode: p.communityCode,
        streetCode: p.communityCode.slice(0, 9),
        districtCode: p.communityCode.slice(0, 6),
        gender: p.gender,
        birthDate: p.birthDate,
        birthDay: Number(p.birthDate.replaceAll('-', '')),
        educationRank: p.education ? EDUCATION_LEVELS.indexOf(p.education) : -1,
        employmentStatus: p.employmentStatus,
        statusSince: p.statusSince,
        declaredGroups: members.find((m) => m.id === p.id)?.declaredGroups ?? [],
        zeroEmploymentHousehold: isZeroEmploymentHousehold(members, today),
        skills: own.map((s) => canonicalSkill(s.name)),
        certificateLevels: Object.fromEntries(own.filter((s) => s.certificateLevel !== null).map((s) => [canonicalSkill(s.name), s.certificateLevel!])),
        wantedOccupations: (intention?.occupations ?? []).map(canonicalOccupation),
        keywords: intention?.keywords ?? [],
        wantedDistricts: intention?.districtCodes ?? [],
        minMonthlyWage: intention?.minMonthlyWage ?? null,
        searchText: searchableText(...own.map((s) => s.name), ...(intention?.occupations ?? []), ...(intention?.keywords ?? [])),
      };
    });
  },
  async ids(db: ResidentsDb, afterId: string | null, limit: number) {
    const rows = await db
      .select({ id: residents.id })
      .from(residents)
      .where(and(SEEKING, afterId ? gt(residents.id, afterId) : undefined))
      .orderBy(asc(residents.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
};

