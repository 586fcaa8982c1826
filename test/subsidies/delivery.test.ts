import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok } from '../support/hub';
import { COMMUNITY, employer, refer, resident, vacancy } from '../support/fixtures';
import { coordinator, daysAgo, employerToken, personAssessment, residentEligibility, verdictFor } from './helpers';

const DELIVER = `mutation ($a: String!, $channel: PolicyDeliveryChannel!, $on: Date, $note: String) {
  recordPolicyDelivery(assessment: $a, channel: $channel, deliveredOn: $on, note: $note) { id channel deliveredOn deliveredBy policy { code } }
}`;
const CLOCK = `query ($id: ID!) { resident(id: $id) { serviceClock { items { kind ordinal dueOn doneOn state daysLate } } serviceDeliveries { kind source note } policyDeliveries { channel policy { code } } } }`;

async function registeredDaysAgo(days: number) {
  const person = await resident({ age: 35, employmentStatus: 'EMPLOYED', statusSince: daysAgo(400), communityCode: COMMUNITY.lianshan });
  await ok(`mutation ($id: ID!, $on: Date) { registerUnemployment(residentId: $id, registeredOn: $on) { id } }`, { id: person.id, on: daysAgo(days) }, await adminToken());
  return person;
}

describe('policy delivery (送政策)', () => {
  it('records who told whom about which policy, when and how, and counts it on the "311" clock through the event path', async () => {
    const person = await registeredDaysAgo(40);
    const coordinatorToken = await coordinator(COMMUNITY.lianshan, 'xieliyuan-1');
    const assessment = await personAssessment(person.id, 'SMALL_GUARANTEED_LOAN', coordinatorToken);
    const delivered = await ok(DELIVER, { a: assessment, channel: 'HOME_VISIT', note: '入户讲解创业贴息政策' }, coordinatorToken);
    expect(delivered.recordPolicyDelivery).toMatchObject({
      channel: 'HOME_VISIT',
      deliveredOn: daysAgo(0),
      deliveredBy: `COORDINATOR:xieliyuan-1@${COMMUNITY.lianshan}`,
      policy: { code: 'SMALL_GUARANTEED_LOAN' },
    });
    const token = await adminToken();
    await expect
      .poll(async () => (await ok(CLOCK, { id: person.id }, token)).resident.serviceDeliveries, { timeout: 10_000, interval: 100 })
      .toEqual([{ kind: 'POLICY', source: 'subsidies', note: '讲解「小额担保贷款贴息」（HOME_VISIT）' }]);
    const { resident: after } = await ok(CLOCK, { id: person.id }, token);
    expect(after.serviceClock.items.find((i: any) => i.kind === 'POLICY')).toEqual({ kind: 'POLICY', ordinal: 1, dueOn: daysAgo(10), doneOn: daysAgo(0), state: 'DONE_LATE', daysLate: 10 });
    expect(after.policyDeliveries).toEqual([{ channel: 'HOME_VISIT', policy: { code: 'SMALL_GUARANTEED_LOAN' } }]);
  });

  it('is recorded only on a genuine assessment, by staff of the person\'s region, and changes nothing when refused', async () => {
    const person = await registeredDaysAgo(5);
    const assessment = await personAssessment(person.id, 'SMALL_GUARANTEED_LOAN');
    const [body, signature] = assessment.split('.');
    const other = Buffer.from(Buffer.from(body!, 'base64url').toString().replace(person.id, '00000000-0000-4000-8000-000000000000')).toString('base64url');
    const refusals: [Record<string, unknown>, string | undefined, string][] = [
      [{ a: `${other}.${signature}`, channel: 'PHONE' }, await adminToken(), 'BAD_USER_INPUT'],
      [{ a: assessment, channel: 'PHONE' }, await coordinator('211481', 'xieliyuan-xc'), 'FORBIDDEN'],
      [{ a: assessment, channel: 'PHONE' }, await employerToken(await employer()), 'FORBIDDEN'],
      [{ a: assessment, channel: 'PHONE', on: daysAgo(-1) }, await adminToken(), 'BAD_USER_INPUT'],
      // Explained before it was assessed: the assessment of the day says what the person qualified for.
      [{ a: await personAssessment(person.id, 'SMALL_GUARANTEED_LOAN', undefined, daysAgo(2)), channel: 'PHONE', on: daysAgo(3) }, await adminToken(), 'BAD_USER_INPUT'],
      [{ a: assessment, channel: 'PHONE' }, undefined, 'UNAUTHENTICATED'],
    ];
    for (const [variables, token, code] of refusals) expect(codesOf(await gql(DELIVER, variables, token))).toEqual([code]);
    const { resident: after } = await ok(CLOCK, { id: person.id }, await adminToken());
    expect(after.policyDeliveries).toEqual([]);
    expect(after.serviceClock.items.find((i: any) => i.kind === 'POLICY').state).toBe('PENDING');
    // An ineligible verdict carries no assessment, so nothing can be delivered on it.
    expect(verdictFor(await residentEligibility(person.id), 'PUBLIC_WELFARE_POSITION')).toMatchObject({ eligible: false, assessment: null });
  });

  it('shows a person\'s deliveries only to staff whose region contains the region they were recorded in', async () => {
    const person = await registeredDaysAgo(20);
    const local = await coordinator('211402', 'xieliyuan-seen');
    await ok(DELIVER, { a: await personAssessment(person.id, 'SMALL_GUARANTEED_LOAN', local, daysAgo(2)), channel: 'PHONE', on: daysAgo(2) }, local);
    // Explained on the assessment's own date: the lower bound is inclusive.
    const SEEN = `query ($id: ID!) { resident(id: $id) { policyDeliveries { channel deliveredOn } } }`;
    expect((await ok(SEEN, { id: person.id }, local)).resident.policyDeliveries).toEqual([{ channel: 'PHONE', deliveredOn: daysAgo(2) }]);
    expect((await ok(SEEN, { id: person.id }, await adminToken())).resident.policyDeliveries).toHaveLength(1);

    // Staff of another district reach the person through a referral to a vacancy there, but not what they were told.
    const away = await employer('211481');
    const job = await vacancy(away, { locationCode: COMMUNITY.xingcheng });
    expect((await refer(person.id, job)).errors).toBeUndefined();
    const viaReferral = await ok(
      `query ($id: ID!) { vacancy(id: $id) { referrals { resident { id policyDeliveries { channel } } } } }`,
      { id: job },
      await coordinator('211481', 'xieliyuan-away'),
    );
    expect(viaReferral.vacancy.referrals).toEqual([{ resident: { id: person.id, policyDeliveries: [] } }]);
  });
});
