import { describe, expect, it } from 'vitest';
import { birthDateForAge, fakeIdentityNumber } from '@hub/common/testing';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY } from '../support/fixtures';

const IMPORT = `mutation ($input: HouseholdSurveyInput!) { importHouseholdSurvey(input: $input) { householdId created updated } }`;
const HOUSEHOLD = `query ($id: ID!) { household(id: $id) { situation members { name employmentStatus monthlyIncome skills { name } declaredGroups { group evidence } history { kind } } } }`;

function sheetHousehold() {
  const husbandBirth = birthDateForAge(52);
  const wifeBirth = birthDateForAge(47);
  return {
    communityCode: COMMUNITY.lianshan,
    address: '连山区 欣蕗园 3号楼 2单元 502',
    situation: '夫妻二人，子女在外地上学',
    members: [
      { name: '赵国强', identityNumber: fakeIdentityNumber(husbandBirth, 'MALE'), gender: 'MALE', birthDate: husbandBirth, phone: '13904291111', employmentStatus: 'UNEMPLOYED', monthlyIncome: 0, skills: [{ name: '电工', certificateLevel: 4 }] },
      { name: '钱秀英', identityNumber: fakeIdentityNumber(wifeBirth, 'FEMALE'), gender: 'FEMALE', birthDate: wifeBirth, employmentStatus: 'FLEXIBLE', monthlyIncome: 1800, declaredGroups: ['DISABLED'] },
    ],
  };
}

describe('importing survey households', () => {
  it('creates a household, and a re-import updates the same people instead of adding them again', async () => {
    const token = await adminToken();
    const sheet = sheetHousehold();
    const first = (await ok(IMPORT, { input: sheet }, token)).importHouseholdSurvey;
    expect(first).toMatchObject({ created: 2, updated: 0 });

    const again = structuredClone(sheet);
    again.members[0]!.employmentStatus = 'EMPLOYED';
    again.members[0]!.monthlyIncome = 3500;
    const second = (await ok(IMPORT, { input: again }, token)).importHouseholdSurvey;
    expect(second).toEqual({ householdId: first.householdId, created: 0, updated: 2 });

    const household = (await ok(HOUSEHOLD, { id: first.householdId }, token)).household;
    expect(household.situation).toBe('夫妻二人，子女在外地上学');
    expect(household.members).toHaveLength(2);
    const husband = household.members.find((m: any) => m.name === '赵国强');
    expect(husband).toMatchObject({ employmentStatus: 'EMPLOYED', monthlyIncome: 3500, skills: [{ name: '电工' }] });
    expect(husband.history.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['REGISTERED', 'EMPLOYED', 'INCOME_CHANGED', 'SURVEYED']));
    const wife = household.members.find((m: any) => m.name === '钱秀英');
    expect(wife.declaredGroups).toEqual([{ group: 'DISABLED', evidence: '入户调查表登记' }]);
  });

  it('refuses the whole household when one member is wrong, writing nothing', async () => {
    const token = await adminToken();
    const sheet = sheetHousehold();
    const good = sheet.members[1]!.identityNumber;
    sheet.members[0]!.identityNumber = `${sheet.members[0]!.identityNumber.slice(0, 17)}${sheet.members[0]!.identityNumber[17] === '0' ? '1' : '0'}`;
    const result = await gql(IMPORT, { input: sheet }, token);
    expect(codesOf(result)).toEqual(['INVALID_IDENTITY_NUMBER']);
    // The valid member was not written either: importing her alone now creates her.
    const alone = { ...sheet, members: [sheet.members[1]!] };
    expect((await ok(IMPORT, { input: alone }, token)).importHouseholdSurvey).toMatchObject({ created: 1, updated: 0 });
    expect(good).toBe(alone.members[0]!.identityNumber);
  });

  it('refuses a coordinator importing into another region', async () => {
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'x', regionCode: COMMUNITY.xingcheng });
    expect(codesOf(await gql(IMPORT, { input: sheetHousehold() }, outsider))).toEqual(['FORBIDDEN']);
  });
});
