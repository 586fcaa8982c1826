import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@hub/gateway';
import { graphql } from '@hub/common/testing';
import { adminToken, codesOf, subgraphUrl } from '../support/hub';
import { gatewayWith, recordingProxy } from '../support/proxy';

const POLICIES = 'query Policies($on: Date) { subsidyPolicies(on: $on) { code } }';

/** Mistakes in the request itself: answered by the gateway as the client's, never as a fault of ours. */
describe('input the gateway refuses itself', () => {
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    proxy = await recordingProxy(subgraphUrl('subsidies'));
    gateway = await gatewayWith({ SUBSIDIES_URL: proxy.url });
    token = await adminToken();
  });

  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
  });

  const send = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
    }).then(async (response) => ({ status: response.status, ...((await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }) }));

  it.each([
    ['an impossible day', '2026-02-30'],
    ['a word', 'yesterday'],
    ['a number', 20261101],
  ])('refuses %s as a Date variable with BAD_USER_INPUT and the subgraph\'s own message, calling no service', async (_what, value) => {
    const before = proxy.calls.length;
    const result = await send(POLICIES, { on: value });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain(`"${value}" is not a date; write it as YYYY-MM-DD.`);
    expect(result.data ?? null).toBeNull();
    expect(proxy.calls.length).toBe(before);
  });

  it('refuses a bad Date written into the query as a validation error, calling no service', async () => {
    const before = proxy.calls.length;
    const result = await send('{ subsidyPolicies(on: "2026-02-30") { code } }');
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors![0]!.message).toContain('"2026-02-30" is not a date; write it as YYYY-MM-DD.');
    expect(proxy.calls.length).toBe(before);
  });

  it('still passes a good date on', async () => {
    const result = await graphql(gateway.url, POLICIES, { on: '2026-11-01' }, { token });
    expect(result.errors).toBeUndefined();
    expect(codesOf(result)).toEqual([]);
  });

  it('answers an operationName the query does not hold with HTTP 400', async () => {
    const result = await send(POLICIES, { on: '2026-11-01' }, 'NoSuchOperation');
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(result.errors![0]!.message).toBe('The query has no operation named "NoSuchOperation".');
  });

  it('answers two operations without an operationName with HTTP 400', async () => {
    const result = await send('query A { __typename } query B { __typename }');
    expect(result.status).toBe(400);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });
});
