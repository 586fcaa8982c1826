import { request } from 'node:http';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { loadSubgraphConfig, startSubgraph } from '@hub/common';
import { residentsSubgraph } from '@hub/residents';
import { gatewayUrl, subgraphUrl } from '../support/hub';

const healthUrl = (graphqlUrl: string, which: 'live' | 'ready') => graphqlUrl.replace(/\/graphql$/, `/health/${which}`);

describe('liveness and readiness', () => {
  it('every service is live and ready', async () => {
    for (const url of [gatewayUrl(), ...['residents', 'employers', 'training', 'subsidies'].map(subgraphUrl)]) {
      for (const which of ['live', 'ready'] as const) {
        const response = await fetch(healthUrl(url, which));
        expect(response.status, `${url} ${which}`).toBe(200);
      }
    }
  });

  // Needs a database server to take away; the embedded database cannot become unreachable.
  it.runIf(inject('databaseUrl'))('a subgraph is not ready while its database is unreachable, and ready again after', async () => {
    const database = new URL(inject('databaseUrl')!);
    // A TCP hop in front of PostgreSQL that the test can stall, as a network partition would:
    // nothing passes while it is cut, and traffic resumes where it stopped when it heals.
    const links: { client: Socket; upstream: Socket }[] = [];
    let open = true;
    const link = (pair: { client: Socket; upstream: Socket }) => {
      pair.client.pipe(pair.upstream);
      pair.upstream.pipe(pair.client);
    };
    const hop: Server = createServer((client) => {
      const upstream = createConnection(Number(database.port || 5432), database.hostname);
      const pair = { client, upstream };
      links.push(pair);
      for (const s of [client, upstream]) s.on('error', () => {});
      if (open) link(pair);
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const viaHop = new URL(database);
    viaHop.host = `127.0.0.1:${(hop.address() as AddressInfo).port}`;
    const running = await startSubgraph(residentsSubgraph, loadSubgraphConfig({ ...process.env, DATABASE_URL: viaHop.toString(), LOG_LEVEL: 'silent' }), 0);
    try {
      const ready = () => fetch(healthUrl(running.url, 'ready')).then((r) => r.status);
      expect(await ready()).toBe(200);
      open = false;
      for (const { client, upstream } of links) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
      expect(await ready()).toBe(503);
      expect((await fetch(healthUrl(running.url, 'live'))).status).toBe(200);
      open = true;
      for (const pair of links) link(pair);
      await expect.poll(ready, { timeout: 10_000, interval: 200 }).toBe(200);
    } finally {
      await running.stop();
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => hop.close(resolve));
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    const running = await startSubgraph(residentsSubgraph, loadSubgraphConfig({ ...process.env, DATA_DIR: 'memory://', DATABASE_URL: undefined, LOG_LEVEL: 'silent' }), 0);
    // Half a request: the server is reading its body when shutdown begins.
    const body = JSON.stringify({ query: '{ __typename }' });
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(running.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = running.stop();
    // Answered (401: it was not signed), not cut off.
    expect(await answered).toBe(401);
    await stopping;
    await expect(fetch(healthUrl(running.url, 'live'))).rejects.toThrow();
  });
});
