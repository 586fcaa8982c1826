import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { employer, trainingCentre, untilKnown, vacancy } from '../support/fixtures';

const REGISTER = `mutation ($input: RegisterTrainingCentreInput!) { registerTrainingCentre(input: $input) { id accredited accreditationNumber accreditedUntil trades } }`;
const PUBLISH = `mutation ($input: PublishCourseInput!) { publishCourse(input: $input) { id trade qualifiesForTrainingSubsidy } }`;
const ACCREDIT = `mutation ($id: ID!, $number: String, $until: Date, $trades: [String!]!) {
  setCentreAccreditation(centreId: $id, accreditationNumber: $number, accreditedUntil: $until, trades: $trades) { accredited accreditedUntil trades }
}`;

const course = (centreId: string, overrides: Record<string, unknown> = {}) => ({
  input: { centreId, title: '美容美发培训班', mode: 'GENERAL', trade: '美容美发', skills: ['美发'], startDate: '2026-12-01', endDate: '2026-12-20', capacity: 10, locationCode: '211402', ...overrides },
});

describe('training centres: accreditation and the trades they may teach', () => {
  it('registers accreditation (number, valid until) and trades, and publishes courses only in those trades', async () => {
    const admin = await adminToken();
    const centre = (await ok(REGISTER, { input: { name: `葫芦岛市育才职业培训学校 ${Date.now()}`, districtCode: '211402', accreditationNumber: '辽人社培字〔2025〕031号', accreditedUntil: '2029-06-30', trades: ['美容美发', ' 美容美发 ', '中式烹调师', ''] } }, admin)).registerTrainingCentre;
    expect(centre).toMatchObject({ accredited: true, accreditedUntil: '2029-06-30', trades: ['美容美发', '中式烹调师'] });
    const token = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'yucai', centreId: centre.id });
    expect((await ok(PUBLISH, course(centre.id), token)).publishCourse).toMatchObject({ trade: '美容美发', qualifiesForTrainingSubsidy: true });
    const outside = await gql(PUBLISH, course(centre.id, { title: '电脑维修培训班', trade: '电脑维修', skills: ['电脑维修'] }), token);
    expect(codesOf(outside)).toEqual(['BAD_USER_INPUT']);
    expect(outside.errors![0]!.extensions!.field).toBe('trade');
    expect(outside.errors![0]!.message).toContain('「美容美发」, 「中式烹调师」, not 「电脑维修」');
    // A targeted course teaches its target occupation; a general one must name its trade.
    expect((await ok(PUBLISH, course(centre.id, { mode: 'TARGETED', trade: null, targetOccupation: '中式烹调师' }), token)).publishCourse.trade).toBe('中式烹调师');
    expect(codesOf(await gql(PUBLISH, course(centre.id, { mode: 'TARGETED', trade: null, targetOccupation: '育婴员' }), token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(PUBLISH, course(centre.id, { trade: null }), token))).toEqual(['BAD_USER_INPUT']);
  });

  it('takes an order-based course\'s trade from the vacancy it trains for', async () => {
    const employerId = await employer();
    const vacancyId = await vacancy(employerId, { occupation: '叉车司机', title: '叉车司机' });
    const centreId = await trainingCentre();
    const order = course(centreId, { mode: 'ORDER_BASED', trade: null, title: '叉车司机（订单式）培训班', employerId, vacancyId, committedHires: 1 });
    const admin = await adminToken();
    const refused = await untilKnown(() => gql(PUBLISH, order, admin));
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toContain('not 「叉车司机」');
  });

  it('lets only an administrator change accreditation, and a centre without accreditation or trades publishes nothing that qualifies', async () => {
    const admin = await adminToken();
    const centreId = await trainingCentre();
    const own = await tokenFor({ role: 'TRAINING_CENTRE', sub: 'tc', centreId });
    for (const token of [own, await tokenFor({ role: 'COORDINATOR', sub: 'c', regionCode: '2114' })]) {
      expect(codesOf(await gql(ACCREDIT, { id: centreId, number: 'X', until: '2030-01-01', trades: ['电脑维修', '焊工'] }, token))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await gql(ACCREDIT, { id: centreId, number: '辽人社培字〔2026〕001号', trades: [] }, admin))).toEqual(['BAD_USER_INPUT']);
    // Withdrawn accreditation: courses still run, but no longer qualify for the training subsidy.
    expect((await ok(ACCREDIT, { id: centreId, number: null, until: null, trades: ['电脑维修'] }, admin)).setCentreAccreditation).toEqual({ accredited: false, accreditedUntil: null, trades: ['电脑维修'] });
    const published = await ok(PUBLISH, course(centreId, { title: '电脑维修培训班', trade: '电脑维修', skills: ['电脑维修'] }), admin);
    expect(published.publishCourse.qualifiesForTrainingSubsidy).toBe(false);
    await ok(ACCREDIT, { id: centreId, number: null, until: null, trades: [] }, admin);
    const none = await gql(PUBLISH, course(centreId, { title: '电脑维修培训班', trade: '电脑维修', skills: ['电脑维修'] }), admin);
    expect(codesOf(none)).toEqual(['BAD_USER_INPUT']);
    expect(none.errors![0]!.message).toContain('has no approved trades');
  });
});
