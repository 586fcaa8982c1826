import { describe, expect, it } from 'vitest';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, employer, refer, resident, vacancy } from '../support/fixtures';

const VACANCY = `query ($id: ID!) { vacancy(id: $id) { title status headcount filledCount openings mustHaveSkills niceToHaveSkills skills workingTime
  requirements { gender genderReason ageMin ageMax needsReview reviewReasons } validUntil } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateVacancyInput!) { updateVacancy(id: $id, input: $input) { title headcount wageMin status } }`;
const CLOSE = `mutation ($id: ID!) { closeVacancy(id: $id) { status closedAt } }`;
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('vacancies: fields, review flags and lifecycle', () => {
  it('keeps must-have and nice-to-have skills apart, and flags gender and age limits for review', async () => {
    const id = await vacancy(await employer(), {
      title: '女浴室保洁员', mustHaveSkills: ['保洁', '消毒'], niceToHaveSkills: ['消毒', '收银'], workingTime: 'SHIFTS',
      genderRequirement: 'FEMALE', genderReason: '女浴室内作业', ageMin: 18, ageMax: 50,
    });
    const v = (await ok(VACANCY, { id }, await adminToken())).vacancy;
    expect(v).toMatchObject({ mustHaveSkills: ['保洁', '消毒'], niceToHaveSkills: ['收银'], skills: ['保洁', '消毒', '收银'], workingTime: 'SHIFTS' });
    expect(v.requirements).toEqual({
      gender: 'FEMALE', genderReason: '女浴室内作业', ageMin: 18, ageMax: 50, needsReview: true,
      reviewReasons: ['Only women (女浴室内作业): check the reason is lawful.', 'Age limit 18–50: check it is needed for the work.'],
    });
    const plain = (await ok(VACANCY, { id: await vacancy(await employer()) }, await adminToken())).vacancy;
    expect(plain.requirements.needsReview).toBe(false);
  });

  it('lets the employer edit and close its own vacancy, and refuses moves an ended vacancy cannot make', async () => {
    const own = await employer();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId: own });
    const id = await vacancy(own, {}, token);
    expect((await ok(UPDATE, { id, input: { title: '家政服务员（住家）', wageMin: 3200, wageMax: 4500 } }, token)).updateVacancy).toEqual({
      title: '家政服务员（住家）', headcount: 5, wageMin: 3200, status: 'OPEN',
    });
    const bad = await gql(UPDATE, { id, input: { wageMax: 100 } }, token);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect((await ok(CLOSE, { id }, token)).closeVacancy.status).toBe('CLOSED');
    expect(codesOf(await gql(CLOSE, { id }, token))).toEqual(['CONFLICT']);
    expect(codesOf(await gql(UPDATE, { id, input: { title: '再开' } }, token))).toEqual(['CONFLICT']);
  });

  it('refuses another employer\'s edits and closes', async () => {
    const id = await vacancy(await employer());
    const intruder = await tokenFor({ role: 'EMPLOYER', sub: 'x', employerId: await employer() });
    expect(codesOf(await gql(UPDATE, { id, input: { wageMin: 1 } }, intruder))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(CLOSE, { id }, intruder))).toEqual(['FORBIDDEN']);
    expect((await ok(VACANCY, { id }, await adminToken())).vacancy.status).toBe('OPEN');
  });

  it('treats a vacancy past its last day as expired', async () => {
    const employerId = await employer();
    const id = await vacancy(employerId, { validFrom: '2026-01-01', validUntil: yesterday() });
    const token = await adminToken();
    expect((await ok(VACANCY, { id }, token)).vacancy.status).toBe('EXPIRED');
    const open = await ok(`query ($e: ID!) { vacancies(employerId: $e) { totalCount } }`, { e: employerId }, token);
    expect(open.vacancies.totalCount).toBe(0);
    expect(codesOf(await gql(UPDATE, { id, input: { title: '延期' } }, token))).toEqual(['CONFLICT']);
  });

  it('filters by region subtree, occupation and employer, one page at a time', async () => {
    const token = await adminToken();
    const employerId = await employer();
    for (const [i, place] of [COMMUNITY.lianshan, COMMUNITY.lianshan2, COMMUNITY.xingcheng, COMMUNITY.xingcheng].entries()) {
      await vacancy(employerId, { occupation: i % 2 ? '育婴员' : '家政服务员', locationCode: place });
    }
    const q = `query ($e: ID!, $r: ID, $o: String, $after: String) { vacancies(employerId: $e, regionCode: $r, occupation: $o, first: 2, after: $after) { totalCount hasNextPage endCursor nodes { occupation location { code } } } }`;
    expect((await ok(q, { e: employerId, r: '211481' }, token)).vacancies.totalCount).toBe(2);
    expect((await ok(q, { e: employerId, o: '育婴' }, token)).vacancies.totalCount).toBe(2);
    const first = (await ok(q, { e: employerId }, token)).vacancies;
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true });
    const second = (await ok(q, { e: employerId, after: first.endCursor }, token)).vacancies;
    expect(second.hasNextPage).toBe(false);
    expect(second.nodes).toHaveLength(2);
  });
});

