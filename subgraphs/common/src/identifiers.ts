/**
 * Validation of the identifiers coordinators type in, each with its check character, so a
 * mistyped digit is caught at the door rather than found in a report months later.
 */

export type Gender = 'MALE' | 'FEMALE';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export interface IdentityInfo {
  identityNumber: string;
  /** The six-digit GB/T 2260 code of the place of first registration. */
  regionCode: string;
  birthDate: string;
  gender: Gender;
}

export function identityCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Resident identity number, GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), check. */
export function parseIdentityNumber(raw: string, today = new Date()): Checked<IdentityInfo> {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, reason: 'An identity number has 18 characters: 17 digits and a final digit or X.' };
  }
  const region = value.slice(0, 6);
  if (!PROVINCE.test(region) || region.slice(2, 4) === '00') {
    return { ok: false, reason: `The first six digits (${region}) are not a region of China: they start with a province (11 to 82) and a city.` };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_DATE || new Date(`${birthDate}T00:00:00Z`) > today) {
    return { ok: false, reason: `Digits 7 to 14 (${value.slice(6, 14)}) are not a possible birth date.` };
  }
  const expected = identityCheckDigit(value.slice(0, 17));
  if (value[17] !== expected) {
    return { ok: false, reason: 'The check digit does not match: one of the digits was probably mistyped.' };
  }
  return {
    ok: true,
    value: {
      identityNumber: value,
      regionCode: value.slice(0, 6),
      birthDate,
      gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The earliest date the hub takes: nobody on the register was born, and nothing in it happened, before. */
export const EARLIEST_DATE = '1900-01-01';
/** How far ahead a date may lie: plans, courses and validity run years, not decades (2062 for 2026 is a slip). */
export const MAX_YEARS_AHEAD = 10;

/** Why `value` is not a date the hub takes (finishing the sentence "<value> …"), or undefined. */
export function dateProblem(value: string, today = new Date()): string | undefined {
  if (!isCalendarDate(value)) return 'is not a date; write it as YYYY-MM-DD';
  if (value < EARLIEST_DATE) return `is before ${EARLIEST_DATE}; check the year`;
  const latest = addMonths(todayIso(today), 12 * MAX_YEARS_AHEAD);
  if (value > latest) return `is more than ${MAX_YEARS_AHEAD} years ahead (after ${latest}); check the year`;
  return undefined;
}

/** Unified social credit code charset: digits and capitals without I, O, S, V, Z. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Registration authority (first character) and the entity types it may register (second). */
const USCC_AUTHORITY_TYPES: Record<string, string> = {
  '1': '1239', '5': '1239', '9': '123', Y: '1', '2': '19', '3': '123459', '4': '19', '6': '129',
  '7': '1239', '8': '19', A: '19', N: '1239',
};

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Employer unified social credit code, GB 32100-2015. */
export function parseCreditCode(raw: string): Checked<{ creditCode: string; regionCode: string }> {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'A unified social credit code has 18 characters.' };
  for (const ch of value) {
    if (!USCC_CHARS.includes(ch)) {
      return { ok: false, reason: `"${ch}" cannot appear in a credit code (the letters I, O, S, V and Z are never used).` };
    }
  }
  const types = USCC_AUTHORITY_TYPES[value[0]!];
  if (!types || !types.includes(value[1]!)) {
    return { ok: false, reason: 'The first two characters are not a registration authority and entity type.' };
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) return { ok: false, reason: 'Characters 3 to 8 must be a six-digit region code.' };
  if (value[17] !== creditCodeCheckCharacter(value.slice(0, 17))) {
    return { ok: false, reason: 'The check character does not match: one of the characters was probably mistyped.' };
  }
  return { ok: true, value: { creditCode: value, regionCode: value.slice(2, 8) } };
}

/**
 * The province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang, 71 Taiwan, 81 Hong Kong, 82 Macao),
 * at the start of a code. They have not changed since 1988 (46 Hainan, 50 Chongqing in 1997 aside).
 */
const PROVINCE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;

export type RegionCodeLevel = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';

/** Region codes by length: GB/T 2260 (2, 4, 6 digits) and the statistical street and village codes (9, 12). */
export function regionLevelOf(code: string): RegionCodeLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  switch (code.length) {
    case 2: return /^[1-8][0-9]$/.test(code) ? 'PROVINCE' : undefined;
    case 4: return code.endsWith('00') ? undefined : 'CITY';
    case 6: return code.endsWith('00') ? undefined : 'DISTRICT';
    case 9: return code.endsWith('000') ? undefined : 'STREET';
    case 12: return code.endsWith('000') ? undefined : 'COMMUNITY';
    default: return undefined;
  }
}

export function parseRegionCode(raw: string): Checked<{ code: string; level: RegionCodeLevel }> {
  const code = raw.trim();
  const level = regionLevelOf(code);
  if (!level) {
    return { ok: false, reason: `"${raw}" is not a region code: use 2, 4, 6, 9 or 12 digits, e.g. 211402 or 211402001001.` };
  }
  if (!PROVINCE.test(code)) {
    return { ok: false, reason: `"${raw}" does not start with a province code.` };
  }
  return { ok: true, value: { code, level } };
}

/** Age in whole years on `asOf` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record, so it is filtered out before a query. */
export const isUuid = (value: string) => UUID.test(value);

/** `date` plus `months` calendar months, clamped to the month's end (as PostgreSQL's date + interval). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
