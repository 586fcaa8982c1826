import { describe, expect, it } from 'vitest';
import { codesOf, gql } from '../support/hub';

const LEVEL_COUNT = `query ($level: RegionLevel!) { regions(parentCode: "2114", level: $level) { code communityKind } }`;

describe('the official division tree of Huludao (2114), without signing in', () => {
  it('has the city with its 6 districts and counties', async () => {
    const result = await gql(`{ region(code: "2114") { name level parent { code } children { code name level } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.region.name).toBe('葫芦岛市');
    expect(result.data!.region.parent).toBeNull();
    expect(result.data!.region.children.map((c: any) => c.name)).toEqual(['连山区', '龙港区', '南票区', '绥中县', '建昌县', '兴城市']);
  });

  it('has 132 streets and townships and 1,298 communities and villages (231 urban, 1,066 villages, 1 other)', async () => {
    const streets = await gql(LEVEL_COUNT, { level: 'STREET' });
    const communities = await gql(LEVEL_COUNT, { level: 'COMMUNITY' });
    expect(streets.data!.regions).toHaveLength(132);
    expect(communities.data!.regions).toHaveLength(1298);
    const kinds = communities.data!.regions.reduce((acc: Record<string, number>, r: any) => ({ ...acc, [r.communityKind]: (acc[r.communityKind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ URBAN: 231, VILLAGE: 1066, OTHER: 1 });
  });

  it('walks a village up to the city', async () => {
    const result = await gql(`{ region(code: "211481101201") { name level ancestors { name level } } }`);
    expect(result.data!.region.level).toBe('COMMUNITY');
    expect(result.data!.region.ancestors.map((a: any) => a.level)).toEqual(['CITY', 'DISTRICT', 'STREET']);
    expect(result.data!.region.ancestors[1].name).toBe('兴城市');
  });

  it('answers an unknown code with null and a malformed one with INVALID_REGION_CODE', async () => {
    expect((await gql(`{ region(code: "211499") { name } }`)).data!.region).toBeNull();
    expect(codesOf(await gql(`{ region(code: "21-14") { name } }`))).toEqual(['INVALID_REGION_CODE']);
  });

  it('keeps everything else behind a token', async () => {
    const result = await gql(`{ residents(regionCode: "2114") { totalCount } }`);
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();
  });
});
