import { ErrorCode, HubError, parseIdentityNumber, parseRegionCode, type Gender } from '@hub/common';
import type { JobIntentionData } from '../db/schema';

const invalid = (code: ErrorCode, message: string, field: string) => new HubError(code, message, { field });

/** The identity number, checked, and its agreement with the birth date and sex entered. */
export function checkIdentity(input: { identityNumber: string; birthDate: string; gender: Gender }): string {
  const id = parseIdentityNumber(input.identityNumber);
  if (!id.ok) throw invalid(ErrorCode.INVALID_IDENTITY_NUMBER, id.reason, 'identityNumber');
  if (id.value.birthDate !== input.birthDate) {
    throw invalid(
      ErrorCode.INVALID_IDENTITY_NUMBER,
      `The identity number gives the birth date ${id.value.birthDate}, but ${input.birthDate} was entered.`,
      'identityNumber',
    );
  }
  if (id.value.gender !== input.gender) {
    throw invalid(
      ErrorCode.INVALID_IDENTITY_NUMBER,
      `The identity number is a ${id.value.gender === 'MALE' ? 'man' : 'woman'}'s, but ${input.gender === 'MALE' ? 'male' : 'female'} was entered.`,
      'identityNumber',
    );
  }
  return id.value.identityNumber;
}

export function checkName(raw: string): string {
  const name = raw.trim();
  if (!/^[\p{Script=Han}A-Za-z·• ]{2,30}$/u.test(name)) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'Enter the name as on the identity card (2 to 30 characters, no digits).', 'name');
  }
  return name;
}

export function checkPhone(raw: string | null | undefined): string | null {
  const phone = raw?.trim() || null;
  if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone)) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'Enter an 11-digit mobile number or a landline with its area code.', 'phone');
  }
  return phone;
}

export function checkIncome(value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 10_000_000) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'Monthly income is a whole number of yuan, 0 or more.', 'monthlyIncome');
  }
  return value;
}

export function normaliseSkills(skills: { name: string; certificateLevel?: number | null }[]) {
  const byName = new Map<string, { name: string; certificateLevel: number | null }>();
  for (const skill of skills) {
    const name = skill.name.trim();
    if (!name || name.length > 40) throw invalid(ErrorCode.BAD_USER_INPUT, 'A skill needs a name of 1 to 40 characters.', 'skills');
    const level = skill.certificateLevel ?? null;
    if (level !== null && (!Number.isInteger(level) || level < 1 || level > 5)) {
      throw invalid(ErrorCode.BAD_USER_INPUT, `Certificate levels run from 1 to 5; ${level} was given for ${name}.`, 'skills');
    }
    byName.set(name, { name, certificateLevel: level });
  }
  return [...byName.values()];
}

export interface JobIntentionInputShape {
  occupations?: string[] | null;
  keywords?: string[] | null;
  districtCodes?: string[] | null;
  minMonthlyWage?: number | null;
  workTime?: JobIntentionData['workTime'] | null;
}

export function normaliseIntention(input: JobIntentionInputShape): JobIntentionData {
  const clean = (list?: string[] | null) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];
  const districtCodes = clean(input.districtCodes).map((code) => {
    const parsed = parseRegionCode(code);
    if (!parsed.ok) throw invalid(ErrorCode.INVALID_REGION_CODE, parsed.reason, 'jobIntention.districtCodes');
    return parsed.value.code;
  });
  const wage = input.minMonthlyWage ?? null;
  if (wage !== null && (wage < 0 || wage > 1_000_000)) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'The minimum monthly wage must be between 0 and 1,000,000 yuan.', 'jobIntention.minMonthlyWage');
  }
  return { occupations: clean(input.occupations), keywords: clean(input.keywords), districtCodes, minMonthlyWage: wage, workTime: input.workTime ?? 'EITHER' };
}

export function checkEvidence(raw: string): string {
  const evidence = raw.trim();
  if (evidence.length < 2 || evidence.length > 500) {
    throw invalid(ErrorCode.BAD_USER_INPUT, 'Say what evidence was seen (for example the disability certificate number).', 'evidence');
  }
  return evidence;
}
