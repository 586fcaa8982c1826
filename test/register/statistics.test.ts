import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, ok } from '../support/hub';
import { resident } from '../support/fixtures';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const STATS = `query ($code: ID!) { region(code: $code) {
  statistics { labourForce employed unemployed employmentRate zeroEmploymentHouseholds fortyFifty longTermUnemployed openCases }
  fullEmploymentAssessment { certified employmentRate reasons }
  fullEmploymentCommunities { community { code } }
  fullEmployment { assessed certified averageCommunityEmploymentRate } } }`;

describe('statistics rolled up the tree, and full-employment certification', () => {
  // A village in 建昌县 that no other test writes to, so every figure is this test's own.
  let village: string;
  let street: string;
  beforeAll(async () => {
    const data = await ok(`{ regions(parentCode: "211422", level: COMMUNITY) { code parent { code } } }`);
    const last = data.regions.at(-1);
    village = last.code;
    street = last.parent.code;
  });

  it('counts the labour force and fails a community below 95 %, saying why', async () => {
    const token = await adminToken();
    const a = await resident({ communityCode: village, age: 35, gender: 'MALE', employmentStatus: 'EMPLOYED' });
    await resident({ householdId: a.householdId, age: 33, employmentStatus: 'FLEXIBLE' });
    await resident({ householdId: a.householdId, age: 70, gender: 'MALE', employmentStatus: 'RETIRED' });
    const b = await resident({ communityCode: village, age: 44, employmentStatus: 'EMPLOYED' });
    const jobless = await resident({ householdId: b.householdId, age: 45, gender: 'FEMALE', employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(30) });

    let data = (await ok(STATS, { code: village }, token)).region;
    expect(data.statistics).toEqual({
      labourForce: 4, employed: 3, unemployed: 1, employmentRate: 0.75, zeroEmploymentHouseholds: 0, fortyFifty: 1, longTermUnemployed: 0, openCases: 1,
    });
    expect(data.fullEmploymentAssessment).toEqual({ certified: false, employmentRate: 0.75, reasons: ['Employment rate 75.0 % is below 95.0 % (3 of 4 employed).'] });

    // She is placed in a public-welfare position: everyone able and willing works.
    await ok(`mutation ($id: ID!) { recordEmployment(residentId: $id, kind: PUBLIC_WELFARE) { id } }`, { id: jobless.id }, token);
    data = (await ok(STATS, { code: village }, token)).region;
    expect(data.statistics).toMatchObject({ labourForce: 4, employed: 4, employmentRate: 1, fortyFifty: 0, openCases: 0 });
    expect(data.fullEmploymentAssessment).toEqual({ certified: true, employmentRate: 1, reasons: [] });

    // The street sums its communities; only this village has people in it.
    const streetData = (await ok(STATS, { code: street }, token)).region;
    expect(streetData.statistics).toEqual(data.statistics);
    expect(streetData.fullEmploymentAssessment).toBeNull();
    expect(streetData.fullEmploymentCommunities).toEqual([{ community: { code: village } }]);
    expect(streetData.fullEmployment).toEqual({ assessed: 1, certified: 1, averageCommunityEmploymentRate: 1 });
  });

  it('fails a community with a zero-employment household or someone unemployed over six months', async () => {
    const token = await adminToken();
    await resident({ communityCode: village, age: 38, gender: 'MALE', employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(220) });
    const data = (await ok(STATS, { code: village }, token)).region;
    expect(data.statistics).toMatchObject({ zeroEmploymentHouseholds: 1, longTermUnemployed: 1, unemployed: 1 });
    expect(data.fullEmploymentAssessment.certified).toBe(false);
    expect(data.fullEmploymentAssessment.reasons).toEqual([
      'Employment rate 80.0 % is below 95.0 % (4 of 5 employed).',
      '1 zero-employment household(s); at most 0 allowed.',
      '1 person(s) unemployed six months or more; at most 0 allowed.',
    ]);
    const city = (await ok(STATS, { code: '2114' }, token)).region;
    expect(city.statistics.labourForce).toBeGreaterThanOrEqual(5);
    expect(city.fullEmployment.assessed).toBeGreaterThanOrEqual(1);
  });
});
