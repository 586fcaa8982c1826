import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok } from '../support/hub';
import { employer } from '../support/fixtures';
import { APPROVE, coordinator, employerToken, fortyFiftyWoman, key, PAY, personAssessment, REJECT, submission, SUBMIT, thisMonth } from './helpers';

/** 南票区: no other test puts applications here, so the figures are exact. */
const DISTRICT = '211404';
const COMMUNITY = '211404002002';

const REPORT = `query ($code: ID!, $year: Int!, $limit: Int) {
  region(code: $code) {
    subsidyReport(year: $year, waitingOlderThanDays: $limit) {
      months { month policyCode policyName approvedCount approvedFen paidCount paidFen }
      peopleHelped { policyCode policyName beneficiaries }
      waitingLimitDays
      waitingTooLong { id status }
    }
  }
}`;

describe('subsidy reports', () => {
  it('sums approvals and payments per policy and month, counts people helped, and lists applications waiting too long', async () => {
    const clerk = await coordinator(COMMUNITY, 'clerk-nanpiao');
    const officer = await coordinator(DISTRICT, 'officer-nanpiao');
    const apply = async () => {
      const woman = await fortyFiftyWoman({ communityCode: COMMUNITY });
      return (await ok(SUBMIT, submission(await personAssessment(woman.id, 'SOCIAL_INSURANCE_4050', clerk), key()), clerk)).submitSubsidyApplication.id as string;
    };
    const [paid, approved, waiting, rejected, reversed] = [await apply(), await apply(), await apply(), await apply(), await apply()];
    for (const id of [paid, approved, reversed]) await ok(APPROVE, { id }, officer);
    await ok(REJECT, { id: rejected, reason: '已享受同类补贴' }, officer);
    await ok(PAY, { id: paid, ref: 'YH-NP-1' }, officer);
    const payment = (await ok(PAY, { id: reversed, ref: 'YH-NP-2' }, officer)).recordSubsidyPayout.payouts[0].id;
    await ok(`mutation ($id: ID!) { reverseSubsidyPayout(payoutId: $id, reason: '重复申领', reference: 'TH-NP-2') { id } }`.replace(/'/g, '"'), { id: payment }, officer);

    const year = Number(thisMonth().slice(0, 4));
    const month = Number(thisMonth().slice(5, 7));
    const report = (await ok(REPORT, { code: DISTRICT, year, limit: 0 }, officer)).region.subsidyReport;
    expect(report.months).toEqual([
      { month, policyCode: 'SOCIAL_INSURANCE_4050', policyName: '4050人员灵活就业社会保险补贴', approvedCount: 3, approvedFen: 90_000, paidCount: 2, paidFen: 30_000 },
    ]);
    expect(report.peopleHelped).toEqual([{ policyCode: 'SOCIAL_INSURANCE_4050', policyName: '4050人员灵活就业社会保险补贴', beneficiaries: 1 }]);
    expect(report.waitingLimitDays).toBe(0);
    expect(report.waitingTooLong.map((a: any) => [a.id, a.status])).toEqual([
      [approved, 'APPROVED'],
      [waiting, 'SUBMITTED'],
    ]);
    // With the configured limit nothing made today is late yet; another year has nothing.
    const byDefault = (await ok(REPORT, { code: DISTRICT, year }, officer)).region.subsidyReport;
    expect(byDefault).toMatchObject({ waitingLimitDays: 20, waitingTooLong: [] });
    expect((await ok(REPORT, { code: DISTRICT, year: year - 1 }, officer)).region.subsidyReport.months).toEqual([]);
    // The city sees the district's figures within its own.
    const city = (await ok(REPORT, { code: '2114', year, limit: 0 }, await adminToken())).region.subsidyReport;
    expect(city.months.find((l: any) => l.policyCode === 'SOCIAL_INSURANCE_4050').approvedCount).toBeGreaterThanOrEqual(3);
  });

  it('reports sums beyond a 32-bit integer of fen exactly', async () => {
    // 22 grants of ¥1,000,000 are 2,200,000,000 fen, more than 2^31 - 1.
    const district = '211422';
    const admin = await adminToken();
    const code = `LARGE_GRANT_${Date.now()}`;
    await ok(
      `mutation ($input: PublishSubsidyPolicyInput!) { publishSubsidyPolicy(input: $input) { id } }`,
      {
        input: {
          code,
          name: '大额测试补贴',
          kind: 'PERSON',
          legalBasis: '就业补助资金管理办法（测试用大额补贴）',
          validFrom: '2020-01-01',
          rule: JSON.stringify({ fact: 'regionCode', op: 'within', value: [district], label: 'lives in 建昌县' }),
          amount: JSON.stringify({ kind: 'FIXED', fen: 100_000_000 }),
        },
      },
      admin,
    );
    const clerk = await coordinator(district, 'clerk-jianchang');
    const officer = await coordinator(district, 'officer-jianchang');
    await Promise.all(
      Array.from({ length: 22 }, async (_x, i) => {
        const woman = await fortyFiftyWoman({ communityCode: `${district}100003` });
        const id = (await ok(SUBMIT, submission(await personAssessment(woman.id, code, clerk), key()), clerk)).submitSubsidyApplication.id;
        await ok(APPROVE, { id }, officer);
        await ok(PAY, { id, ref: `YH-JC-${i}` }, officer);
      }),
    );
    const year = Number(thisMonth().slice(0, 4));
    const report = (await ok(REPORT, { code: district, year }, officer)).region.subsidyReport;
    expect(report.months.filter((l: any) => l.policyCode === code)).toEqual([
      { month: Number(thisMonth().slice(5, 7)), policyCode: code, policyName: '大额测试补贴', approvedCount: 22, approvedFen: 2_200_000_000, paidCount: 22, paidFen: 2_200_000_000 },
    ]);
  });

  it('is for staff whose region contains the one reported on', async () => {
    const year = Number(thisMonth().slice(0, 4));
    expect(codesOf(await gql(REPORT, { code: DISTRICT, year }, await coordinator('211402', 'officer-lianshan-r')))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(REPORT, { code: DISTRICT, year }, await coordinator(COMMUNITY, 'clerk-nanpiao-r')))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(REPORT, { code: DISTRICT, year }, await employerToken(await employer())))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(REPORT, { code: DISTRICT, year: 1900 }, await coordinator(DISTRICT, 'officer-nanpiao-r')))).toEqual(['BAD_USER_INPUT']);
  });
});
