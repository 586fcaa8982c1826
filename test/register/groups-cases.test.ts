import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, household, resident } from '../support/fixtures';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const CASES = `query ($id: ID!) { resident(id: $id) { difficultyGroups assistanceCases { id kind status reasons openedOn closedOn closeReason stableFollowUpUntil } } }`;

describe('hard-to-employ groups', () => {
  it('derives 4050 from the identity data as of a date', async () => {
    const token = await adminToken();
    // A woman who turns 40 in about 100 days.
    const birth = new Date(Date.now() + 100 * 86_400_000);
    birth.setUTCFullYear(birth.getUTCFullYear() - 40);
    const birthDate = birth.toISOString().slice(0, 10);
    const { fakeIdentityNumber } = await import('@hub/common/testing');
    const householdId = await household();
    const created = await ok(
      `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      { input: { householdId, name: '孙丽', identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'), gender: 'FEMALE', birthDate, employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(10) } },
      token,
    );
    const q = `query ($id: ID!, $asOf: Date) { resident(id: $id) { difficultyGroups(asOf: $asOf) } }`;
    const id = created.registerResident.id;
    expect((await ok(q, { id, asOf: daysAhead(90) }, token)).resident.difficultyGroups).not.toContain('FORTY_FIFTY');
    expect((await ok(q, { id, asOf: daysAhead(110) }, token)).resident.difficultyGroups).toContain('FORTY_FIFTY');
  });

  it('derives long-term unemployment after six months', async () => {
    const person = await resident({ age: 30, employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(200) });
    const fresh = await resident({ age: 30, employmentStatus: 'UNEMPLOYED', statusSince: daysAgo(100) });
    const token = await adminToken();
    expect((await ok(CASES, { id: person.id }, token)).resident.difficultyGroups).toContain('LONG_TERM_UNEMPLOYED');
    expect((await ok(CASES, { id: fresh.id }, token)).resident.difficultyGroups).not.toContain('LONG_TERM_UNEMPLOYED');
  });

  it('keeps declared groups with their evidence, and withdraws them', async () => {
    const token = await adminToken();
    const person = await resident({ age: 24, employmentStatus: 'EMPLOYED' });
    const declare = `mutation ($id: ID!) { declareDifficultyGroup(residentId: $id, group: POOR_FAMILY_GRADUATE, evidence: "低保证 2114-0032，辽宁工程技术大学 2025 届") {
      difficultyGroups declaredGroups { group evidence declaredBy } } }`;
    const declared = (await ok(declare, { id: person.id }, token)).declareDifficultyGroup;
    expect(declared.difficultyGroups).toEqual(['POOR_FAMILY_GRADUATE']);
    expect(declared.declaredGroups).toEqual([{ group: 'POOR_FAMILY_GRADUATE', evidence: '低保证 2114-0032，辽宁工程技术大学 2025 届', declaredBy: 'ADMIN:test-admin' }]);
    const noEvidence = await gql(`mutation ($id: ID!) { declareDifficultyGroup(residentId: $id, group: DISABLED, evidence: " ") { id } }`, { id: person.id }, token);
    expect(codesOf(noEvidence)).toEqual(['BAD_USER_INPUT']);
    const withdrawn = await ok(`mutation ($id: ID!) { withdrawDifficultyGroup(residentId: $id, group: POOR_FAMILY_GRADUATE, reason: "核查不符") { difficultyGroups } }`, { id: person.id }, token);
    expect(withdrawn.withdrawDifficultyGroup.difficultyGroups).toEqual([]);
  });
});

describe('assistance cases open and close by themselves ("dynamic zero")', () => {
  it('opens a household case when a household becomes zero-employment, and closes it when a member finds work', async () => {
    const token = await adminToken();
    const worker = await resident({ age: 45, gender: 'MALE', employmentStatus: 'EMPLOYED' });
    const spouse = await resident({ householdId: worker.householdId, age: 43, employmentStatus: 'UNEMPLOYED' });
    expect((await ok(CASES, { id: spouse.id }, token)).resident.assistanceCases.filter((c: any) => c.kind === 'HOUSEHOLD')).toEqual([]);

    // He loses his job: nobody in the household works now.
    await ok(`mutation ($id: ID!) { registerUnemployment(residentId: $id) { id } }`, { id: worker.id }, token);
    const open = (await ok(CASES, { id: spouse.id }, token)).resident;
    expect(open.difficultyGroups).toContain('ZERO_EMPLOYMENT_HOUSEHOLD');
    const householdCase = open.assistanceCases.find((c: any) => c.kind === 'HOUSEHOLD');
    expect(householdCase).toMatchObject({ status: 'OPEN', reasons: ['ZERO_EMPLOYMENT_HOUSEHOLD'] });

    // She finds work: the household case closes, with six months of follow-up.
    await ok(`mutation ($id: ID!) { recordEmployment(residentId: $id, kind: PUBLIC_WELFARE) { id } }`, { id: spouse.id }, token);
    const closed = (await ok(CASES, { id: worker.id }, token)).resident.assistanceCases.find((c: any) => c.id === householdCase.id);
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: 'EMPLOYED' });
    const until = new Date(`${closed.closedOn}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + 6);
    expect(closed.stableFollowUpUntil).toBe(until.toISOString().slice(0, 10));
  });

  it('opens a personal case for a 4050 person registering as unemployed, listed under the region', async () => {
    const token = await adminToken();
    const person = await resident({ age: 52, gender: 'MALE', employmentStatus: 'EMPLOYED', communityCode: COMMUNITY.lianshan2 });
    await resident({ householdId: person.householdId, age: 50, gender: 'FEMALE', employmentStatus: 'EMPLOYED' });
    await ok(`mutation ($id: ID!) { registerUnemployment(residentId: $id) { id } }`, { id: person.id }, token);
    const cases = (await ok(CASES, { id: person.id }, token)).resident.assistanceCases;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ kind: 'PERSON', status: 'OPEN', reasons: ['FORTY_FIFTY'] });
    const street = await tokenFor({ role: 'COORDINATOR', sub: 's', regionCode: '211402001' });
    const listed = await ok(`{ region(code: "${COMMUNITY.lianshan2}") { openCases { id resident { id } } } }`, {}, street);
    expect(listed.region.openCases.map((c: any) => c.id)).toContain(cases[0].id);
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'o', regionCode: '211481' });
    expect(codesOf(await gql(`{ region(code: "${COMMUNITY.lianshan2}") { openCases { id } } }`, {}, outsider))).toEqual(['FORBIDDEN']);
  });

  it('tracks helper, agreement and visits, and lists overdue follow-ups', async () => {
    const token = await adminToken();
    const person = await resident({ age: 55, gender: 'MALE', employmentStatus: 'EMPLOYED', statusSince: daysAgo(400), communityCode: COMMUNITY.xingcheng });
    await resident({ householdId: person.householdId, age: 30, employmentStatus: 'EMPLOYED' });
    // Out of work 40 days ago: the case dates from then.
    await ok(`mutation ($id: ID!, $on: Date) { registerUnemployment(residentId: $id, registeredOn: $on) { id } }`, { id: person.id, on: daysAgo(40) }, token);
    const [personCase] = (await ok(CASES, { id: person.id }, token)).resident.assistanceCases;
    expect(personCase).toMatchObject({ kind: 'PERSON', openedOn: daysAgo(40), reasons: ['FORTY_FIFTY'] });
    const overdue = async () =>
      (await ok(`{ overdueFollowUps(regionCode: "${COMMUNITY.xingcheng}") { case { id } kind dueOn daysOverdue } }`, {}, token)).overdueFollowUps.filter(
        (o: any) => o.case.id === personCase.id,
      );
    expect(await overdue()).toEqual([{ case: { id: personCase.id }, kind: 'AGREEMENT', dueOn: daysAgo(33), daysOverdue: 33 }]);
    await ok(`mutation ($id: ID!) { assignCaseHelper(caseId: $id, helper: "协理员 王芳") { helper } signAssistanceAgreement(caseId: $id) { agreementSignedOn } }`, { id: personCase.id }, token);
    // Signed, but nobody has visited in the month since opening.
    expect(await overdue()).toEqual([{ case: { id: personCase.id }, kind: 'VISIT', dueOn: daysAgo(10), daysOverdue: 10 }]);
    const visited = await ok(`mutation ($id: ID!) { recordCaseVisit(caseId: $id, note: "上门走访，推荐保安岗位两个") { helper visits { note } nextFollowUp { kind dueOn daysOverdue } } }`, { id: personCase.id }, token);
    expect(visited.recordCaseVisit).toEqual({ helper: '协理员 王芳', visits: [{ note: '上门走访，推荐保安岗位两个' }], nextFollowUp: { kind: 'VISIT', dueOn: daysAhead(30), daysOverdue: 0 } });
    expect(await overdue()).toEqual([]);
  });
});
