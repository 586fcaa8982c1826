import { describe, expect, it } from 'vitest';
import { ageOn, parseCreditCode, parseIdentityNumber } from '@hub/common';
import { difficultyGroups, isWorkingAge, isZeroEmploymentHousehold } from '@hub/common';
import { addDays, addYears } from './dates';
import { generateDemoData, type DemoCommunity, type DemoData } from './generate';
import { personName } from './names';
import { Rng } from './random';
import { industries, occupationByName, occupations } from './vocabulary';

const TODAY = '2026-06-30';

/** About fifty communities shaped like the official list: 社区 under 街道 (001-099), 村 under 镇/乡 (1xx-2xx). */
function fakeCommunities(): DemoCommunity[] {
  const urban = ['象山社区', '长泰社区', '兴北社区居民委员会', '欣蕗园社区', '光明社区'];
  const villages = ['曹屯村民委员会', '高家岭村村民委员会', '楼房村委会', '西一村民委员会'];
  const districts = ['211402', '211403', '211404', '211421', '211422', '211481'];
  const communities: DemoCommunity[] = [];
  for (const districtCode of districts) {
    urban.forEach((name, i) => communities.push({ code: `${districtCode}001${String(i + 1).padStart(3, '0')}`, name, districtCode }));
    villages.forEach((name, i) => communities.push({ code: `${districtCode}104${201 + i}`, name, districtCode }));
  }
  return communities.slice(0, 50);
}

const communities = fakeCommunities();
const options = { seed: 2114, communities, residents: 2000, employers: 40, vacancies: 150, centres: 5, courses: 30, today: TODAY };
const data: DemoData = generateDemoData(options);
const people = data.households.flatMap((h) => h.members);
const communityByCode = new Map(communities.map((c) => [c.code, c]));

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    const again = generateDemoData(options);
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('gives different output for a different seed', () => {
    expect(JSON.stringify(generateDemoData({ ...options, seed: 2115 }))).not.toBe(JSON.stringify(data));
  });

  it('keeps employers, vacancies and courses when only the number of residents changes', () => {
    const more = generateDemoData({ ...options, residents: 2500 });
    expect(more.employers).toEqual(data.employers);
    expect(more.vacancies).toEqual(data.vacancies);
    expect(more.courses).toEqual(data.courses);
  });
});

describe('counts', () => {
  it('makes exactly what was asked for', () => {
    expect(people).toHaveLength(options.residents);
    expect(data.employers).toHaveLength(options.employers);
    expect(data.vacancies).toHaveLength(options.vacancies);
    expect(data.centres).toHaveLength(options.centres);
    expect(data.courses).toHaveLength(options.courses);
  });

  it('makes households of one to five people at distinct addresses in the given communities', () => {
    for (const h of data.households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(5);
      expect(communityByCode.has(h.communityCode)).toBe(true);
      expect(h.address.length).toBeGreaterThanOrEqual(2);
    }
    expect(duplicates(data.households.map((h) => `${h.communityCode} ${h.address}`))).toEqual([]);
  });
});

