import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@hub/gateway';
import { issueToken } from '@hub/gateway/auth';
import { graphiqlLink } from '@hub/gateway/graphiql';
import { graphql } from '@hub/common/testing';
import { codesOf, gatewayUrl, gql, subgraphUrl, tokenFor } from '../support/hub';
import { gatewayWith, recordingProxy } from '../support/proxy';

const JWT_SECRET = 'a-production-jwt-secret-of-some-length';
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET,
  HUB_GATEWAY_SECRET: 'a-production-gateway-secret-too',
  CORS_ORIGINS: 'https://console.hub.example.cn, https://jobs.example.cn',
};
const ALLOWED = 'https://console.hub.example.cn';
const INTROSPECTION = '{ __schema { queryType { name } } }';
const settings = { secret: JWT_SECRET, issuer: 'full-employment-hub', audience: 'hub' };

describe('a gateway in production (NODE_ENV=production)', () => {
  let gateway: RunningGateway;
  let origin: string;

  beforeAll(async () => {
    gateway = await gatewayWith({}, PRODUCTION);
    origin = gateway.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses introspection to anyone, administrators included', async () => {
    for (const token of [undefined, await issueToken({ role: 'ADMIN', sub: 'prod-admin' }, settings)]) {
      const result = await graphql(gateway.url, INTROSPECTION, {}, { token });
      expect(result.status).toBe(400);
      expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(result.data ?? null).toBeNull();
    }
  });

  it('serves no GraphiQL page or assets', async () => {
    for (const page of ['/', '/graphiql', '/graphiql/assets/graphiql.js']) {
      expect((await fetch(`${origin}${page}`)).status).toBe(404);
    }
  });

  it('does not suggest field names that would map the schema', async () => {
    const result = await graphql(gateway.url, '{ regin(code: "2114") { name } }');
    expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
    // The development hub still helps its developers.
    const dev = await gql('{ regin(code: "2114") { name } }');
    expect(dev.errors![0]!.message).toMatch(/Did you mean "region"/);
  });

  it('answers a preflight from an allowed origin only', async () => {
    const preflight = (from: string) =>
      fetch(gateway.url, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS headers to answers for allowed origins and to no others', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const allowed = await post(body, { origin: ALLOWED });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    for (const headers of [{ origin: 'https://evil.example.com' }, {}] as Record<string, string>[]) {
      const other = await post(body, headers);
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses a token without exp: it would never expire', async () => {
    const forever = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('forever')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt()
      .sign(new TextEncoder().encode(JWT_SECRET));
    const result = await graphql(gateway.url, '{ __typename }', {}, { token: forever });
    expect(result.status).toBe(401);
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a token that lives longer than JWT_MAX_LIFETIME_SECONDS (12 h), with or without iat', async () => {
    const thirteenHours = await issueToken({ role: 'ADMIN', sub: 'long' }, settings, '13h');
    const noIat = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('no-iat')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setExpirationTime('30d')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const futureIat = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('future-iat')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) + 29 * 86_400)
      .setExpirationTime('30d')
      .sign(new TextEncoder().encode(JWT_SECRET));
    for (const token of [thirteenHours, noIat, futureIat]) {
      const result = await graphql(gateway.url, '{ __typename }', {}, { token });
      expect(result.status).toBe(401);
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    }
    const workingDay = await graphql(gateway.url, '{ __typename }', {}, { token: await issueToken({ role: 'ADMIN', sub: 'day' }, settings) });
    expect(workingDay.errors).toBeUndefined();
  });

  it('turns introspection and GraphiQL on only when asked to', async () => {
    const open = await gatewayWith({}, { ...PRODUCTION, INTROSPECTION_ENABLED: 'true', GRAPHIQL_ENABLED: 'true' });
    try {
      const result = await graphql(open.url, INTROSPECTION);
      expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await fetch(open.url.replace(/\/graphql$/, '/graphiql'))).status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});

describe('a shorter JWT_MAX_LIFETIME_SECONDS', () => {
  it('refuses the 12-hour development tokens', async () => {
    const gateway = await gatewayWith({}, { JWT_MAX_LIFETIME_SECONDS: '3600' });
    try {
      const long = await graphql(gateway.url, '{ __typename }', {}, { token: await tokenFor({ role: 'ADMIN', sub: 'twelve-hours' }) });
      expect(codesOf(long)).toEqual(['UNAUTHENTICATED']);
      const hour = await issueToken({ role: 'ADMIN', sub: 'hour' }, { ...settings, secret: 'dev-jwt-secret-change-me' }, '1h');
      expect((await graphql(gateway.url, '{ __typename }', {}, { token: hour })).errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });
});

describe('a signature names the service it is for', () => {
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    proxy = await recordingProxy(subgraphUrl('residents'));
    gateway = await gatewayWith({ RESIDENTS_URL: proxy.url });
  });

  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
  });

  it('refuses at every other subgraph a request the gateway signed for residents', async () => {
    const token = await tokenFor({ role: 'ADMIN', sub: 'captured' });
    const result = await graphql(gateway.url, '{ __typename region(code: "2114") { name } }', {}, { token });
    expect(result.errors).toBeUndefined();
    const call = proxy.calls.at(-1)!;
    const headers = Object.fromEntries(
      Object.entries(call.headers).filter(([k]) => k.startsWith('x-hub-') || k === 'x-request-id' || k === 'content-type'),
    ) as Record<string, string>;
    for (const service of ['employers', 'training', 'subsidies']) {
      const replay = await fetch(subgraphUrl(service), { method: 'POST', headers, body: call.body });
      expect(replay.status).toBe(401);
      expect(((await replay.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNSIGNED_REQUEST');
    }
  });
});

describe('the GraphiQL link of the start command', () => {
  it('carries its token in the fragment, which never reaches a server, and the page reads it from there', async () => {
    const token = await tokenFor({ role: 'ADMIN', sub: 'link' });
    const link = new URL(graphiqlLink('http://localhost:4000', token));
    expect(link.search).toBe('');
    expect(link.pathname).toBe('/graphiql');
    expect(new URLSearchParams(link.hash.slice(1)).get('token')).toBe(token);
    const page = await (await fetch(gatewayUrl().replace(/\/graphql$/, '/graphiql'))).text();
    expect(page).toContain('location.hash');
    expect(page).not.toContain('location.search');
  });
});

describe('outbound connections', () => {
  it('the gateway makes none beyond its subgraphs: no telemetry, no cloud metadata probes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-outbound-'));
    const watchFile = path.join(dir, 'outbound.jsonl');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: '0',
      OUTBOUND_WATCH_FILE: watchFile,
      RESIDENTS_URL: subgraphUrl('residents'),
      EMPLOYERS_URL: subgraphUrl('employers'),
      TRAINING_URL: subgraphUrl('training'),
      SUBSIDIES_URL: subgraphUrl('subsidies'),
    };
    // The switch must come from the gateway's own code, not from whatever environment it is given.
    delete env.APOLLO_TELEMETRY_DISABLED;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/outbound-watch.mjs', 'gateway/src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"port":(\d+)[^\n]*"msg":"gateway listening"/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before listening:\n${out}`)));
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      const token = await tokenFor({ role: 'ADMIN', sub: 'outbound' });
      for (const query of ['{ region(code: "2114") { name children { name } } }', '{ residents(regionCode: "2114", first: 1) { totalCount } }', '{ courses { id } }']) {
        expect((await graphql(url, query, {}, { token })).errors).toBeUndefined();
      }
      // The cloud detectors fire within moments of start; give them the time they would take.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    let recorded = '';
    try {
      recorded = readFileSync(watchFile, 'utf8');
    } catch {
      // No file: nothing was recorded.
    }
    rmSync(dir, { recursive: true, force: true });
    expect(recorded.split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual([]);
  }, 60_000);
});
