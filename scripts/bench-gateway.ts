/**
 * Measures the price of the gateway: the same single-subgraph query sent straight to the
 * residents subgraph (signed, as the gateway would) and through the gateway, in one run, with
 * the services in their own processes as deployed. Prints p50/p99 latency and requests per
 * second for each, and their ratios. Not a test: these machines are noisy, so read the ratios.
 *
 *   pnpm bench                     10 s per phase, 10 connections
 *   BENCH_SECONDS=30 BENCH_CONNECTIONS=32 pnpm bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEV_GATEWAY_SECRET, encodeViewer, signatureAudience, signRequest } from '@hub/common';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const base = Number(process.env.BENCH_PORT_BASE ?? 4100);
const ports = { gateway: base, residents: base + 1 };
const body = JSON.stringify({ query: '{ region(code: "211402") { code name level children { code name } } }' });

function startService(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code && code !== 0) console.error(`${name} exited with ${code}`);
  });
  return child;
}

async function waitReady(port: number) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`service on ${port} did not become ready`);
}

async function run(label: string, url: string, headers: () => Record<string, string>) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', body, setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', ...headers() } }) }],
  });
  const errors = result.errors + result.non2xx;
  if (errors) throw new Error(`${label}: ${errors} failed requests`);
  return { label, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
const children = [
  startService('residents', 'subgraphs/residents/src/main.ts', { PORT: String(ports.residents), DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) }),
];
try {
  await waitReady(ports.residents);
  // The other subgraphs are not asked by this query; the gateway only needs their addresses.
  const unused = `http://127.0.0.1:${base + 9}/graphql`;
  children.push(
    startService('gateway', 'gateway/src/main.ts', {
      PORT: String(ports.gateway),
      RESIDENTS_URL: `http://127.0.0.1:${ports.residents}/graphql`,
      EMPLOYERS_URL: unused,
      TRAINING_URL: unused,
      SUBSIDIES_URL: unused,
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < 300 && !(await fetch(`http://127.0.0.1:${ports.gateway}/health/live`).then((r) => r.ok, () => false)); i++) {
    await new Promise((r) => setTimeout(r, 200));
  }

  const secret = process.env.HUB_GATEWAY_SECRET ?? DEV_GATEWAY_SECRET;
  let n = 0;
  const signed = () => signRequest(secret, { audience: signatureAudience('residents', 'graphql'), body, viewer: encodeViewer(null), requestId: `bench-${++n}` });
  const direct = (label: string) => run(label, `http://127.0.0.1:${ports.residents}/graphql`, signed);
  const viaGateway = (label: string) => run(label, `http://127.0.0.1:${ports.gateway}/graphql`, () => ({}));

  console.error(`warming up (${seconds} s each way)...`);
  await direct('warm-up direct');
  await viaGateway('warm-up gateway');
  const results = [await direct('subgraph direct'), await viaGateway('through gateway')];

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}`);
  console.log(`query: region(code: "211402") with children · ${connections} connections · ${seconds} s per phase · storage: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}\n`);
  console.log('| path | p50 ms | p99 ms | requests/s |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.label} | ${r.p50} | ${r.p99} | ${Math.round(r.rps)} |`);
  const [d, g] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`| gateway ÷ direct | ×${(g.p50 / d.p50).toFixed(2)} | ×${(g.p99 / d.p99).toFixed(2)} | ×${(g.rps / d.rps).toFixed(2)} |`);
  console.log(`\nbenchmark done: ${results.reduce((sum, r) => sum + r.total, 0)} requests measured`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  rmSync(dataDir, { recursive: true, force: true });
}
