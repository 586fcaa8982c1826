/**
 * One survey row checked into a household member, or the reasons it cannot be: every problem of
 * the row at once, in Chinese, so a coordinator fixes the sheet in one pass rather than one per import.
 */
import { identityCheckDigit, isCalendarDate, parseIdentityNumber, parseRegionCode, regionLevelOf, type IdentityInfo } from '@hub/common/identifiers';
import { cityCode } from '@hub/common/domain';
import { label, type SurveyField } from './headings';
import { ID_STORED_AS_NUMBER, type SourceRow } from './reader';
import type { RowError, SurveyDeclaredGroup, SurveyJobIntention, SurveyMember, SurveySkill } from './types';
import { employmentStatusOf, groupOf, skillLevelOf, STATUS_HINT, workTimeOf } from './vocabulary';

/** What people write in a cell that has nothing to say. */
const PLACEHOLDER = /^(无|暂无|没有|\/|-+|—+)$/;
/** Between the skills or occupations in one cell: 、，,；; / or spaces (after NFKC, full-width forms are half-width). */
const LIST_SEPARATOR = /[、,;/\s]+/;
const MAX_AMOUNT = 1_000_000;

/** Collects a row's problems against its columns. */
class RowCheck {
  readonly errors: RowError[];

  constructor(readonly row: SourceRow) {
    this.errors = [...row.errors];
  }

  /** The trimmed cell, or null when empty or a placeholder such as 无. */
  text(field: SurveyField): string | null {
    const value = this.row.cells[field]?.trim();
    return value && !PLACEHOLDER.test(value) ? value : null;
  }

  fail(field: SurveyField | null, reason: string): null {
    const value = field ? (this.row.cells[field]?.trim() ?? null) : null;
    this.errors.push({ rowNumber: this.row.rowNumber, column: field && label(field), value: value || null, reason });
    return null;
  }

  /** Whether reading the file already found this cell wrong (an identity number Excel stored as a number). */
  failedOnRead(field: SurveyField): boolean {
    return this.row.errors.some((e) => e.column === label(field));
  }
}

export const compact = (value: string) => value.normalize('NFKC').replace(/\s/g, '');

export function checkCommunityCode(raw: string): { code: string } | { reason: string } {
  const code = compact(raw);
  const city = cityCode();
  if (/^\d{12}$/.test(code) && code.startsWith(city) && regionLevelOf(code) === 'COMMUNITY') return { code };
  return { reason: `社区代码应为本市（${city}开头）的12位社区（村）代码` };
}

/** Why an identity number fails, in the order GB 11643 builds one: length, region, birth date, check digit. */
function identityReason(value: string): string {
  // 2.11402E+17: the text Excel writes to a CSV for an identity number it took for a number.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(value)) return ID_STORED_AS_NUMBER;
  if (!/^\d{17}[\dX]$/.test(value)) return `身份证号应为18位（17位数字加最后一位数字或X），这里是${value.length}位`;
  if (!/^[1-9]\d{5}$/.test(value.slice(0, 6))) return '身份证号前6位不是地区代码';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (isCalendarDate(birth) && identityCheckDigit(value.slice(0, 17)) !== value[17]) return '身份证号校验位不正确，可能有数字录错';
  return `身份证号第7至14位（${value.slice(6, 14)}）不是有效的出生日期`;
}

function identity(check: RowCheck, today: Date): IdentityInfo | null {
  const raw = check.text('identityNumber');
  if (!raw) return check.failedOnRead('identityNumber') ? null : check.fail('identityNumber', '身份证号为空');
  if (check.failedOnRead('identityNumber')) return null;
  const value = compact(raw).toUpperCase();
  const parsed = parseIdentityNumber(value, today);
  return parsed.ok ? parsed.value : check.fail('identityNumber', identityReason(value));
}

const GENDER_WORDS: Record<string, 'MALE' | 'FEMALE'> = { 男: 'MALE', 女: 'FEMALE', MALE: 'MALE', FEMALE: 'FEMALE', M: 'MALE', F: 'FEMALE' };
const GENDER_NAMES = { MALE: '男', FEMALE: '女' } as const;

