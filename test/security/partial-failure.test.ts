import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '@hub/common/testing';
import type { RunningGateway } from '@hub/gateway';
import { adminToken, codesOf, gql, ok, tokenFor } from '../support/hub';
import { employer, refer, resident, vacancy } from '../support/fixtures';
import { gatewayWith } from '../support/proxy';

/** A field that fails, or is refused, takes nothing but itself with it. */

describe('a register that does not answer', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    // A gateway of our own whose residents service is a port nobody listens on; employers is the shared hub's.
    gateway = await gatewayWith({ RESIDENTS_URL: 'http://127.0.0.1:9/graphql' });
  });
  afterAll(() => gateway.stop());

  it('leaves the vacancy list the employers service answered, with the locations null and the error named', async () => {
    const employerId = await employer();
    const vacancyId = await vacancy(employerId);
    const result = await graphql(
      gateway.url,
      `query ($e: ID!) { vacancies(employerId: $e) { nodes { id title location { code name } employer { name district { name } } } } }`,
      { e: employerId },
      { token: await adminToken() },
    );
    expect(result.data).not.toBeNull();
    const nodes = (result.data as { vacancies: { nodes: { id: string; title: string; location: unknown; employer: { name: string } }[] } }).vacancies.nodes;
    expect(nodes.map((n) => [n.id, n.title, n.location, n.employer.name])).toEqual([[vacancyId, '家政服务员', null, '葫芦岛市渤海家政服务有限公司']]);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9|stack/i);
  });
});

describe('a training service that does not answer', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ TRAINING_URL: 'http://127.0.0.1:9/graphql' });
  });
  afterAll(() => gateway.stop());

  it('takes only its own fields from a vacancy and a region', async () => {
    const vacancyId = await vacancy(await employer());
    const result = await graphql(
      gateway.url,
      `query ($v: ID!) { vacancy(id: $v) { title trainingCourses { id } } region(code: "211402") { name peopleEmployedAfterTraining(year: 2026) hiringStatistics(year: 2026) { month } } }`,
      { v: vacancyId },
      { token: await adminToken() },
    );
    const data = result.data as { vacancy: Record<string, unknown>; region: { name: string; peopleEmployedAfterTraining: unknown; hiringStatistics: unknown[] } };
    expect(data.vacancy).toEqual({ title: '家政服务员', trainingCourses: null });
    expect(data.region).toMatchObject({ name: '连山区', peopleEmployedAfterTraining: null });
    expect(data.region.hiringStatistics).toHaveLength(12);
    expect(result.errors?.length).toBeGreaterThan(0);
  });
});

describe('a field refused or failing alone', () => {
  it('answers staff asking a vacancy\'s referred people\'s course recommendations with an error on that field only, not a TypeError', async () => {
    const person = await resident({ age: 30, skills: [{ name: '保洁' }] });
    const vacancyId = await vacancy(await employer());
    expect((await refer(person.id, vacancyId)).errors).toBeUndefined();
    const result = await gql(
      `query ($v: ID!) { vacancy(id: $v) { id referrals { resident { id recommendedCourses { course { id } } } } } }`,
      { v: vacancyId },
      await adminToken(),
    );
    // The query planner does not pass the person's facts to matching on this path (it skips the
    // @requires of a field required by another): the field says where to ask, and nothing else goes.
    expect(codesOf(result)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(result.data!.vacancy).toEqual({ id: vacancyId, referrals: [{ resident: { id: person.id, recommendedCourses: null } }] });
    expect(result.errors!.find((e) => e.path?.at(-1) === 'recommendedCourses')?.extensions?.code).toBe('BAD_USER_INPUT');
    // Asked for by the person, the same field is worked out.
    const direct = await ok(`query ($id: ID!) { resident(id: $id) { recommendedCourses { course { id } } } }`, { id: person.id }, await adminToken());
    expect(Array.isArray(direct.resident.recommendedCourses)).toBe(true);
  });

  it('refuses an outsider\'s matches for a person with FORBIDDEN on the field, not a TypeError', async () => {
    const person = await resident();
    const vacancyId = await vacancy(await employer(), { locationCode: '211481001001' });
    expect((await refer(person.id, vacancyId)).errors).toBeUndefined();
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'xc', regionCode: '211481' });
    const result = await gql(`query ($v: ID!) { vacancy(id: $v) { id referrals { resident { id jobMatches { score } recommendedCourses { course { id } } } } } }`, { v: vacancyId }, outsider);
    expect(result.data!.vacancy.id).toBe(vacancyId);
    expect(result.data!.vacancy.referrals[0].resident).toMatchObject({ id: person.id, jobMatches: null, recommendedCourses: null });
    expect(codesOf(result)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(codesOf(result)).toContain('FORBIDDEN');
  });

  it('keeps the vacancy for an employer who asks for more of a referred person than hiring needs', async () => {
    const employerId = await employer();
    const vacancyId = await vacancy(employerId);
    const person = await resident();
    expect((await refer(person.id, vacancyId)).errors).toBeUndefined();
    const token = await tokenFor({ role: 'EMPLOYER', sub: 'hr', employerId });
    const result = await gql(`query ($v: ID!) { vacancy(id: $v) { title referrals { outcome resident { id household { id } } } } }`, { v: vacancyId }, token);
    expect(result.data!.vacancy).toEqual({ title: '家政服务员', referrals: [{ outcome: 'PENDING', resident: { id: person.id, household: null } }] });
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    await ok(`query ($v: ID!) { vacancy(id: $v) { title } }`, { v: vacancyId }, token);
  });
});