describe('residents', () => {
  it('have identity numbers that pass the register check and agree with birth date, gender and district', () => {
    for (const h of data.households) {
      for (const p of h.members) {
        const parsed = parseIdentityNumber(p.identityNumber);
        expect(parsed.ok, p.identityNumber).toBe(true);
        if (!parsed.ok) continue;
        expect(parsed.value.birthDate).toBe(p.birthDate);
        expect(parsed.value.gender).toBe(p.gender);
        expect(parsed.value.regionCode).toBe(communityByCode.get(h.communityCode)!.districtCode);
      }
    }
  });

  it('are 16 to 70, with a status dated between their 16th birthday and today', () => {
    for (const p of people) {
      const age = ageOn(p.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(16);
      expect(age).toBeLessThanOrEqual(70);
      expect(p.statusSince >= addYears(p.birthDate, 16), `${p.birthDate} ${p.statusSince}`).toBe(true);
      expect(p.statusSince <= TODAY).toBe(true);
      expect(p.name).toMatch(/^[\p{Script=Han}]{2,4}$/u);
    }
  });

  it('have unique identity numbers and phones, and phones are 13x/15x/18x mobiles', () => {
    expect(duplicates(people.map((p) => p.identityNumber))).toEqual([]);
    const phones = [...people.flatMap((p) => (p.phone ? [p.phone] : [])), ...data.employers.map((e) => e.contactPhone)];
    expect(duplicates(phones)).toEqual([]);
    for (const phone of phones) expect(phone).toMatch(/^1[358]\d{9}$/);
  });

  it('are mostly retired past retirement age and about one in seven working-age people is unemployed', () => {
    const retirementAge = (p: (typeof people)[number]) => (p.gender === 'MALE' ? 60 : 50);
    const older = people.filter((p) => ageOn(p.birthDate, TODAY) >= retirementAge(p));
    expect(older.filter((p) => p.employmentStatus === 'RETIRED').length / older.length).toBeGreaterThan(0.7);
    const workingAge = people.filter((p) => isWorkingAge(p, TODAY));
    const unemployed = workingAge.filter((p) => p.employmentStatus === 'UNEMPLOYED').length / workingAge.length;
    expect(unemployed).toBeGreaterThan(0.1);
    expect(unemployed).toBeLessThan(0.18);
    expect(people.some((p) => p.employmentStatus === 'PUBLIC_WELFARE')).toBe(true);
    expect(people.some((p) => p.employmentStatus === 'NOT_IN_LABOUR_FORCE')).toBe(true);
  });

  it('include every hard-to-employ group, as the register itself defines them', () => {
    const found = new Set(data.households.flatMap((h) => h.members.flatMap((p) => difficultyGroups(p, isZeroEmploymentHousehold(h.members, TODAY), TODAY))));
    expect([...found].sort()).toEqual(['DISABLED', 'FORTY_FIFTY', 'LONG_TERM_UNEMPLOYED', 'POOR_FAMILY_GRADUATE', 'ZERO_EMPLOYMENT_HOUSEHOLD']);
    const zero = data.households.filter((h) => isZeroEmploymentHousehold(h.members, TODAY)).length / data.households.length;
    expect(zero).toBeGreaterThan(0.01);
    expect(zero).toBeLessThan(0.04);
    for (const p of people.filter((p) => p.declaredGroups.includes('POOR_FAMILY_GRADUATE'))) {
      expect(ageOn(p.birthDate, TODAY)).toBeGreaterThanOrEqual(21);
      expect(ageOn(p.birthDate, TODAY)).toBeLessThanOrEqual(26);
    }
  });

  it('who are unemployed have a job intention and skills from the vocabulary', () => {
    const districts = new Set(communities.map((c) => c.districtCode));
    for (const p of people) {
      if (p.employmentStatus !== 'UNEMPLOYED') {
        expect(p.jobIntention).toBeNull();
        continue;
      }
      const intention = p.jobIntention!;
      expect(intention.occupations.length).toBeGreaterThanOrEqual(1);
      for (const o of intention.occupations) expect(occupationByName.has(o)).toBe(true);
      for (const d of intention.districtCodes) expect(districts.has(d)).toBe(true);
      expect(intention.minMonthlyWage! % 100).toBe(0);
      expect(intention.minMonthlyWage).toBeGreaterThanOrEqual(1800);
      expect(intention.minMonthlyWage).toBeLessThanOrEqual(5000);
      expect(p.skills.length).toBeGreaterThanOrEqual(1);
      expect(p.skills.length).toBeLessThanOrEqual(3);
    }
    for (const skill of people.flatMap((p) => p.skills)) {
      expect([null, 3, 4, 5]).toContain(skill.certificateLevel);
    }
    expect(people.filter((p) => p.employmentStatus === 'EMPLOYED').every((p) => p.skills.length > 0)).toBe(true);
  });
});

describe('employers and vacancies', () => {
  const employerByKey = new Map(data.employers.map((e) => [e.key, e]));

  it('have unique, valid credit codes registered in their district', () => {
    expect(duplicates(data.employers.map((e) => e.creditCode))).toEqual([]);
    expect(duplicates(data.employers.map((e) => e.name))).toEqual([]);
    for (const e of data.employers) {
      const parsed = parseCreditCode(e.creditCode);
      expect(parsed.ok, e.creditCode).toBe(true);
      expect(e.creditCode.slice(0, 2)).toBe('91');
      expect(e.creditCode.slice(2, 8)).toBe(e.districtCode);
      expect(industries.map((i) => i.name)).toContain(e.industry);
      expect(e.name).toMatch(/^(葫芦岛市|兴城市|绥中县|建昌县).+(公司)$/);
    }
  });

  it('offer occupations of the vocabulary with its skills and wages, near the employer', () => {
    for (const v of data.vacancies) {
      const employer = employerByKey.get(v.employerKey)!;
      const occupation = occupationByName.get(v.occupation)!;
      expect(employer).toBeDefined();
      expect(occupation).toBeDefined();
      expect(v.skills.length).toBeGreaterThanOrEqual(2);
      expect(v.skills.length).toBeLessThanOrEqual(4);
      for (const skill of v.skills) expect(occupation.skills).toContain(skill);
      expect(v.wageMin).toBeGreaterThanOrEqual(occupation.wage[0]);
      expect(v.wageMax).toBeLessThanOrEqual(occupation.wage[1]);
      expect(v.wageMin).toBeLessThanOrEqual(v.wageMax);
      expect(v.headcount).toBeGreaterThanOrEqual(1);
      expect(v.headcount).toBeLessThanOrEqual(10);
      expect(communityByCode.get(v.locationCode)!.districtCode).toBe(employer.districtCode);
      if (v.publicWelfare) expect(occupation.publicWelfare).toBe(true);
      expect(v.genderRequirement === null).toBe(v.genderReason === null);
      if (v.ageMin !== null) expect(v.ageMin).toBeLessThan(v.ageMax!);
    }
  });

  it('include public-welfare posts, about one in ten, and very few gender requirements', () => {
    const welfare = data.vacancies.filter((v) => v.publicWelfare).length / data.vacancies.length;
    expect(welfare).toBeGreaterThan(0.05);
    expect(welfare).toBeLessThan(0.2);
    expect(data.vacancies.filter((v) => v.genderRequirement).length).toBeLessThanOrEqual(Math.floor(data.vacancies.length * 0.03));
    expect(data.vacancies.some((v) => v.ageMin !== null)).toBe(true);
  });
});

describe('training', () => {
  const vacancyByKey = new Map(data.vacancies.map((v) => [v.key, v]));
  const centreByKey = new Map(data.centres.map((c) => [c.key, c]));

  it('has accredited centres with distinct names', () => {
    expect(duplicates(data.centres.map((c) => c.name))).toEqual([]);
    expect(data.centres[0]!.name).toBe('葫芦岛市职业技能培训中心');
    for (const c of data.centres) expect(c.accreditationNumber).toMatch(/^辽人社培字〔\d{4}〕\d{3}号$/);
  });

  it('ties every order-based course to a vacancy of its employer, hiring no more than it needs', () => {
    const orderBased = data.courses.filter((c) => c.mode === 'ORDER_BASED');
    expect(orderBased.length).toBe(Math.round(options.courses * 0.4));
    for (const c of orderBased) {
      const vacancy = vacancyByKey.get(c.vacancyKey!)!;
      expect(vacancy).toBeDefined();
      expect(vacancy.employerKey).toBe(c.employerKey);
      expect(c.committedHires).toBeGreaterThanOrEqual(1);
      expect(c.committedHires).toBeLessThanOrEqual(vacancy.headcount);
      expect(c.committedHires).toBeLessThanOrEqual(c.capacity);
      expect(c.skills).toEqual(vacancy.skills);
      expect(c.title).toMatch(/（订单式）培训班/);
    }
  });

  it('gives targeted courses an occupation and general ones neither an employer nor a target', () => {
    const targeted = data.courses.filter((c) => c.mode === 'TARGETED');
    expect(targeted.length).toBe(Math.round(options.courses * 0.3));
    for (const c of targeted) expect(occupationByName.has(c.targetOccupation!)).toBe(true);
    for (const c of data.courses.filter((c) => c.mode !== 'ORDER_BASED')) {
      expect([c.employerKey, c.vacancyKey, c.committedHires]).toEqual([null, null, null]);
    }
  });

  it('runs courses near their centre, within two months of today, for 15 to 50 people', () => {
    for (const c of data.courses) {
      const centre = centreByKey.get(c.centreKey)!;
      expect(communityByCode.get(c.locationCode)!.districtCode).toBe(centre.districtCode);
      expect(c.startDate >= addDays(TODAY, -60)).toBe(true);
      expect(c.endDate <= addDays(TODAY, 60)).toBe(true);
      expect(c.startDate < c.endDate).toBe(true);
      expect(c.capacity).toBeGreaterThanOrEqual(15);
      expect(c.capacity).toBeLessThanOrEqual(50);
    }
    expect(duplicates(data.courses.map((c) => c.title))).toEqual([]);
  });
});

describe('building blocks', () => {
  it('has 25 to 35 occupations of 2 to 5 skills each, in known industries', () => {
    expect(occupations.length).toBeGreaterThanOrEqual(25);
    expect(occupations.length).toBeLessThanOrEqual(35);
    for (const o of occupations) {
      expect(o.skills.length).toBeGreaterThanOrEqual(2);
      expect(o.skills.length).toBeLessThanOrEqual(5);
      expect(o.wage[0]).toBeLessThan(o.wage[1]);
      expect(industries.some((i) => i.name === o.sector)).toBe(true);
    }
    for (const trade of ['电脑维修', '美容', '美发', '家政服务', '厨师', '保洁', '绿化']) {
      expect(occupations.some((o) => o.name.includes(trade))).toBe(true);
    }
  });

  it('draws the same numbers and names from the same seed', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return [rng.next(), rng.int(1, 6), rng.pick(['a', 'b', 'c']), rng.sample([1, 2, 3, 4, 5], 3), personName(rng, 'FEMALE', 1990)];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const rng = new Rng(1);
    const sample = rng.sample([1, 2, 3, 4, 5], 5);
    expect([...sample].sort()).toEqual([1, 2, 3, 4, 5]);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(rng.weighted([['never', 0], ['always', 1]])).toBe('always');
  });

  it('stays valid and unique at 100,000 residents', () => {
    const large = generateDemoData({ ...options, residents: 100_000 });
    const ids = large.households.flatMap((h) => h.members.map((p) => p.identityNumber));
    expect(ids).toHaveLength(100_000);
    expect(new Set(ids).size).toBe(100_000);
  }, 30_000);
});