describe('the vacancy change feed', () => {
  it('lists created, updated and removed vacancies after a cursor, removals included', async () => {
    const token = await adminToken();
    const feed = `query ($since: String) { vacancyChanges(since: $since, first: 1000) { endCursor hasMore changes { kind vacancyId vacancy { title } } } }`;
    let cursor: string | undefined;
    // Read to the end first, as a job board that is up to date.
    for (;;) {
      const page = (await ok(feed, { since: cursor }, token)).vacancyChanges;
      cursor = page.endCursor;
      if (!page.hasMore) break;
    }
    const id = await vacancy(await employer());
    await ok(UPDATE, { id, input: { title: '家政服务员（白班）' } }, token);
    await ok(CLOSE, { id }, token);
    const page = (await ok(feed, { since: cursor }, token)).vacancyChanges;
    const mine = page.changes.filter((c: any) => c.vacancyId === id);
    expect(mine.map((c: any) => c.kind)).toEqual(['CREATED', 'UPDATED', 'REMOVED']);
    expect(mine.every((c: any) => c.vacancy === null)).toBe(true);
    const after = (await ok(feed, { since: page.endCursor }, token)).vacancyChanges;
    expect(after.changes.filter((c: any) => c.vacancyId === id)).toEqual([]);
    expect(codesOf(await gql(feed, { since: 'x' }, token))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('employers see their own vacancies and candidates only', () => {
  it('hides another employer\'s vacancies, referrals and candidates', async () => {
    const a = await employer();
    const b = await employer();
    const vacancyOfA = await vacancy(a);
    await vacancy(b);
    const person = await resident();
    expect((await refer(person.id, vacancyOfA)).errors).toBeUndefined();
    const tokenB = await tokenFor({ role: 'EMPLOYER', sub: 'b', employerId: b });
    expect(codesOf(await gql(`query ($id: ID!) { vacancy(id: $id) { title } }`, { id: vacancyOfA }, tokenB))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(`query ($e: ID!) { vacancies(employerId: $e) { totalCount } }`, { e: a }, tokenB))).toEqual(['FORBIDDEN']);
    const own = await ok(`{ vacancies(first: 500) { nodes { employer { id } } } }`, {}, tokenB);
    expect(new Set(own.vacancies.nodes.map((v: any) => v.employer.id))).toEqual(new Set([b]));
    expect((await ok(`query ($e: ID!) { employer(id: $e) { vacancies { id } } }`, { e: a }, tokenB)).employer.vacancies).toEqual([]);
    expect(codesOf(await gql(`{ vacancyChanges { endCursor } }`, {}, tokenB))).toEqual(['FORBIDDEN']);
  });
});
