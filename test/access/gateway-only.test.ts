import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_GATEWAY_SECRET, DEV_JWT_SECRET, encodeViewer, signatureAudience, signRequest } from '@hub/common';
import { issueToken } from '@hub/gateway/auth';
import { graphql } from '@hub/common/testing';
import type { RunningGateway } from '@hub/gateway';
import { adminToken, codesOf, gatewayUrl, gql, subgraphUrl, tokenFor } from '../support/hub';
import { gatewayWith, recordingProxy } from '../support/proxy';

const QUERY = JSON.stringify({ query: '{ residents(regionCode: "2114") { totalCount } }' });
const RESIDENTS = signatureAudience('residents', 'graphql');

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('subgraphs answer only the gateway', () => {
  it('refuses a request sent straight to a subgraph', async () => {
    const { status, body } = await post(subgraphUrl('residents'), QUERY);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNSIGNED_REQUEST');
    expect(body.data).toBeUndefined();
  });

  it('refuses forged identity headers without a valid signature', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'intruder' });
    const forged = signRequest('not-the-gateway-secret-at-all', { audience: RESIDENTS, body: QUERY, viewer, requestId: 'x' });
    for (const headers of [{ 'x-hub-viewer': viewer }, forged]) {
      const { status, body } = await post(subgraphUrl('residents'), QUERY, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNSIGNED_REQUEST');
    }
  });

  it('refuses a correctly signed request whose timestamp is stale', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'late' });
    const stale = signRequest(DEV_GATEWAY_SECRET, { audience: RESIDENTS, body: QUERY, viewer, requestId: 'late' }, Date.now() - 5 * 60_000);
    const { status } = await post(subgraphUrl('residents'), QUERY, stale);
    expect(status).toBe(401);
  });

  it('refuses a signed request whose body was changed', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'tamper' });
    const signed = signRequest(DEV_GATEWAY_SECRET, { audience: RESIDENTS, body: QUERY, viewer, requestId: 'tamper' });
    const { status } = await post(subgraphUrl('residents'), QUERY.replace('2114', '2114 '), signed);
    expect(status).toBe(401);
  });

  it('ignores identity headers a client sends to the gateway', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'intruder' });
    const response = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-viewer': viewer, 'x-hub-signature': 'v1=00' },
      body: QUERY,
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an invalid, tampered or expired token outright', async () => {
    const bad = await gql('{ region(code: "2114") { name } }', {}, 'not.a.token');
    expect(bad.status).toBe(401);
    expect(codesOf(bad)).toEqual(['UNAUTHENTICATED']);
    const wrongKey = await graphql(gatewayUrl(), '{ region(code: "2114") { name } }', {}, {
      // The signature's first character: all six of its bits count (the last one's low bits are padding).
      token: (await adminToken()).replace(/\.([^.])([^.]*)$/, (_m, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}`),
    });
    expect(wrongKey.status).toBe(401);
    const expired = await issueToken({ role: 'ADMIN', sub: 'old' }, { secret: DEV_JWT_SECRET, issuer: 'full-employment-hub', audience: 'hub' }, Math.floor(Date.now() / 1000) - 1);
    const late = await gql('{ region(code: "2114") { name } }', {}, expired);
    expect(late.status).toBe(401);
    expect(late.errors![0]!.message).toBe('Your sign-in has expired; please sign in again.');
  });
});

describe('a captured gateway request cannot be replayed', () => {
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    proxy = await recordingProxy(subgraphUrl('residents'));
    gateway = await gatewayWith({ RESIDENTS_URL: proxy.url });
  });

  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
  });

  it('passes the request id on, signs the call, and refuses the same bytes sent again', async () => {
    const token = await tokenFor({ role: 'COORDINATOR', sub: 'c1', regionCode: '211402' });
    const result = await graphql(gateway.url, '{ residents(regionCode: "211402") { totalCount } }', {}, { token, headers: { 'x-request-id': 'replay-test-42' } });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe('replay-test-42');
    const call = proxy.calls.at(-1)!;
    expect(call.headers['x-request-id']).toBe('replay-test-42');
    expect(call.headers['x-hub-signature']).toMatch(/^v2=[0-9a-f]{64}$/);

    const headers = Object.fromEntries(
      Object.entries(call.headers).filter(([k]) => k.startsWith('x-hub-') || k === 'x-request-id'),
    ) as Record<string, string>;
    const replay = await post(subgraphUrl('residents'), call.body, headers);
    expect(replay.status).toBe(401);
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('UNSIGNED_REQUEST');
  });
});

describe('tokens from a key set (JWT_JWKS_URL)', () => {
  let keys: Server;
  let gateway: RunningGateway;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    keys = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    gateway = await gatewayWith({}, { JWT_JWKS_URL: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/jwks.json` });
  });

  afterAll(async () => {
    await gateway.stop();
    await new Promise((resolve) => keys.close(resolve));
  });

  const rsToken = (expires: string | number = '5m') =>
    new SignJWT({ role: 'COORDINATOR', regionCode: '211481' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject('sso-user')
      .setIssuer('full-employment-hub')
      .setAudience('hub')
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(privateKey);

  it('accepts a token signed by a key in the set', async () => {
    const result = await graphql(gateway.url, '{ residents(regionCode: "211481", first: 0) { totalCount } }', {}, { token: await rsToken() });
    expect(result.errors).toBeUndefined();
  });

  it('refuses the shared-secret tokens and expired ones', async () => {
    const hs = await graphql(gateway.url, '{ region(code: "2114") { name } }', {}, { token: await adminToken() });
    expect(hs.status).toBe(401);
    const expired = await graphql(gateway.url, '{ region(code: "2114") { name } }', {}, { token: await rsToken(Math.floor(Date.now() / 1000) - 60) });
    expect(expired.status).toBe(401);
    expect(codesOf(expired)).toEqual(['UNAUTHENTICATED']);
  });
});
