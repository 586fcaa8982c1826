/**
 * Smoke test of the embedded start, as a newcomer would run it: `scripts/start.ts` on a fresh
 * data directory, wait for "hub ready", one query through the gateway, SIGTERM, clean exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-smoke-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });

let output = '';
const fail = (why: string) => {
  console.error(`smoke: FAILED: ${why}`);
  child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
};
// Seeding the demo takes 95-130 s on an idle 2-core machine (each create keyed, audited and its
// events delivered); the limit is for a start that hangs, not a race.
const timer = setTimeout(() => fail('the hub was not ready within 360 s'), 360_000);

const ready = new Promise<string>((resolve) => {
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
    const token = /token\s+(\S+)/.exec(output.slice(output.indexOf('hub ready')))?.[1];
    if (output.includes('hub ready') && token) resolve(token);
  });
});
child.once('exit', (code) => {
  if (!output.includes('hub ready')) fail(`the hub exited with ${code} before it was ready`);
});

const token = await ready;
clearTimeout(timer);
const response = await fetch('http://127.0.0.1:4000/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: '{ region(code: "2114") { name } residents(regionCode: "2114", first: 0) { totalCount } vacancies(first: 0) { totalCount } }' }),
});
const body = (await response.json()) as { data?: { region: { name: string }; residents: { totalCount: number }; vacancies: { totalCount: number } } };
if (!body.data || body.data.region.name !== '葫芦岛市' || body.data.residents.totalCount < 2000 || body.data.vacancies.totalCount < 1) {
  fail(`unexpected answer: ${JSON.stringify(body)}`);
}
const started = Date.now();
child.kill('SIGTERM');
const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
if (code !== 0) fail(`shutdown ended with exit code ${code}`);
console.log(
  `smoke: ok: ${body.data!.residents.totalCount} residents and ${body.data!.vacancies.totalCount} open vacancies through the gateway; ` +
    `clean shutdown in ${Date.now() - started} ms`,
);
