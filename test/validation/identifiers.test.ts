import { describe, expect, it } from 'vitest';
import { birthDateForAge, fakeCreditCode, fakeIdentityNumber } from '@hub/common/testing';
import { adminToken, codesOf, gql, ok } from '../support/hub';
import { employer, household } from '../support/fixtures';

const REGISTER = `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
const MEMBERS = `query ($id: ID!) { household(id: $id) { members { id } } }`;

/** Flips the last digit before the check digit, so the checksum no longer matches. */
const mistype = (id: string) => `${id.slice(0, 16)}${(Number(id[16]) + 2) % 10}${id[17]}`;

describe('identity numbers (GB 11643-1999) are checked before anything is written', () => {
  const birthDate = birthDateForAge(48);
  const valid = fakeIdentityNumber(birthDate, 'FEMALE');
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a wrong check digit', { identityNumber: mistype(valid) }, /check digit/],
    ['too few characters', { identityNumber: valid.slice(0, 17) }, /18 characters/],
    ['a letter inside', { identityNumber: `${valid.slice(0, 10)}A${valid.slice(11)}` }, /18 characters/],
    ['an impossible birth date', { identityNumber: fixCheck(`${valid.slice(0, 10)}1332${valid.slice(14)}`) }, /not a possible birth date/],
    ['a birth date that disagrees', { birthDate: '1990-01-01' }, /gives the birth date/],
    ['a sex that disagrees', { gender: 'MALE' }, /woman's, but male was entered/],
  ];

  for (const [what, change, message] of cases) {
    it(`refuses ${what} with INVALID_IDENTITY_NUMBER and writes nothing`, async () => {
      const token = await adminToken();
      const householdId = await household();
      const input = { householdId, name: '刘桂芝', identityNumber: valid, gender: 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED', skills: [{ name: '保洁' }], ...change };
      const result = await gql(REGISTER, { input }, token);
      expect(codesOf(result)).toEqual(['INVALID_IDENTITY_NUMBER']);
      expect(result.errors![0]!.message).toMatch(message);
      expect(result.errors![0]!.extensions).toMatchObject({ field: 'identityNumber' });
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|insert|select|at \w+ \(/i);
      const after = await ok(MEMBERS, { id: householdId }, token);
      expect(after.household.members).toEqual([]);
    });
  }

  it('accepts the valid number, then refuses it a second time as a duplicate', async () => {
    const token = await adminToken();
    const householdId = await household();
    const input = { householdId, name: '刘桂芝', identityNumber: valid, gender: 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED' };
    await ok(REGISTER, { input }, token);
    const again = await gql(REGISTER, { input }, token);
    expect(codesOf(again)).toEqual(['DUPLICATE']);
    expect((await ok(MEMBERS, { id: householdId }, token)).household.members).toHaveLength(1);
  });

  it('keeps a resident and their skills together: a bad skill level writes neither', async () => {
    const token = await adminToken();
    const householdId = await household();
    const born = birthDateForAge(30);
    const input = {
      householdId, name: '赵磊', identityNumber: fakeIdentityNumber(born, 'MALE'), gender: 'MALE', birthDate: born,
      employmentStatus: 'UNEMPLOYED', skills: [{ name: '电工', certificateLevel: 9 }],
    };
    const result = await gql(REGISTER, { input }, token);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect((await ok(MEMBERS, { id: householdId }, token)).household.members).toEqual([]);
  });
});

function fixCheck(first18: string) {
  // Recompute the check digit so only the birth date is wrong.
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first18.slice(0, 17)].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first18.slice(0, 17) + '10X98765432'[sum % 11];
}

describe('unified social credit codes (GB 32100-2015) are checked before anything is written', () => {
  const REGISTER_EMPLOYER = `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`;
  const COUNT = `query ($search: String) { employers(search: $search) { totalCount } }`;
  const valid = fakeCreditCode();
  const last = valid[17]!;
  const cases: [string, string, RegExp][] = [
    ['a wrong check character', valid.slice(0, 17) + (last === '0' ? '1' : '0'), /check character/],
    ['a forbidden letter', `${valid.slice(0, 10)}O${valid.slice(11)}`, /cannot appear/],
    ['17 characters', valid.slice(0, 17), /18 characters/],
    ['an unknown registration authority', `Z${valid.slice(1)}`, /cannot appear/],
  ];
  for (const [what, creditCode, message] of cases) {
    it(`refuses ${what} with INVALID_CREDIT_CODE and writes nothing`, async () => {
      const token = await adminToken();
      const name = `测试企业 ${what}`;
      const result = await gql(REGISTER_EMPLOYER, { input: { creditCode, name, industry: '制造业', districtCode: '211402' } }, token);
      expect(codesOf(result)).toEqual(['INVALID_CREDIT_CODE']);
      expect(result.errors![0]!.message).toMatch(message);
      expect((await ok(COUNT, { search: name }, token)).employers.totalCount).toBe(0);
    });
  }

  it('accepts a valid code once and refuses the same code again', async () => {
    const token = await adminToken();
    const input = { creditCode: valid, name: '兴城市海韵泳装有限公司', industry: '服装制造', districtCode: '211481' };
    await ok(REGISTER_EMPLOYER, { input }, token);
    expect(codesOf(await gql(REGISTER_EMPLOYER, { input }, token))).toEqual(['DUPLICATE']);
    expect((await ok(COUNT, { search: valid }, token)).employers.totalCount).toBe(1);
  });
});

describe('region codes are checked for form and for membership of the city', () => {
  it.each([
    ['21140', /not a region code/],
    ['2114020010010', /not a region code/],
    ['211499', /not part of this city/],
    ['211402001', /is a street, not a community/],
  ])('refuses a household in %s', async (communityCode, message) => {
    const result = await gql(
      `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      { input: { communityCode, address: '测试路 2 号' } },
      await adminToken(),
    );
    expect(codesOf(result)).toEqual(['INVALID_REGION_CODE']);
    expect(result.errors![0]!.message).toMatch(message);
  });

  it('refuses a vacancy located outside the city', async () => {
    const employerId = await employer();
    const result = await gql(
      `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`,
      { input: { employerId, title: '保洁员', occupation: '保洁员', headcount: 1, wageMin: 2000, wageMax: 2500, locationCode: '110101001001' } },
      await adminToken(),
    );
    expect(codesOf(result)).toEqual(['INVALID_REGION_CODE']);
    expect(result.errors![0]!.message).toMatch(/not part of this city/);
  });
});
