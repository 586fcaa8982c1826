import { describe, expect, it } from 'vitest';
import { adminToken, ok } from '../support/hub';
import { COMMUNITY, employer, household, resident, vacancy } from '../support/fixtures';

/**
 * Relevance, measured: graded judgements (3 = the job for this person, 2 = a good fit, 1 = worth
 * a look, 0 = no) written by hand from the seed's trades, for 9 people and 10 vacancies. The
 * ranking of jobMatches is compared with a plain keyword search of the same words, in the same run.
 */
const VACANCIES = {
  cook: { title: '酒店厨师', occupation: '厨师', mustHaveSkills: ['中式烹调', '刀工'], niceToHaveSkills: ['海鲜烹饪'], wageMin: 4000, wageMax: 6000, locationCode: COMMUNITY.lianshan },
  pastry: { title: '面点师', occupation: '面点师', mustHaveSkills: ['中式面点'], niceToHaveSkills: [], wageMin: 3000, wageMax: 5000, locationCode: COMMUNITY.lianshan },
  cleaner: { title: '小区保洁员', occupation: '保洁员', mustHaveSkills: ['日常保洁'], niceToHaveSkills: ['垃圾分类'], wageMin: 2000, wageMax: 2800, locationCode: COMMUNITY.lianshan },
  housekeeper: { title: '家政服务员', occupation: '家政服务员', mustHaveSkills: ['家庭保洁', '老人陪护'], niceToHaveSkills: ['家常菜烹饪'], wageMin: 2800, wageMax: 4000, locationCode: COMMUNITY.lianshan2 },
  pcRepair: { title: '电脑维修技术员', occupation: '电脑维修工', mustHaveSkills: ['计算机维修', '硬件故障检修'], niceToHaveSkills: ['计算机组装'], wageMin: 3500, wageMax: 5500, locationCode: COMMUNITY.xingcheng },
  hairdresser: { title: '发型师', occupation: '美发师', mustHaveSkills: ['剪发', '烫染'], niceToHaveSkills: [], wageMin: 3000, wageMax: 6000, locationCode: COMMUNITY.lianshan },
  welder: { title: '船舶配套电焊工', occupation: '焊工', mustHaveSkills: ['手工电弧焊'], niceToHaveSkills: ['氩弧焊'], wageMin: 5000, wageMax: 8000, locationCode: COMMUNITY.xingcheng },
  gardener: { title: '园林绿化工', occupation: '绿化工', mustHaveSkills: ['花木养护'], niceToHaveSkills: ['草坪修剪'], wageMin: 2000, wageMax: 3000, locationCode: COMMUNITY.lianshan2 },
  forklift: { title: '仓库叉车司机', occupation: '叉车司机', mustHaveSkills: ['叉车驾驶'], niceToHaveSkills: ['货物装卸'], wageMin: 4000, wageMax: 5500, locationCode: COMMUNITY.lianshan },
  cashier: { title: '超市收银员', occupation: '收银员', mustHaveSkills: ['收银操作'], niceToHaveSkills: ['商品扫码'], wageMin: 2200, wageMax: 3000, locationCode: COMMUNITY.lianshan },
} as const;
type VacancyKey = keyof typeof VACANCIES;

interface Person {
  name: string;
  communityCode: string;
  gender: 'MALE' | 'FEMALE';
  skills: string[];
  occupations: string[];
  keywords: string[];
  minMonthlyWage: number | null;
  /** Grades of the vacancies that are of any use; every other vacancy is graded 0. */
  grades: Partial<Record<VacancyKey, 1 | 2 | 3>>;
}

const PEOPLE: Person[] = [
  { name: 'cook', communityCode: COMMUNITY.lianshan, gender: 'MALE', skills: ['炒菜', '刀工'], occupations: ['厨师'], keywords: ['包吃住'], minMonthlyWage: 3500, grades: { cook: 3, pastry: 2, housekeeper: 1 } },
  { name: 'cleaner', communityCode: COMMUNITY.lianshan, gender: 'FEMALE', skills: ['保洁'], occupations: ['保洁员'], keywords: ['离家近'], minMonthlyWage: null, grades: { cleaner: 3, housekeeper: 2, gardener: 1, cashier: 1 } },
  { name: 'pc', communityCode: COMMUNITY.xingcheng, gender: 'MALE', skills: ['电脑维修', '装机'], occupations: ['计算机维修工'], keywords: [], minMonthlyWage: 3000, grades: { pcRepair: 3 } },
  { name: 'hair', communityCode: COMMUNITY.lianshan, gender: 'FEMALE', skills: ['理发', '染发'], occupations: ['理发师'], keywords: [], minMonthlyWage: 3000, grades: { hairdresser: 3 } },
  { name: 'housekeeping', communityCode: COMMUNITY.lianshan2, gender: 'FEMALE', skills: ['家务', '照顾老人'], occupations: ['保姆'], keywords: ['离家近'], minMonthlyWage: 2500, grades: { housekeeper: 3, cleaner: 2, cook: 1 } },
  { name: 'welder', communityCode: COMMUNITY.xingcheng, gender: 'MALE', skills: ['电焊'], occupations: ['电焊工'], keywords: ['五险一金'], minMonthlyWage: 5000, grades: { welder: 3 } },
  { name: 'gardener', communityCode: COMMUNITY.lianshan2, gender: 'MALE', skills: ['绿化', '剪草'], occupations: ['园林工'], keywords: [], minMonthlyWage: null, grades: { gardener: 3, cleaner: 1 } },
  { name: 'forklift', communityCode: COMMUNITY.lianshan, gender: 'MALE', skills: ['开叉车'], occupations: ['叉车工', '货车司机'], keywords: [], minMonthlyWage: 4000, grades: { forklift: 3 } },
  { name: 'cashier', communityCode: COMMUNITY.lianshan, gender: 'FEMALE', skills: ['收银'], occupations: ['收银员', '导购'], keywords: ['双休'], minMonthlyWage: null, grades: { cashier: 3, cleaner: 1 } },
];

