/** Employers and their vacancies (岗位), in the industries of the vocabulary. */
import { creditCode, localKey, mobile, type Registry } from './codes';
import { personName } from './names';
import { placeName, shortName, type CommunityPool } from './places';
import type { Rng } from './random';
import type { DemoEmployer, DemoVacancy, Gender } from './types';
import {
  benefits,
  industries,
  occupationByName,
  occupations,
  supportOccupations,
  type Education,
  type Industry,
  type Occupation,
} from './vocabulary';

/** 字号: the trade names local firms choose — the sea, the old town, luck and prosperity. */
const BRANDS = [
  '渤海', '海韵', '龙湾', '首山', '觉华', '碧海', '金岛', '辽西', '宏达', '鑫源', '华兴', '恒通', '顺达', '汇丰',
  '盛世', '嘉禾', '瑞丰', '永昌', '天成', '宏图', '海川', '星海', '蓝湾', '古城', '望海', '泰和', '润通', '德信',
  '宏运', '聚源', '益民', '安康', '福源', '金诚', '昌盛', '锦程', '新航', '兴盛', '银帆', '东戴河',
];

const EDUCATION_NAMES: Record<Education, string> = {
  NONE: '不限',
  PRIMARY: '小学',
  JUNIOR_SECONDARY: '初中',
  SENIOR_SECONDARY: '高中',
  VOCATIONAL: '中专（技校）',
  COLLEGE: '大专',
  BACHELOR: '本科',
};

/**
 * The only lawful grounds for a gender requirement are of this kind (女浴室保洁 and the like);
 * every requirement the demo sets carries its reason.
 */
const GENDER_EXCEPTIONS: Record<string, { gender: Gender; reason: string }[]> = {
  保洁员: [
    { gender: 'FEMALE', reason: '女浴室、女更衣室保洁' },
    { gender: 'MALE', reason: '男浴室、男更衣室保洁' },
  ],
  保安员: [{ gender: 'FEMALE', reason: '女职工宿舍值守及女性安检' }],
  养老护理员: [
    { gender: 'FEMALE', reason: '护理女性失能老人，需贴身照料' },
    { gender: 'MALE', reason: '护理男性失能老人，需贴身照料' },
  ],
};
const MAX_GENDER_REQUIREMENT_SHARE = 0.03;
const PUBLIC_WELFARE_SHARE = 0.1;

const HEADCOUNTS: [number, number][] = [[1, 25], [2, 25], [3, 15], [4, 8], [5, 10], [6, 4], [8, 5], [10, 8]];

const occupationsIn = (industry: string) => occupations.filter((o) => o.sector === industry);
const canOfferPublicWelfare = (industry: string) => occupationsIn(industry).some((o) => o.publicWelfare);

export interface JobsContext {
  rng: Rng;
  pool: CommunityPool;
  phones: Registry;
  creditCodes: Registry;
  names: Registry;
}

/**
 * The first employers cover every industry once, starting with one that can offer public-welfare
 * posts, so even a small demo has somewhere to put them; the rest are spread at random.
 */
export function generateEmployers(ctx: JobsContext, count: number): DemoEmployer[] {
  const { rng } = ctx;
  const welfare = industries.filter((i) => canOfferPublicWelfare(i.name));
  const first = rng.pick(welfare);
  const order: Industry[] = [first, ...rng.sample(industries.filter((i) => i !== first), industries.length)];

  return Array.from({ length: count }, (_, index) => {
    const industry = order[index] ?? rng.pick(industries);
    const districtCode = ctx.pool.pick(rng).districtCode;
    const suffix = rng.pick(industry.companySuffixes);
    const place = placeName(rng, districtCode);
    return {
      key: localKey('E', index, count),
      creditCode: creditCode(rng, ctx.creditCodes, districtCode),
      // Two trade names together (渤海鑫源) once the single ones are taken.
      name: ctx.names.claim((attempt) => place + rng.pick(BRANDS) + (attempt < 20 ? '' : rng.pick(BRANDS)) + suffix),
      industry: industry.name,
      districtCode,
      contactName: personName(rng, rng.chance(0.5) ? 'MALE' : 'FEMALE', rng.int(1965, 2000)),
      contactPhone: mobile(rng, ctx.phones),
    };
  });
}

