import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, resident } from '../support/fixtures';

const REGISTER = `mutation ($id: ID!, $on: Date) { registerUnemployment(residentId: $id, registeredOn: $on) { id certificateNumber registeredOn closedOn } }`;
const EMPLOY = `mutation ($id: ID!, $kind: EmploymentKind!, $on: Date, $employerId: ID) {
  recordEmployment(residentId: $id, kind: $kind, startedOn: $on, employerId: $employerId) { employmentStatus statusSince employer { id } registration { id } } }`;
const STATE = `query ($id: ID!) { resident(id: $id) { employmentStatus statusSince migrationDestination registration { certificateNumber }
  registrations { certificateNumber closedOn closeReason } history { kind effectiveOn } } }`;

const year = new Date().getUTCFullYear();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('real-name registration and status changes', () => {
  it('issues a unique certificate number per registration: district, year, running number', async () => {
    const token = await adminToken();
    const a = await resident({ employmentStatus: 'NOT_IN_LABOUR_FORCE' });
    const b = await resident({ employmentStatus: 'EMPLOYED' });
    const first = (await ok(REGISTER, { id: a.id }, token)).registerUnemployment;
    const second = (await ok(REGISTER, { id: b.id }, token)).registerUnemployment;
    for (const r of [first, second]) expect(r.certificateNumber).toMatch(new RegExp(`^211402${year}\\d{6}$`));
    expect(Number(second.certificateNumber.slice(-6))).toBeGreaterThan(Number(first.certificateNumber.slice(-6)));
    const state = (await ok(STATE, { id: b.id }, token)).resident;
    expect(state.employmentStatus).toBe('UNEMPLOYED');
    expect(state.registration.certificateNumber).toBe(second.certificateNumber);
  });

  it('refuses a second open registration, also when two arrive at once', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'FLEXIBLE' });
    const results = await Promise.all([gql(REGISTER, { id: person.id }, token), gql(REGISTER, { id: person.id }, token)]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(codesOf)).toEqual(['CONFLICT']);
    expect((await ok(STATE, { id: person.id }, token)).resident.registrations).toHaveLength(1);
  });

  it('closes the registration when the person starts work, keeping the employer', async () => {
    const token = await adminToken();
    const employerId = await employer();
    const person = await resident({ employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(20) });
    await ok(REGISTER, { id: person.id, on: daysAgo(10) }, token);
    const hired = (await ok(EMPLOY, { id: person.id, kind: 'EMPLOYED', on: daysAgo(2), employerId }, token)).recordEmployment;
    expect(hired).toEqual({ employmentStatus: 'EMPLOYED', statusSince: daysAgo(2), employer: { id: employerId }, registration: null });
    const state = (await ok(STATE, { id: person.id }, token)).resident;
    expect(state.registrations[0]).toMatchObject({ closedOn: daysAgo(2), closeReason: 'EMPLOYED' });
    expect(state.history.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['UNEMPLOYMENT_REGISTERED', 'EMPLOYED']));
  });

  it('records migration with its destination, and exits', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'UNEMPLOYED' });
    const moved = await ok(`mutation ($id: ID!) { recordMigration(residentId: $id, destination: "大连市甘井子区") { employmentStatus migrationDestination } }`, { id: person.id }, token);
    expect(moved.recordMigration).toEqual({ employmentStatus: 'MIGRATED', migrationDestination: '大连市甘井子区' });
    const gone = await ok(`mutation ($id: ID!) { recordExit(residentId: $id, reason: MOVED_AWAY) { employmentStatus migrationDestination } }`, { id: person.id }, token);
    expect(gone.recordExit).toEqual({ employmentStatus: 'MOVED_AWAY', migrationDestination: null });
  });

  it('refuses impossible transitions with a clear error and changes nothing', async () => {
    const token = await adminToken();
    const person = await resident({ employmentStatus: 'UNEMPLOYED' });
    await ok(`mutation ($id: ID!) { recordExit(residentId: $id, reason: DECEASED) { id } }`, { id: person.id }, token);
    const result = await gql(EMPLOY, { id: person.id, kind: 'EMPLOYED' }, token);
    expect(codesOf(result)).toEqual(['CONFLICT']);
    expect(result.errors![0]!.message).toBe('王秀兰 is deceased; that cannot change to employed.');
    expect(codesOf(await gql(REGISTER, { id: person.id }, token))).toEqual(['CONFLICT']);
    expect((await ok(STATE, { id: person.id }, token)).resident.employmentStatus).toBe('DECEASED');
  });

  it('refuses registering someone past retirement age, and dates before the current status or in the future', async () => {
    const token = await adminToken();
    const retired = await resident({ age: 66, gender: 'MALE', employmentStatus: 'RETIRED' });
    expect(codesOf(await gql(REGISTER, { id: retired.id }, token))).toEqual(['CONFLICT']);
    const person = await resident({ employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(5) });
    const early = await gql(EMPLOY, { id: person.id, kind: 'FLEXIBLE', on: daysAgo(30) }, token);
    expect(codesOf(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.message).toMatch(/cannot take effect before that/);
    expect(codesOf(await gql(EMPLOY, { id: person.id, kind: 'FLEXIBLE', on: '2999-01-01' }, token))).toEqual(['BAD_USER_INPUT']);
    expect((await ok(STATE, { id: person.id }, token)).resident.employmentStatus).toBe('UNEMPLOYED');
  });

  it('lets only coordinators of the person\'s region change their status', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan, employmentStatus: 'UNEMPLOYED' });
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'x', regionCode: COMMUNITY.xingcheng });
    expect(codesOf(await gql(REGISTER, { id: person.id }, outsider))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(EMPLOY, { id: person.id, kind: 'EMPLOYED' }, outsider))).toEqual(['FORBIDDEN']);
    const employerToken = await tokenFor({ role: 'EMPLOYER', sub: 'e', employerId: await employer() });
    expect(codesOf(await gql(EMPLOY, { id: person.id, kind: 'EMPLOYED' }, employerToken))).toEqual(['FORBIDDEN']);
    expect((await ok(STATE, { id: person.id }, await adminToken())).resident.employmentStatus).toBe('UNEMPLOYED');
  });
});
