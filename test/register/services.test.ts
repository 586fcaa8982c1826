import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, refer, resident, vacancy } from '../support/fixtures';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const CLOCK = `query ($id: ID!) { resident(id: $id) { serviceClock { overdue items { kind ordinal dueOn doneOn state daysLate } } serviceDeliveries { kind source note } } }`;
const OVERDUE = (code: string) => `{ overdueServices(regionCode: "${code}") { resident { id } kind ordinal dueOn daysOverdue } }`;

async function registeredDaysAgo(days: number, communityCode: string = COMMUNITY.lianshan) {
  const token = await adminToken();
  const person = await resident({ employmentStatus: 'EMPLOYED', statusSince: daysAgo(400), communityCode });
  await ok(`mutation ($id: ID!, $on: Date) { registerUnemployment(residentId: $id, registeredOn: $on) { id } }`, { id: person.id, on: daysAgo(days) }, token);
  return person;
}

describe('the "311" service clock', () => {
  it('starts at registration with the seed\'s deadlines', async () => {
    const person = await registeredDaysAgo(0);
    const clock = (await ok(CLOCK, { id: person.id }, await adminToken())).resident.serviceClock;
    expect(clock.items.map((i: any) => [i.kind, i.ordinal, i.dueOn, i.state])).toEqual([
      ['JOB_REFERRAL', 1, daysAgo(-7), 'PENDING'],
      ['JOB_REFERRAL', 2, daysAgo(-14), 'PENDING'],
      ['JOB_REFERRAL', 3, daysAgo(-21), 'PENDING'],
      ['GUIDANCE', 1, daysAgo(-30), 'PENDING'],
      ['TRAINING_OFFER', 1, daysAgo(-30), 'PENDING'],
      ['POLICY', 1, daysAgo(-30), 'PENDING'],
    ]);
  });

  it('lists what is late, for whom, by how much', async () => {
    const person = await registeredDaysAgo(9, COMMUNITY.lianshan2);
    const token = await tokenFor({ role: 'COORDINATOR', sub: 'c', regionCode: COMMUNITY.lianshan2 });
    const mine = (await ok(OVERDUE(COMMUNITY.lianshan2), {}, token)).overdueServices.filter((o: any) => o.resident.id === person.id);
    expect(mine).toEqual([{ resident: { id: person.id }, kind: 'JOB_REFERRAL', ordinal: 1, dueOn: daysAgo(2), daysOverdue: 2 }]);
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'o', regionCode: '211481' });
    expect(codesOf(await gql(OVERDUE(COMMUNITY.lianshan2), {}, outsider))).toEqual(['FORBIDDEN']);
  });

  it('counts a referral made in the employers service, delivered through the event path', async () => {
    const person = await registeredDaysAgo(9);
    const token = await adminToken();
    const vacancyId = await vacancy(await employer(), { title: '小区保洁员' });
    expect((await refer(person.id, vacancyId, token)).errors).toBeUndefined();
    await expect
      .poll(async () => (await ok(CLOCK, { id: person.id }, token)).resident.serviceDeliveries, { timeout: 10_000, interval: 100 })
      .toEqual([{ kind: 'JOB_REFERRAL', source: 'employers', note: '推荐至「小区保洁员」' }]);
    const clock = (await ok(CLOCK, { id: person.id }, token)).resident.serviceClock;
    expect(clock.items[0]).toMatchObject({ kind: 'JOB_REFERRAL', ordinal: 1, doneOn: daysAgo(0), state: 'DONE_LATE', daysLate: 2 });
    // The same referral twice is refused by the employers service; the clock counts it once.
    expect(codesOf(await gql(`mutation ($r: ID!, $v: ID!) { referResident(residentId: $r, vacancyId: $v) { id } }`, { r: person.id, v: vacancyId }, token))).toEqual(['DUPLICATE']);
    expect((await ok(CLOCK, { id: person.id }, token)).resident.serviceDeliveries).toHaveLength(1);
  });

  it('records guidance, policy and training offers by hand, and answers training requests within a day', async () => {
    const person = await registeredDaysAgo(3);
    const token = await adminToken();
    for (const kind of ['GUIDANCE', 'POLICY', 'TRAINING_OFFER']) {
      await ok(`mutation ($id: ID!, $kind: ServiceKind!) { recordServiceDelivery(residentId: $id, kind: $kind, note: "社区服务站") { id } }`, { id: person.id, kind }, token);
    }
    const request = await ok(`mutation ($id: ID!, $on: Date) { requestTraining(residentId: $id, requestedOn: $on, note: "想学电工") { id } }`, { id: person.id, on: daysAgo(2) }, token);
    let items = (await ok(CLOCK, { id: person.id }, token)).resident.serviceClock.items;
    expect(items.filter((i: any) => i.state === 'DONE').map((i: any) => i.kind)).toEqual(['GUIDANCE', 'TRAINING_OFFER', 'POLICY']);
    expect(items.find((i: any) => i.kind === 'TRAINING_REQUEST_ANSWER')).toMatchObject({ dueOn: daysAgo(1), state: 'OVERDUE', daysLate: 1 });
    await ok(`mutation ($id: ID!) { answerTrainingRequest(requestId: $id, answer: "已推荐电工（订单式）培训班") { answeredOn } }`, { id: request.requestTraining.id }, token);
    items = (await ok(CLOCK, { id: person.id }, token)).resident.serviceClock.items;
    expect(items.find((i: any) => i.kind === 'TRAINING_REQUEST_ANSWER')).toMatchObject({ state: 'DONE_LATE', daysLate: 1 });
  });
});
