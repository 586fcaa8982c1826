/**
 * The words coordinators write in survey cells, mapped to the register's values. The English
 * enum names are accepted too, for sheets exported from the hub and filled in again.
 */
import type { EmploymentStatus } from '@hub/common';
import type { SurveyDeclaredGroup, WorkTime } from './types';

/** Words match whatever their width, spacing or case: 灵活 就业, ＦＬＥＸＩＢＬＥ and flexible are all FLEXIBLE. */
const key = (word: string) => word.normalize('NFKC').replace(/\s/g, '').toUpperCase();

function table<T extends string>(labels: Record<T, string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(labels) as [T, string[]][]) {
    for (const word of [value, ...words]) map.set(key(word), value);
  }
  return map;
}

const STATUSES = table<EmploymentStatus>({
  UNEMPLOYED: ['失业', '未就业', '失业人员', '登记失业'],
  EMPLOYED: ['就业', '已就业', '单位就业'],
  FLEXIBLE: ['灵活就业'],
  SELF_EMPLOYED: ['自主创业', '个体', '个体经营', '创业'],
  PUBLIC_WELFARE: ['公益性岗位', '公益岗位'],
  MIGRATED: ['外出务工', '转移就业'],
  NOT_IN_LABOUR_FORCE: ['在校学生', '非劳动力', '无就业意愿', '学生'],
  RETIRED: ['退休', '已退休'],
  MOVED_AWAY: ['迁出', '已迁出'],
  DECEASED: ['死亡', '已故'],
});

/** The words listed when a status is not understood: one per value, the survey's own. */
export const STATUS_HINT = '失业、就业、灵活就业、自主创业、公益性岗位、外出务工、在校学生、非劳动力、退休';

const WORK_TIMES = table<WorkTime>({
  FULL_TIME: ['全职', '全日制'],
  PART_TIME: ['兼职', '非全日制'],
  EITHER: ['均可', '不限', '全职或兼职'],
});

/** 职业资格等级: 一级 is the highest (高级技师), 五级 the entry level (初级工). */
const LEVELS = new Map<string, number>(
  (
    [
      ...['一', '二', '三', '四', '五'].flatMap((han, i) => [[`${han}级`, i + 1], [`${i + 1}级`, i + 1], [String(i + 1), i + 1]]),
      ['高级技师', 1],
      ['技师', 2],
      ['高级', 3],
      ['高级工', 3],
      ['中级', 4],
      ['中级工', 4],
      ['初级', 5],
      ['初级工', 5],
    ] as [string, number][]
  ).map(([word, level]) => [key(word), level]),
);

const DECLARED = table<SurveyDeclaredGroup>({
  DISABLED: ['残疾', '残疾人', '残疾人员'],
  POOR_FAMILY_GRADUATE: ['困难家庭高校毕业生', '困难家庭毕业生'],
});

/** Groups the register works out for itself from ages, statuses and dates, so a sheet's word for them is not needed. */
const DERIVED_GROUPS = new Set(
  ['4050', '4050人员', '零就业', '零就业家庭', '零就业家庭成员', '长期失业', '长期失业人员', '就业困难人员'].map(key),
);

export const employmentStatusOf = (word: string) => STATUSES.get(key(word));
export const workTimeOf = (word: string) => WORK_TIMES.get(key(word));
export const skillLevelOf = (word: string) => LEVELS.get(key(word));

/** A declared group, 'derived' for one the register computes itself, or undefined when unknown. */
export function groupOf(word: string): SurveyDeclaredGroup | 'derived' | undefined {
  const k = key(word);
  return DECLARED.get(k) ?? (DERIVED_GROUPS.has(k) ? 'derived' : undefined);
}
