import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_GATEWAY_SECRET, encodeViewer, signRequest } from '@hub/common';
import { graphql } from '@hub/common/testing';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@hub/gateway';
import { adminToken, codesOf, gql, subgraphUrl, tokenFor } from '../support/hub';

const QUERY = JSON.stringify({ query: '{ residents(regionCode: "2114") { totalCount } }' });

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
    const forged = signRequest('not-the-gateway-secret-at-all', { body: QUERY, viewer, requestId: 'x' });
    for (const headers of [{ 'x-hub-viewer': viewer }, forged]) {
      const { status, body } = await post(subgraphUrl('residents'), QUERY, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNSIGNED_REQUEST');
    }
  });

  it('refuses a correctly signed request whose timestamp is stale', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'late' });
    const stale = signRequest(DEV_GATEWAY_SECRET, { body: QUERY, viewer, requestId: 'late' }, Date.now() - 5 * 60_000);
    const { status } = await post(subgraphUrl('residents'), QUERY, stale);
    expect(status).toBe(401);
  });

  it('refuses a signed request whose body was changed', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'tamper' });
    const signed = signRequest(DEV_GATEWAY_SECRET, { body: QUERY, viewer, requestId: 'tamper' });
    const { status } = await post(subgraphUrl('residents'), QUERY.replace('2114', '2114 '), signed);
    expect(status).toBe(401);
  });

  it('ignores identity headers a client sends to the gateway', async () => {
    const viewer = encodeViewer({ role: 'ADMIN', sub: 'intruder' });
    const response = await fetch((await import('../support/hub')).gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-viewer': viewer, 'x-hub-signature': 'v1=00' },
      body: QUERY,
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an invalid or expired token outright', async () => {
    const bad = await gql('{ region(code: "2114") { name } }', {}, 'not.a.token');
    expect(bad.status).toBe(401);
    expect(codesOf(bad)).toEqual(['UNAUTHENTICATED']);
    const wrongKey = await graphql((await import('../support/hub')).gatewayUrl(), '{ region(code: "2114") { name } }', {}, {
      token: (await adminToken()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect(wrongKey.status).toBe(401);
  });
});

describe('a captured gateway request cannot be replayed', () => {
  let proxy: Server;
  let gateway: RunningGateway;
  const captured: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    // A recording hop between a second gateway and the residents subgraph: what an eavesdropper would see.
    const target = new URL(subgraphUrl('residents'));
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push({ headers: req.headers, body });
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
      const upstream = await fetch(target, { method: 'POST', headers, body });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    gateway = await startGateway(
      loadGatewayConfig({
        ...process.env,
        LOG_LEVEL: 'silent',
        RESIDENTS_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
        EMPLOYERS_URL: subgraphUrl('employers'),
        TRAINING_URL: subgraphUrl('training'),
        SUBSIDIES_URL: subgraphUrl('subsidies'),
      }),
      0,
    );
  });

  afterAll(async () => {
    await gateway.stop();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('passes the request id on, signs the call, and refuses the same bytes sent again', async () => {
    const token = await tokenFor({ role: 'COORDINATOR', sub: 'c1', regionCode: '211402' });
    const result = await graphql(gateway.url, '{ residents(regionCode: "211402") { totalCount } }', {}, { token, headers: { 'x-request-id': 'replay-test-42' } });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe('replay-test-42');
    const call = captured.at(-1)!;
    expect(call.headers['x-request-id']).toBe('replay-test-42');
    expect(call.headers['x-hub-signature']).toMatch(/^v1=[0-9a-f]{64}$/);

    const headers = Object.fromEntries(
      Object.entries(call.headers).filter(([k]) => k.startsWith('x-hub-') || k === 'x-request-id'),
    ) as Record<string, string>;
    const replay = await post(subgraphUrl('residents'), call.body, headers);
    expect(replay.status).toBe(401);
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('UNSIGNED_REQUEST');
  });
});