/** Every employer gets a vacancy before any gets a second. */
export function generateVacancies(ctx: JobsContext, count: number, employers: DemoEmployer[]): DemoVacancy[] {
  if (count > 0 && employers.length === 0) throw new Error('Vacancies need at least one employer.');
  const { rng } = ctx;
  // Only some employers can offer public-welfare posts, so they offer them more often to reach 10% overall.
  const welfareEmployers = employers.filter((e) => canOfferPublicWelfare(e.industry)).length;
  const welfareChance = welfareEmployers ? Math.min(1, PUBLIC_WELFARE_SHARE / (welfareEmployers / employers.length)) : 0;
  let genderRequirementsLeft = Math.floor(count * MAX_GENDER_REQUIREMENT_SHARE);

  return Array.from({ length: count }, (_, index) => {
    const employer = employers[index] ?? rng.pick(employers);
    const own = occupationsIn(employer.industry);
    const welfareOptions = own.filter((o) => o.publicWelfare);
    const publicWelfare = welfareOptions.length > 0 && rng.chance(welfareChance);
    const occupation = publicWelfare
      ? rng.pick(welfareOptions)
      : rng.chance(0.15)
        ? occupationByName.get(rng.pick(supportOccupations))!
        : rng.pick(own);

    const exceptions = GENDER_EXCEPTIONS[occupation.name];
    const exception =
      exceptions && !publicWelfare && genderRequirementsLeft > 0 && rng.chance(0.1) ? rng.pick(exceptions) : null;
    if (exception) genderRequirementsLeft--;

    const [ageMin, ageMax] = rng.chance(0.1) ? [rng.pick([18, 18, 20, 22]), rng.pick([45, 50, 55, 60])] : [null, null];
    // Public-welfare posts are for people who find work hardest, so they ask for no schooling.
    const minEducation = publicWelfare
      ? null
      : occupation.education
        ? rng.chance(0.7) ? occupation.education : null
        : rng.weighted<Education | null>([[null, 5], ['NONE', 1], ['PRIMARY', 1], ['JUNIOR_SECONDARY', 3]]);
    const [wageMin, wageMax] = wages(rng, occupation, publicWelfare);
    const skills = rng.sample(occupation.skills, rng.int(2, Math.min(4, occupation.skills.length)));
    const location = ctx.pool.pickIn(rng, employer.districtCode);

    const title = publicWelfare
      ? `${occupation.name}（公益性岗位）`
      : exception
        ? `${occupation.name}（${exception.reason}）`
        : rng.chance(0.2) ? `急招${occupation.name}` : occupation.name;
    const requirements = [
      ageMin !== null ? `年龄${ageMin}-${ageMax}周岁。` : '',
      minEducation && minEducation !== 'NONE' ? `${EDUCATION_NAMES[minEducation]}及以上学历。` : '',
      exception ? `因${exception.reason}，限${exception.gender === 'FEMALE' ? '女' : '男'}性。` : '',
      publicWelfare ? '本岗位为公益性岗位，优先安置就业困难人员。' : '',
    ].join('');
    const perks = rng.sample(benefits, rng.int(1, 3)).join('，');
    const pay = wageMin === wageMax ? `${wageMin}` : `${wageMin}-${wageMax}`;

    return {
      key: localKey('V', index, count),
      employerKey: employer.key,
      title,
      occupation: occupation.name,
      description: `负责${skills.join('、')}等工作。${requirements}工作地点：${shortName(location.name)}附近。月薪${pay}元，${perks}。`,
      skills,
      headcount: publicWelfare ? rng.int(1, 5) : rng.weighted(HEADCOUNTS),
      wageMin,
      wageMax,
      locationCode: location.code,
      genderRequirement: exception?.gender ?? null,
      genderReason: exception?.reason ?? null,
      ageMin,
      ageMax,
      minEducation,
      publicWelfare,
    };
  });
}

const round100 = (n: number) => Math.round(n / 100) * 100;

/** Within the occupation's range, in hundreds; public-welfare posts pay a fixed sum near the bottom of it. */
function wages(rng: Rng, occupation: Occupation, publicWelfare: boolean): [number, number] {
  const [low, high] = occupation.wage;
  if (publicWelfare) {
    const fixed = round100(low + rng.int(0, 300));
    return [fixed, fixed];
  }
  const min = round100(low + (high - low) * 0.4 * rng.next());
  return [min, round100(min + (high - min) * (0.3 + 0.7 * rng.next()))];
}
