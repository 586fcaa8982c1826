import { describe, expect, it } from 'vitest';
import { graphql } from '@hub/common/testing';
import { adminToken, codesOf, gatewayUrl, gql, ok, tokenFor } from '../support/hub';
import { COMMUNITY, resident } from '../support/fixtures';

/** 个人信息查阅记录: every read of a protected field is recorded, and administrators can read the record. */

const AUDIT = `query ($r: ID, $a: String, $from: DateTime!, $to: DateTime!) {
  personalDataAccess(residentId: $r, actor: $a, from: $from, to: $to) { totalCount nodes { actor residentId fields operation requestId } }
}`;

const window = () => ({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });

describe('reads of personal data', () => {
  it('records who read which protected fields of whom, in which operation, once per request', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    const sub = `reader-${Date.now()}`;
    const token = await tokenFor({ role: 'COORDINATOR', sub, regionCode: COMMUNITY.lianshan });
    const read = await graphql(
      gatewayUrl(),
      `query CheckPerson($id: ID!) { resident(id: $id) { name identityNumber phone monthlyIncome difficultyGroups household { id } registration { certificateNumber } } }`,
      { id: person.id },
      { token, operationName: 'CheckPerson' },
    );
    expect(read.errors).toBeUndefined();
    const admin = await adminToken();
    const records = await ok(AUDIT, { r: person.id, ...window() }, admin);
    expect(records.personalDataAccess.totalCount).toBe(1);
    expect(records.personalDataAccess.nodes[0]).toMatchObject({
      actor: `COORDINATOR:${sub}@${COMMUNITY.lianshan}`,
      residentId: person.id,
      // The registration is null (never registered): no certificate number was read.
      fields: ['difficultyGroups', 'household', 'identityNumber', 'monthlyIncome', 'phone'],
      operation: 'CheckPerson',
    });
    expect(records.personalDataAccess.nodes[0].requestId).toMatch(/\S/);
    const byActor = await ok(AUDIT, { a: `COORDINATOR:${sub}@${COMMUNITY.lianshan}`, ...window() }, admin);
    expect(byActor.personalDataAccess.nodes.map((n: { residentId: string }) => n.residentId)).toEqual([person.id]);
  });

  it('records nothing for fields that are not protected, nor for a refused read', async () => {
    const person = await resident({ communityCode: COMMUNITY.lianshan });
    await ok(`query ($id: ID!) { resident(id: $id) { name age skills { name } } }`, { id: person.id }, await adminToken());
    const outsider = await tokenFor({ role: 'COORDINATOR', sub: 'far', regionCode: '211481' });
    expect(codesOf(await gql(`query ($id: ID!) { resident(id: $id) { identityNumber } }`, { id: person.id }, outsider))).toEqual(['FORBIDDEN']);
    const records = await ok(AUDIT, { r: person.id, ...window() }, await adminToken());
    expect(records.personalDataAccess.totalCount).toBe(0);
  });

  it('records a list of people in one request, a row for each person read', async () => {
    const people = [await resident({ communityCode: COMMUNITY.lianshan2 }), await resident({ communityCode: COMMUNITY.lianshan2 })];
    const sub = `lister-${Date.now()}`;
    const token = await tokenFor({ role: 'COORDINATOR', sub, regionCode: COMMUNITY.lianshan2 });
    const list = await ok(`{ residents(regionCode: "${COMMUNITY.lianshan2}", first: 500) { nodes { id phone } } }`, {}, token);
    const records = await ok(AUDIT, { a: `COORDINATOR:${sub}@${COMMUNITY.lianshan2}`, ...window() }, await adminToken());
    expect(records.personalDataAccess.totalCount).toBe(list.residents.nodes.length);
    expect(new Set(records.personalDataAccess.nodes.map((n: { requestId: string }) => n.requestId)).size).toBe(1);
    for (const p of people) expect(records.personalDataAccess.nodes.find((n: { residentId: string }) => n.residentId === p.id)?.fields).toEqual(['phone']);
  });

  it('is for administrators, for one person or one reader, over a bounded period', async () => {
    const person = await resident();
    const staff = await tokenFor({ role: 'COORDINATOR', sub: 'c', regionCode: '2114' });
    expect(codesOf(await gql(AUDIT, { r: person.id, ...window() }, staff))).toEqual(['FORBIDDEN']);
    const admin = await adminToken();
    expect(codesOf(await gql(AUDIT, window(), admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(AUDIT, { r: person.id, from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await gql(AUDIT, { r: person.id, from: window().to, to: window().from }, admin))).toEqual(['BAD_USER_INPUT']);
  });
});
