/**
 * Survey sheets for tests and trials, filled from the demo generator as a coordinator would fill
 * them: Chinese labels, skills with inline levels, dates and numbers as Excel cells, and on request
 * rows with the mistakes real sheets have. The same options give the same sheet.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { EMPLOYED_STATUSES, FORTY_FIFTY_FROM } from '@hub/common/domain';
import { ageOn } from '@hub/common/identifiers';
import { generateDemoData, type DemoCommunity, type DemoHousehold, type DemoResident } from '../../../../scripts/demo/generate';
import { Rng } from '../../../../scripts/demo/random';

/** Real Huludao communities and a village, in four of its districts. */
export const SAMPLE_COMMUNITIES: DemoCommunity[] = [
  { code: '211402001001', name: '欣蕗园社区', districtCode: '211402' },
  { code: '211402001002', name: '华怡园社区', districtCode: '211402' },
  { code: '211402001003', name: '连山社区', districtCode: '211402' },
  { code: '211403001005', name: '共建社区', districtCode: '211403' },
  { code: '211481001001', name: '春和社区居民委员会', districtCode: '211481' },
  { code: '211421101200', name: '西甸子村村民委员会', districtCode: '211421' },
];

/** Ages and identity numbers are reckoned from this day, never the clock, so a sample never changes. */
export const SAMPLE_TODAY = '2025-06-30';

export const SAMPLE_HEADINGS = [
  '户号', '社区代码', '家庭住址', '家庭状况', '姓名', '身份证号', '性别', '出生日期', '联系电话', '就业状态', '月收入（元）',
  '职业技能', '技能等级', '求职意向', '求职要求', '期望月薪（元）', '意向区域', '工作时间', '转移去向', '困难类别',
] as const;
type Heading = (typeof SAMPLE_HEADINGS)[number];
/** A heading's column, numbered from 1 as Excel does. */
const column = (heading: Heading) => SAMPLE_HEADINGS.indexOf(heading) + 1;
/** 户号 to 家庭状况 belong to the household. */
const HOUSEHOLD_COLUMNS = column('家庭状况');

export const BAD_ROW_KINDS = ['checkDigit', 'status', 'identityAsNumber', 'phone', 'birthDate', 'group'] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];

export interface SampleOptions {
  rows: number;
  seed: number;
  format: 'csv' | 'xlsx';
  /** How many rows to spoil, spread through the sheet, cycling through BAD_ROW_KINDS. */
  badRows?: number;
}

export interface SampleSurvey {
  rows: number;
  households: number;
  badRows: { rowNumber: number; kind: BadRowKind }[];
}

type Cell = string | number | Date | null;

const STATUS_WORDS: Record<DemoResident['employmentStatus'], string[]> = {
  UNEMPLOYED: ['失业', '未就业'],
  EMPLOYED: ['就业', '已就业', '单位就业'],
  FLEXIBLE: ['灵活就业'],
  SELF_EMPLOYED: ['自主创业', '个体'],
  PUBLIC_WELFARE: ['公益性岗位'],
  MIGRATED: ['外出务工', '转移就业'],
  NOT_IN_LABOUR_FORCE: ['非劳动力', '无就业意愿'],
  RETIRED: ['退休'],
};
const LEVEL_WORDS = ['一级', '二级', '三级', '四级', '五级'];
const LEVEL_TITLES = ['高级技师', '技师', '高级', '中级', '初级'];
const WORK_TIME_WORDS = { FULL_TIME: '全职', PART_TIME: '兼职', EITHER: '均可' } as const;
const DESTINATIONS = ['沈阳市', '大连市', '北京市', '天津市', '锦州市', '营口市', '江苏省苏州市'];

export async function writeSampleSurvey(path: string, options: SampleOptions): Promise<SampleSurvey> {
  const { households } = generateDemoData({
    seed: options.seed, communities: SAMPLE_COMMUNITIES, residents: options.rows, today: SAMPLE_TODAY,
    employers: 0, vacancies: 0, centres: 0, courses: 0,
  });
  const rng = Rng.stream(options.seed, 'survey sample');
  const spoil = spoiler(options.rows, options.badRows ?? 0);
  const sheet = households.map((household, i) => householdRows(rng, household, i + 1));
  let rowNumber = 1;
  const badRows: SampleSurvey['badRows'] = [];
  for (const rows of sheet) {
    for (const row of rows) {
      const kind = spoil(++rowNumber);
      if (kind) {
        spoilRow(row, kind, options.format);
        badRows.push({ rowNumber, kind });
      }
    }
  }
  await (options.format === 'csv' ? writeCsv(path, sheet) : writeXlsx(path, sheet));
  return { rows: options.rows, households: households.length, badRows };
}

/** Which rows to spoil: `count` of them, evenly spaced, each kind in turn. */
function spoiler(rows: number, count: number): (rowNumber: number) => BadRowKind | null {
  if (count <= 0) return () => null;
  const step = Math.max(Math.floor(rows / count), 1);
  let spoiled = 0;
  return (rowNumber) => {
    const index = rowNumber - 2;
    if (spoiled >= count || index % step !== Math.floor(step / 2)) return null;
    return BAD_ROW_KINDS[spoiled++ % BAD_ROW_KINDS.length]!;
  };
}

