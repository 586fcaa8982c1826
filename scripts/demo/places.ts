/** Place names and addresses built from the real community list the caller passes in. */
import type { Registry } from './codes';
import type { Rng } from './random';
import type { DemoCommunity } from './types';

/** Huludao's districts and counties (GB/T 2260); other codes get addresses without a district. */
const DISTRICT_NAMES: Record<string, string> = {
  '211402': '连山区',
  '211403': '龙港区',
  '211404': '南票区',
  '211421': '绥中县',
  '211422': '建昌县',
  '211481': '兴城市',
};

/** Xingcheng, Suizhong and Jianchang name their own firms; the three city districts trade as 葫芦岛市. */
const COUNTY_PLACES: Record<string, string> = { '211421': '绥中县', '211422': '建昌县', '211481': '兴城市' };

const VILLAGE_COMMITTEE = /(村民委员会|村委员会|村委会)$/;
const RESIDENTS_COMMITTEE = /(居民委员会|居委会)$/;

export function isVillage(name: string): boolean {
  return VILLAGE_COMMITTEE.test(name) || name.endsWith('村');
}

/** The name people use: 高家岭村村民委员会 is 高家岭村, 西一村民委员会 is 西一村, 兴北社区居民委员会 is 兴北社区. */
export function shortName(name: string): string {
  if (isVillage(name)) {
    const stem = name.replace(VILLAGE_COMMITTEE, '');
    return stem.endsWith('村') ? stem : `${stem}村`;
  }
  return name.replace(RESIDENTS_COMMITTEE, '');
}

/** The place a firm or school in this district calls itself after: 兴城市, or 葫芦岛市 with or without the district. */
export function placeName(rng: Rng, districtCode: string): string {
  const county = COUNTY_PLACES[districtCode];
  if (county) return county;
  const district = DISTRICT_NAMES[districtCode];
  return district && rng.chance(0.3) ? `葫芦岛市${district}` : '葫芦岛市';
}

/**
 * A street address in a 社区 (龙港区 象山街 12号 3单元 401) or a house in a village group (曹屯村 3组 15号).
 * Crowded villages can run out of plausible numbers, so the ranges widen on repeated attempts.
 */
export function householdAddress(rng: Rng, registry: Registry, community: DemoCommunity): string {
  const short = shortName(community.name);
  if (isVillage(community.name)) {
    return registry.claim((attempt) => `${short} ${rng.int(1, 12)}组 ${rng.int(1, attempt < 20 ? 120 : 999)}号`, community.code);
  }
  const district = DISTRICT_NAMES[community.districtCode];
  // 象山社区 lies along 象山街 or 象山路; a place that is not a 社区 (a 生活区) is its own street.
  const street = short.endsWith('社区') && short.length > 2 ? `${short.slice(0, -2)}${rng.pick(['街', '路'])}` : short;
  return registry.claim((attempt) => {
    // Most of the city's housing is older six- and seven-storey blocks.
    const floor = rng.chance(0.75) ? rng.int(1, 7) : rng.int(8, 26);
    const building = rng.int(1, attempt < 20 ? 220 : 999);
    const place = `${street} ${building}号 ${rng.int(1, 6)}单元 ${floor}0${rng.int(1, 4)}`;
    return district ? `${district} ${place}` : place;
  }, community.code);
}

/**
 * Where households and vacancies are put: urban communities (名称含 社区) count twice, as they
 * are denser than villages. Kept as a flat list so a pick costs one draw even for 1,300 communities.
 */
export class CommunityPool {
  private readonly all: DemoCommunity[] = [];
  readonly districts: string[];
  private readonly byDistrict = new Map<string, DemoCommunity[]>();

  constructor(communities: DemoCommunity[]) {
    for (const community of communities) {
      const copies = community.name.includes('社区') ? 2 : 1;
      const inDistrict = this.byDistrict.get(community.districtCode) ?? [];
      for (let i = 0; i < copies; i++) {
        this.all.push(community);
        inDistrict.push(community);
      }
      this.byDistrict.set(community.districtCode, inDistrict);
    }
    this.districts = [...this.byDistrict.keys()];
  }

  /** Districts with the most urban weight first: where the city's own institutions sit. */
  districtsByWeight(): string[] {
    return this.districts.slice().sort((a, b) => this.byDistrict.get(b)!.length - this.byDistrict.get(a)!.length || a.localeCompare(b));
  }

  pick(rng: Rng): DemoCommunity {
    return rng.pick(this.all);
  }

  pickIn(rng: Rng, districtCode: string): DemoCommunity {
    const list = this.byDistrict.get(districtCode);
    if (!list) throw new Error(`No community in district ${districtCode}.`);
    return rng.pick(list);
  }
}