/** 性别 and 出生日期 are optional, being in the identity number; when given they must agree with it. */
function agreesWithIdentity(check: RowCheck, info: IdentityInfo): void {
  const gender = check.text('gender');
  if (gender) {
    const stated = GENDER_WORDS[compact(gender).toUpperCase()];
    if (!stated) check.fail('gender', '性别应填"男"或"女"');
    else if (stated !== info.gender) check.fail('gender', `性别与身份证号不符（身份证号为${GENDER_NAMES[info.gender]}性）`);
  }
  const birth = check.text('birthDate');
  if (birth) {
    const stated = calendarDate(birth);
    if (!stated) check.fail('birthDate', '出生日期无法识别，请写成1990-01-31的格式');
    else if (stated !== info.birthDate) check.fail('birthDate', `出生日期与身份证号不符（身份证号为${info.birthDate}）`);
  }
}

/** 1990-1-31, 1990/01/31, 1990.1.31, 1990年1月31日 or 19900131. */
function calendarDate(raw: string): string | null {
  const value = compact(raw);
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** A mobile number (13812345678, +86 allowed) or a landline with its area code, stored as 0429-2123456. */
function phone(check: RowCheck): string | null {
  const raw = check.text('phone');
  if (!raw) return null;
  const digits = compact(raw).replace(/[-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  // Beijing (010) and the big cities (02x) have three-digit area codes, everywhere else four.
  const area = /^0(10|2\d)/.test(digits) ? 3 : 4;
  if (/^0\d+$/.test(digits) && /^[1-9]\d{6,7}$/.test(digits.slice(area))) return `${digits.slice(0, area)}-${digits.slice(area)}`;
  return check.fail('phone', '联系电话应为11位手机号，或带区号的固定电话（如0429-2123456）');
}

/** Whole yuan: 3000, 3,000, 3000元 and 3000.00 are all 3000. */
function amount(check: RowCheck, field: SurveyField): number | null {
  const raw = check.text(field);
  if (!raw) return null;
  const value = compact(raw).replace(/,/g, '').replace(/元(\/月)?$/, '');
  if (/^\d+(\.0+)?$/.test(value) && Number(value) <= MAX_AMOUNT) return Number.parseInt(value, 10);
  return check.fail(field, `${label(field)}应为0到${MAX_AMOUNT}之间的整数（元）`);
}

function list(check: RowCheck, field: SurveyField): string[] {
  const raw = check.text(field);
  if (!raw) return [];
  // Keep 电工 (四级) and 电工 : 4 in one piece before spaces separate the items.
  const value = raw.normalize('NFKC').replace(/\s+(?=[():])|(?<=[(:])\s+/g, '');
  return [...new Set(value.split(LIST_SEPARATOR).filter((item) => item && !PLACEHOLDER.test(item)))];
}

const LEVEL_HINT = '可填一级至五级、1至5，或初级、中级、高级、技师、高级技师';
/** Brackets that hold a level (or a mistyped one); others are part of the skill's name, as in 焊工(氩弧焊). After a colon it is always a level. */
const LEVEL_LIKE = /[级极]|技师|^\d$|^[初中高]/;

/** 职业技能, each with an optional level written inline (电工(四级), 电工:4) or, for a single skill, in 技能等级. */
function skills(check: RowCheck): SurveySkill[] {
  const found = new Map<string, number | null>();
  for (const item of list(check, 'skills')) {
    const colon = /^(.+?):(.+)$/.exec(item);
    const bracket = /^(.+?)\((.+)\)$/.exec(item);
    const match = colon ?? (bracket && LEVEL_LIKE.test(bracket[2]!) ? bracket : null);
    const inline = match && { name: match[1]!, word: match[2]! };
    let level: number | null = null;
    if (inline) {
      level = skillLevelOf(inline.word) ?? null;
      if (level === null) check.fail('skills', `“${item}”中的技能等级无法识别，${LEVEL_HINT}`);
    }
    const name = inline?.name ?? item;
    found.set(name, found.get(name) ?? level);
  }
  const column = check.text('skillLevel');
  if (column) {
    const level = skillLevelOf(column);
    const [only, ...others] = [...found.keys()];
    if (level === undefined) check.fail('skillLevel', `技能等级无法识别，${LEVEL_HINT}`);
    else if (only === undefined) check.fail('skillLevel', '填写了技能等级，但没有填写职业技能');
    else if (others.length) check.fail('skillLevel', '有多项技能时，请在每项技能后注明等级，如：电工(四级)、焊工(三级)');
    else if (found.get(only) !== null && found.get(only) !== level) check.fail('skillLevel', '技能等级与职业技能中注明的等级不一致');
    else found.set(only, level);
  }
  return [...found].map(([name, certificateLevel]) => ({ name, certificateLevel }));
}

function districtCodes(check: RowCheck): string[] {
  const codes = list(check, 'districts');
  for (const code of codes) {
    const parsed = parseRegionCode(code);
    if (!parsed.ok || parsed.value.level !== 'DISTRICT') {
      check.fail('districts', `意向区域“${code}”应为6位区县代码，如211402（连山区）`);
      return [];
    }
  }
  return codes;
}

/** 求职意向 and its details; null when the person stated none. */
function jobIntention(check: RowCheck): SurveyJobIntention | null {
  const occupations = list(check, 'occupations');
  const keywords = list(check, 'keywords');
  const districts = districtCodes(check);
  const minMonthlyWage = amount(check, 'minMonthlyWage');
  const time = check.text('workTime');
  const workTime = time ? workTimeOf(time) : 'EITHER';
  if (!workTime) check.fail('workTime', '工作时间应填全职、兼职或均可');
  if (!occupations.length && !keywords.length && !districts.length && minMonthlyWage === null && !time) return null;
  return { occupations, keywords, districtCodes: districts, minMonthlyWage, workTime: workTime ?? 'EITHER' };
}

function declaredGroups(check: RowCheck): SurveyDeclaredGroup[] {
  const groups = new Set<SurveyDeclaredGroup>();
  for (const word of list(check, 'groups')) {
    const group = groupOf(word);
    if (group === undefined) {
      check.fail('groups', `困难类别“${word}”无法识别，可填残疾人、困难家庭高校毕业生（4050、零就业等由系统自动认定，不必填写）`);
    } else if (group !== 'derived') {
      groups.add(group);
    }
  }
  return [...groups];
}

function personName(check: RowCheck): string | null {
  const raw = check.text('name');
  if (!raw) return check.fail('name', '姓名为空');
  // Sheets pad two-character names with spaces (王  伟) to line them up with three-character ones.
  const name = /^[\p{Script=Han}\s]+$/u.test(raw) ? raw.replace(/\s/g, '') : raw.replace(/\s+/g, ' ');
  return name.length <= 50 ? name : check.fail('name', '姓名过长（最多50个字）');
}

export interface CheckedRow {
  member: SurveyMember | null;
  /** The row's identity number when it is valid, even if other cells are not, to catch it appearing twice. */
  identityNumber: string | null;
  errors: RowError[];
}

export function checkRow(row: SourceRow, today = new Date()): CheckedRow {
  const check = new RowCheck(row);
  const name = personName(check);
  const info = identity(check, today);
  if (info) agreesWithIdentity(check, info);
  const statusWord = check.text('employmentStatus');
  const employmentStatus = statusWord ? employmentStatusOf(statusWord) : undefined;
  if (!statusWord) check.fail('employmentStatus', '就业状态为空');
  else if (!employmentStatus) check.fail('employmentStatus', `就业状态无法识别，可填：${STATUS_HINT}`);
  const phoneNumber = phone(check);
  const monthlyIncome = amount(check, 'monthlyIncome');
  const skillList = skills(check);
  const intention = jobIntention(check);
  const groups = declaredGroups(check);
  const identityNumber = info?.identityNumber ?? null;
  if (check.errors.length || !name || !info || !employmentStatus) return { member: null, identityNumber, errors: check.errors };
  const member: SurveyMember = {
    rowNumber: row.rowNumber,
    name,
    identityNumber: info.identityNumber,
    gender: info.gender,
    birthDate: info.birthDate,
    phone: phoneNumber,
    employmentStatus,
    monthlyIncome,
    skills: skillList,
    jobIntention: intention,
    migrationDestination: check.text('migrationDestination'),
    declaredGroups: groups,
  };
  return { member, identityNumber, errors: [] };
}
