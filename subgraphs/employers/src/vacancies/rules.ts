import { ErrorCode, HubError, requireCityRegion, todayIso } from '@hub/common';
import type { vacancies } from '../db/schema';

type VacancyInsert = typeof vacancies.$inferInsert;

export interface VacancyFields {
  title?: string | null;
  occupation?: string | null;
  description?: string | null;
  mustHaveSkills?: string[] | null;
  niceToHaveSkills?: string[] | null;
  workingTime?: 'FULL_TIME' | 'PART_TIME' | 'SHIFTS' | null;
  headcount?: number | null;
  wageMin?: number | null;
  wageMax?: number | null;
  locationCode?: string | number | null;
  genderRequirement?: 'MALE' | 'FEMALE' | null;
  genderReason?: string | null;
  ageMin?: number | null;
  ageMax?: number | null;
  minEducation?: VacancyInsert['minEducation'];
  publicWelfare?: boolean | null;
  validFrom?: string | null;
  validUntil?: string | null;
}

const fail = (message: string, field: string) => new HubError(ErrorCode.BAD_USER_INPUT, message, { field });
const cleanList = (list: string[] | null | undefined) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];

/**
 * Checks a vacancy as it would stand after a post or an edit (`base` is the current row for an
 * edit) and returns the columns to write, including the review flags every gender or age
 * requirement gets (就业促进法: women may not be refused on grounds of sex).
 */
export async function checkVacancy(input: VacancyFields, base?: typeof vacancies.$inferSelect): Promise<Omit<VacancyInsert, 'employerId'>> {
  const pickValue = <K extends keyof VacancyFields>(key: K, fallback: unknown) => (input[key] === undefined ? fallback : input[key]);
  const title = String(pickValue('title', base?.title) ?? '').trim();
  const occupation = String(pickValue('occupation', base?.occupation) ?? '').trim();
  if (title.length < 2 || title.length > 100) throw fail('Give the vacancy a title of 2 to 100 characters.', 'title');
  if (!occupation) throw fail('Name the occupation.', 'occupation');
  const headcount = pickValue('headcount', base?.headcount) as number | undefined;
  if (!Number.isInteger(headcount) || headcount! < 1 || headcount! > 10_000) throw fail('Headcount must be between 1 and 10,000.', 'headcount');
  if (base && headcount! < base.filledCount) throw fail(`${base.filledCount} already hired: the headcount cannot go below that.`, 'headcount');
  const wageMin = pickValue('wageMin', base?.wageMin) as number;
  const wageMax = pickValue('wageMax', base?.wageMax) as number;
  if (!(wageMin >= 0) || !(wageMax >= wageMin) || wageMax > 1_000_000) {
    throw fail('The wage range must run from a minimum to a maximum not below it (yuan a month).', 'wageMin');
  }
  const ageMin = (pickValue('ageMin', base?.ageMin) as number | null) ?? null;
  const ageMax = (pickValue('ageMax', base?.ageMax) as number | null) ?? null;
  const badAge = (age: number | null) => age !== null && (!Number.isInteger(age) || age < 16 || age > 70);
  if (badAge(ageMin) || badAge(ageMax) || (ageMin !== null && ageMax !== null && ageMax < ageMin)) {
    throw fail('Ages must lie between 16 and 70, the minimum not above the maximum.', 'ageMin');
  }
  const gender = (pickValue('genderRequirement', base?.genderRequirement) as 'MALE' | 'FEMALE' | null) ?? null;
  const genderReason = gender ? String(pickValue('genderReason', base?.genderReason) ?? '').trim() || null : null;
  if (gender && !genderReason) {
    throw fail("A gender requirement needs a stated reason (for example a women's changing-room attendant).", 'genderReason');
  }
  const location = await requireCityRegion(String(pickValue('locationCode', base?.locationCode) ?? ''), ['DISTRICT', 'STREET', 'COMMUNITY'], 'locationCode');
  const mustHave = input.mustHaveSkills === undefined ? (base?.skills ?? []) : cleanList(input.mustHaveSkills);
  const niceToHave = (input.niceToHaveSkills === undefined ? (base?.niceToHaveSkills ?? []) : cleanList(input.niceToHaveSkills)).filter((s) => !mustHave.includes(s));
  const validFrom = (pickValue('validFrom', base?.validFrom) as string | null) ?? todayIso();
  const validUntil = (pickValue('validUntil', base?.validUntil) as string | null) ?? null;
  if (validUntil !== null && validUntil < validFrom) throw fail('A vacancy cannot end before it starts.', 'validUntil');
  const reviewReasons = [
    ...(gender ? [`Only ${gender === 'FEMALE' ? 'women' : 'men'} (${genderReason}): check the reason is lawful.`] : []),
    ...(ageMin !== null || ageMax !== null ? [`Age limit ${ageMin ?? 16}–${ageMax ?? 70}: check it is needed for the work.`] : []),
  ];
  return {
    title,
    occupation,
    description: String(pickValue('description', base?.description) ?? '').trim(),
    skills: mustHave,
    niceToHaveSkills: niceToHave,
    workingTime: (pickValue('workingTime', base?.workingTime) as VacancyInsert['workingTime']) ?? 'FULL_TIME',
    headcount: headcount!,
    wageMin,
    wageMax,
    locationCode: location.code,
    genderRequirement: gender,
    genderReason,
    ageMin,
    ageMax,
    minEducation: (pickValue('minEducation', base?.minEducation) as VacancyInsert['minEducation']) ?? null,
    publicWelfare: Boolean(pickValue('publicWelfare', base?.publicWelfare) ?? false),
    validFrom,
    validUntil,
    reviewReasons,
  };
}