const gradeOf = (person: Person, key: VacancyKey | undefined) => (key ? (person.grades[key] ?? 0) : 0);

function ndcgAt(grades: number[], ideal: number[], k: number): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best === 0 ? 1 : dcg(grades) / best;
}

const precisionAt = (grades: number[], k: number) => grades.slice(0, k).filter((g) => g >= 2).length / k;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('relevance of job matches', () => {
  it(`ranks ${PEOPLE.length * Object.keys(VACANCIES).length} judged pairs better than a plain keyword search`, async () => {
    const admin = await adminToken();
    const boss = await employer();
    const keyOf = new Map<string, VacancyKey>();
    for (const [key, spec] of Object.entries(VACANCIES)) keyOf.set(await vacancy(boss, { ...spec, description: '' }), key as VacancyKey);
    const people = [];
    for (const p of PEOPLE) {
      // A working member keeps the household off the zero-employment list; it plays no part here.
      const home = await household(p.communityCode);
      await resident({ householdId: home, age: 50, gender: 'MALE', employmentStatus: 'EMPLOYED' });
      const r = await resident({
        householdId: home,
        age: 38,
        gender: p.gender,
        skills: p.skills.map((name) => ({ name })),
        jobIntention: { occupations: p.occupations, keywords: p.keywords, minMonthlyWage: p.minMonthlyWage, workTime: 'FULL_TIME' },
      });
      people.push({ spec: p, id: r.id });
    }
    const filter = { employerIds: [boss] };
    // Wait until the index holds all ten.
    for (let i = 0; i < 100; i++) {
      const found = await ok<{ searchVacancies: { total: number } }>(`query ($f: JobMatchFilter) { searchVacancies(query: "", filter: $f) { total } }`, { f: filter }, admin);
      if (found.searchVacancies.total === keyOf.size) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const ours = { ndcg: [] as number[], p5: [] as number[] };
    const baseline = { ndcg: [] as number[], p5: [] as number[] };
    for (const { spec, id } of people) {
      const ideal = Object.keys(VACANCIES).map((k) => gradeOf(spec, k as VacancyKey));
      const matches = await ok<{ resident: { jobMatches: { vacancy: { id: string } }[] } }>(
        `query ($id: ID!, $f: JobMatchFilter) { resident(id: $id) { jobMatches(first: 10, filter: $f) { vacancy { id } } } }`,
        { id, f: filter },
        admin,
      );
      const ranked = matches.resident.jobMatches.map((m) => gradeOf(spec, keyOf.get(m.vacancy.id)));
      ours.ndcg.push(ndcgAt(ranked, ideal, 10));
      ours.p5.push(precisionAt(ranked, 5));

      // The baseline: the person's own words, as a keyword query on the same index.
      const words = [...spec.skills, ...spec.occupations, ...spec.keywords].join(' ');
      const searched = await ok<{ searchVacancies: { vacancies: { id: string }[] } }>(
        `query ($q: String!, $f: JobMatchFilter) { searchVacancies(query: $q, filter: $f, first: 10) { vacancies { id } } }`,
        { q: words, f: filter },
        admin,
      );
      const keyword = searched.searchVacancies.vacancies.map((v) => gradeOf(spec, keyOf.get(v.id)));
      baseline.ndcg.push(ndcgAt(keyword, ideal, 10));
      baseline.p5.push(precisionAt(keyword, 5));
    }
    const report = {
      judgements: PEOPLE.length * keyOf.size,
      nDCG10: { matching: mean(ours.ndcg), keyword: mean(baseline.ndcg) },
      precision5: { matching: mean(ours.p5), keyword: mean(baseline.p5) },
    };
    console.log(
      `relevance over ${report.judgements} judgements: nDCG@10 matching ${report.nDCG10.matching.toFixed(3)} vs keyword ${report.nDCG10.keyword.toFixed(3)}; ` +
        `P@5 matching ${report.precision5.matching.toFixed(3)} vs keyword ${report.precision5.keyword.toFixed(3)}`,
    );
    expect(report.judgements).toBeGreaterThanOrEqual(60);
    expect(report.nDCG10.matching).toBeGreaterThanOrEqual(report.nDCG10.keyword);
    expect(report.precision5.matching).toBeGreaterThanOrEqual(report.precision5.keyword);
    expect(report.nDCG10.matching).toBeGreaterThan(0.8);
  });
});