function spoilRow(row: Cell[], kind: BadRowKind, format: SampleOptions['format']): void {
  const set = (heading: Heading, value: Cell) => (row[column(heading) - 1] = value);
  const id = String(row[column('身份证号') - 1]);
  switch (kind) {
    case 'checkDigit':
      set('身份证号', id.slice(0, 17) + (id[17] === '0' ? '1' : '0'));
      break;
    case 'status':
      set('就业状态', '待定');
      break;
    case 'identityAsNumber': {
      // What Excel keeps of an identity number typed into a General cell, and writes to a CSV.
      const number = Number(id.replace('X', '0'));
      set('身份证号', format === 'xlsx' ? number : number.toExponential(5).toUpperCase());
      break;
    }
    case 'phone':
      set('联系电话', '1381234');
      break;
    case 'birthDate': {
      const birth = row[column('出生日期') - 1] as Date;
      set('出生日期', new Date(Date.UTC(birth.getUTCFullYear() + 1, birth.getUTCMonth(), 1)));
      break;
    }
    case 'group':
      set('困难类别', '低保户');
      break;
  }
}

function householdRows(rng: Rng, household: DemoHousehold, number: number): Cell[][] {
  const { members } = household;
  const working = members.filter((m) => EMPLOYED_STATUSES.has(m.employmentStatus)).length;
  const situation =
    `${members.length}口人，${working}人就业` +
    (members.some((m) => m.declaredGroups.includes('DISABLED')) ? '，有残疾人' : '') +
    (working === 0 && members.some((m) => m.employmentStatus === 'UNEMPLOYED') ? '，零就业家庭' : '');
  return members.map((m) => [
    String(number),
    Number(household.communityCode),
    household.address,
    situation,
    m.name,
    m.identityNumber,
    m.gender === 'MALE' ? '男' : '女',
    new Date(`${m.birthDate}T00:00:00Z`),
    m.phone,
    statusWord(rng, m),
    income(rng, m),
    ...skillCells(rng, m),
    ...intentionCells(m),
    m.employmentStatus === 'MIGRATED' ? rng.pick(DESTINATIONS) : null,
    groupWords(m).join('、') || null,
  ]);
}

function statusWord(rng: Rng, m: DemoResident): string {
  if (m.employmentStatus === 'NOT_IN_LABOUR_FORCE' && ageOn(m.birthDate, SAMPLE_TODAY) <= 24) return '在校学生';
  return rng.pick(STATUS_WORDS[m.employmentStatus]);
}

function income(rng: Rng, m: DemoResident): number | null {
  const hundreds = (low: number, high: number) => rng.int(low / 100, high / 100) * 100;
  if (m.employmentStatus === 'PUBLIC_WELFARE') return hundreds(1900, 2300);
  if (m.employmentStatus === 'RETIRED') return hundreds(2200, 3800);
  if (EMPLOYED_STATUSES.has(m.employmentStatus)) return hundreds(2000, 8000);
  return rng.chance(0.5) ? 0 : null;
}

/** 职业技能 and 技能等级: levels inline in the styles coordinators use, or in the level column for a single skill. */
function skillCells(rng: Rng, m: DemoResident): [Cell, Cell] {
  if (!m.skills.length) return [null, null];
  const [only] = m.skills;
  if (m.skills.length === 1 && only!.certificateLevel !== null && rng.chance(0.5)) {
    return [only!.name, LEVEL_TITLES[only!.certificateLevel - 1]!];
  }
  const written = m.skills.map(({ name, certificateLevel: level }) => {
    if (level === null) return name;
    return rng.pick([`${name}(${LEVEL_WORDS[level - 1]})`, `${name}（${LEVEL_TITLES[level - 1]}）`, `${name}:${level}`]);
  });
  return [written.join(rng.pick(['、', '，', ' '])), null];
}

function intentionCells(m: DemoResident): Cell[] {
  const intention = m.jobIntention;
  if (!intention) return [null, null, null, null, null];
  return [
    intention.occupations.join('、'),
    intention.keywords.join('、') || null,
    intention.minMonthlyWage,
    intention.districtCodes.join(',') || null,
    WORK_TIME_WORDS[intention.workTime],
  ];
}

/** Declared groups, plus the 4050 label sheets carry though the register works it out itself. */
function groupWords(m: DemoResident): string[] {
  const words = m.declaredGroups.map((g): string => (g === 'DISABLED' ? '残疾人' : '困难家庭高校毕业生'));
  if (m.employmentStatus === 'UNEMPLOYED' && ageOn(m.birthDate, SAMPLE_TODAY) >= FORTY_FIFTY_FROM[m.gender]) words.push('4050人员');
  return words;
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte order mark, as Excel's "CSV UTF-8" saves; household cells repeated on every row. */
async function writeCsv(path: string, sheet: Cell[][][]): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\ufeff${SAMPLE_HEADINGS.join(',')}\r\n`);
  for (const rows of sheet) for (const row of rows) await write(`${row.map(csvCell).join(',')}\r\n`);
  out.end();
  await once(out, 'finish');
}

/**
 * Streamed to disk a row at a time. A household's own cells are on its first row only, which is
 * how a sheet with them merged down the household reads (merging itself is quadratic in exceljs).
 */
async function writeXlsx(path: string, sheet: Cell[][][]): Promise<void> {
  // Shared strings, written after the sheet, as Excel does: the reader must hold the sheet back until it has them.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const worksheet = workbook.addWorksheet('五清调查');
  worksheet.addRow([...SAMPLE_HEADINGS]).commit();
  for (const rows of sheet) {
    rows.forEach((row, i) => {
      const added = worksheet.addRow(i === 0 ? row : [...Array<Cell>(HOUSEHOLD_COLUMNS).fill(null), ...row.slice(HOUSEHOLD_COLUMNS)]);
      const id = added.getCell(column('身份证号'));
      if (typeof id.value === 'string') id.numFmt = '@';
      added.getCell(column('出生日期')).numFmt = 'yyyy-mm-dd';
      added.commit();
    });
  }
  worksheet.commit();
  await workbook.commit();
}
