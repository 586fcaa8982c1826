/**
 * The column headings coordinators put on survey sheets (五清调查表), with the variants found in
 * district templates, mapped to fields. Matching ignores spaces, full-width forms (（）：),
 * required-field stars and a trailing unit such as (元), so 月收入（元） and 月收入 are one column.
 */

export const SURVEY_FIELDS = [
  'communityCode',
  'householdNumber',
  'address',
  'situation',
  'name',
  'identityNumber',
  'gender',
  'birthDate',
  'phone',
  'employmentStatus',
  'monthlyIncome',
  'skills',
  'skillLevel',
  'occupations',
  'keywords',
  'minMonthlyWage',
  'districts',
  'workTime',
  'migrationDestination',
  'groups',
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

/** The first heading is the one used in templates and error reports. */
const HEADINGS: Record<SurveyField, readonly string[]> = {
  communityCode: ['社区代码', '社区编码', '村(居)代码', '村居代码', '社区(村)代码'],
  householdNumber: ['户号', '户编号', '家庭编号'],
  address: ['家庭住址', '住址', '家庭地址', '居住地址'],
  situation: ['家庭状况', '家庭情况'],
  name: ['姓名'],
  identityNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证'],
  gender: ['性别'],
  birthDate: ['出生日期', '出生年月日'],
  phone: ['联系电话', '手机号', '电话', '手机号码', '联系方式'],
  employmentStatus: ['就业状态', '就业情况', '就业状况'],
  monthlyIncome: ['月收入', '个人月收入', '收入'],
  skills: ['职业技能', '技能', '专业技能'],
  skillLevel: ['技能等级', '职业资格等级'],
  occupations: ['求职意向', '意向职业', '意向工种'],
  keywords: ['求职要求', '其他要求', '意向关键词'],
  minMonthlyWage: ['期望月薪', '期望工资', '期望薪资'],
  districts: ['意向区域', '意向地区', '意向就业地区'],
  workTime: ['工作时间', '意向工作时间'],
  migrationDestination: ['转移去向', '务工地点', '外出务工地点'],
  groups: ['困难类别', '人员类别', '就业困难类别'],
};

export const label = (field: SurveyField): string => HEADINGS[field][0]!;

/** 户号 or, failing that, 家庭住址 tells which rows make up a household. */
const REQUIRED: readonly SurveyField[] = ['communityCode', 'name', 'identityNumber', 'employmentStatus'];

/** NFKC folds full-width letters, digits and brackets to half-width; a star marks a required column in many templates. */
export function normalizeHeading(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s*]/g, '')
    .replace(/\((元|元\/月|元每月)\)$/, '');
}

const BY_HEADING = new Map<string, SurveyField>(
  SURVEY_FIELDS.flatMap((field) => HEADINGS[field].map((h) => [normalizeHeading(h), field] as const)),
);

/** Which field each column holds (null: not ours); the first of two columns for one field wins. */
export type ColumnMap = (SurveyField | null)[];

export function mapColumns(headings: readonly string[]): ColumnMap {
  const taken = new Set<SurveyField>();
  return headings.map((heading) => {
    const field = BY_HEADING.get(normalizeHeading(heading));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** The required columns a heading row lacks, by their usual headings. */
export function missingColumns(columns: ColumnMap): string[] {
  const present = new Set(columns);
  const missing = REQUIRED.filter((f) => !present.has(f)).map(label);
  if (!present.has('householdNumber') && !present.has('address')) missing.push(`${label('householdNumber')}或${label('address')}`);
  return missing;
}

/** A file the importer cannot read at all, such as one without the required columns. */
export class SurveyFileError extends Error {
  override name = 'SurveyFileError';
}
