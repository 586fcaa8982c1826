/**
 * Training centres and courses: 订单式 (order-based, for an employer's vacancy with committed
 * hires), 定向 (targeted at an occupation in demand) and 通用 (general).
 */
import { localKey, type Registry } from './codes';
import { addDays } from './dates';
import { placeName, type CommunityPool } from './places';
import type { Rng } from './random';
import type { CourseMode, DemoCourse, DemoEmployer, DemoTrainingCentre, DemoVacancy } from './types';
import { generalCourses, occupationByName, occupations, type Occupation } from './vocabulary';

/** The city's own centre comes first; the others are district and county schools. */
const CITY_CENTRE = '葫芦岛市职业技能培训中心';
const CENTRE_BRANDS = ['', '', '阳光', '育才', '启航', '蓝海', '新起点', '金钥匙', '海滨', '技能之星'];
const CENTRE_KINDS = ['职业技能培训学校', '职业培训学校', '就业训练中心', '技工学校'];

export interface TrainingContext {
  rng: Rng;
  pool: CommunityPool;
  today: string;
  names: Registry;
  accreditations: Registry;
}

export function generateCentres(ctx: TrainingContext, count: number): Omit<DemoTrainingCentre, 'trades'>[] {
  const { rng } = ctx;
  const todayYear = Number(ctx.today.slice(0, 4));
  // The city centre in the most urban district, the others spread over the rest before doubling up in any.
  const [central, ...rest] = ctx.pool.districtsByWeight();
  const districts = [central!, ...rng.sample(rest, rest.length)];
  return Array.from({ length: count }, (_, index) => {
    const districtCode = districts[index % districts.length]!;
    const name = ctx.names.claim((attempt) =>
      index === 0 && attempt === 0
        ? CITY_CENTRE
        : placeName(rng, districtCode) + rng.pick(CENTRE_BRANDS) + (attempt < 20 ? '' : rng.pick(CENTRE_BRANDS)) + rng.pick(CENTRE_KINDS),
    );
    return {
      key: localKey('T', index, count),
      name,
      districtCode,
      // 辽人社培字〔2024〕017号: the Liaoning human-resources department's approval document.
      accreditationNumber: ctx.accreditations.claim(
        () => `辽人社培字〔${rng.int(todayYear - 6, todayYear - 1)}〕${String(rng.int(1, 199)).padStart(3, '0')}号`,
      ),
    };
  });
}

const MODE_SHARES: [CourseMode, number][] = [['ORDER_BASED', 0.4], ['TARGETED', 0.3]];

export function generateCourses(
  ctx: TrainingContext,
  count: number,
  centres: Omit<DemoTrainingCentre, 'trades'>[],
  employers: DemoEmployer[],
  vacancies: DemoVacancy[],
): DemoCourse[] {
  if (count > 0 && centres.length === 0) throw new Error('Courses need at least one training centre.');
  const { rng } = ctx;
  const modes = rng.sample(courseModes(count, vacancies.length > 0), count);
  // Order-based training is for employers hiring several people, outside public-welfare posts.
  const bulk = vacancies.filter((v) => !v.publicWelfare && v.headcount >= 2);
  const orders = rng.sample(bulk.length ? bulk : vacancies, vacancies.length);
  const districtOf = new Map(employers.map((e) => [e.key, e.districtCode]));
  const inDemand = vacancies.map((v) => occupationByName.get(v.occupation)!);
  const titles = new Map<string, number>();
  let ordersUsed = 0;

  return modes.map((mode, index) => {
    const vacancy = mode === 'ORDER_BASED' ? orders[ordersUsed++ % orders.length]! : null;
    const { title, skills, occupation, trade } = topic(rng, mode, vacancy, inDemand);
    const nearby = vacancy ? centres.filter((c) => c.districtCode === districtOf.get(vacancy.employerKey)) : [];
    const centre = rng.pick(nearby.length ? nearby : centres);
    const capacity = rng.int(15, 50);
    const days = mode === 'ORDER_BASED' ? rng.int(7, 20) : rng.int(5, 30);
    const startDate = addDays(ctx.today, rng.int(-60, 60 - days));
    // Repeated courses are numbered as sessions: 家政服务员（订单式）培训班（第2期）.
    const session = (titles.get(title) ?? 0) + 1;
    titles.set(title, session);

    return {
      key: localKey('C', index, count),
      centreKey: centre.key,
      title: session > 1 ? `${title}（第${session}期）` : title,
      mode,
      skills,
      startDate,
      endDate: addDays(startDate, days),
      capacity,
      locationCode: ctx.pool.pickIn(rng, centre.districtCode).code,
      employerKey: vacancy?.employerKey ?? null,
      vacancyKey: vacancy?.key ?? null,
      committedHires: vacancy ? Math.min(capacity, rng.int(Math.ceil(vacancy.headcount / 2), vacancy.headcount)) : null,
      targetOccupation: mode === 'TARGETED' ? occupation!.name : null,
      trade,
    };
  });
}

/**
 * What a course teaches: an order-based course the skills of its vacancy, a targeted one an
 * occupation employers are asking for, a general one either an occupation or a general topic.
 */
function topic(
  rng: Rng,
  mode: CourseMode,
  vacancy: DemoVacancy | null,
  inDemand: Occupation[],
): { title: string; skills: string[]; occupation: Occupation | null; trade: string } {
  if (vacancy) {
    const occupation = occupationByName.get(vacancy.occupation)!;
    return { title: `${occupation.name}（订单式）培训班`, skills: vacancy.skills.slice(), occupation, trade: occupation.name };
  }
  if (mode === 'GENERAL' && rng.chance(0.5)) {
    const general = rng.pick(generalCourses);
    return { title: general.title, skills: general.skills.slice(), occupation: null, trade: general.trade };
  }
  const occupation = inDemand.length && rng.chance(0.7) ? rng.pick(inDemand) : rng.pick(occupations);
  return {
    title: `${occupation.name}${mode === 'TARGETED' ? '（定向）' : '技能提升'}培训班`,
    skills: rng.sample(occupation.skills, rng.int(2, Math.min(4, occupation.skills.length))),
    occupation,
    trade: occupation.name,
  };
}

/** Each centre is approved for the trades its courses teach (and a centre without courses for none). */
export function withTrades(centres: Omit<DemoTrainingCentre, 'trades'>[], courses: DemoCourse[]): DemoTrainingCentre[] {
  return centres.map((c) => ({ ...c, trades: [...new Set(courses.filter((course) => course.centreKey === c.key).map((course) => course.trade))].sort() }));
}

/** 40% order-based and 30% targeted, exactly as far as rounding allows; order-based needs vacancies. */
function courseModes(count: number, haveVacancies: boolean): CourseMode[] {
  const modes: CourseMode[] = [];
  for (const [mode, share] of MODE_SHARES) {
    const n = Math.round(count * share);
    for (let i = 0; i < n; i++) modes.push(mode === 'ORDER_BASED' && !haveVacancies ? 'TARGETED' : mode);
  }
  // Rounding both shares up still leaves room: 0.4n + 0.3n + 1 <= n from n = 4, and n < 4 checks out by hand.
  while (modes.length < count) modes.push('GENERAL');
  return modes;
}
