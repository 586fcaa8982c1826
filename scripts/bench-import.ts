/**
 * Measures the survey import end to end: writes a generated survey sheet (BENCH_ROWS rows,
 * default 100,000), starts the hub in its own process on a fresh database (PostgreSQL when
 * DATABASE_URL names a server, else a temporary PGlite directory), imports the sheet through
 * the gateway with scripts/import-survey.ts, and prints rows per second. Not a test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@hub/common/testing';
import { writeSampleSurvey } from '@hub/residents/import/sample';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const format = (process.env.BENCH_FORMAT ?? 'csv') as 'csv' | 'xlsx';
const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-import-bench-'));
const sheet = path.join(dir, `survey.${format}`);

console.error(`writing a ${rows}-row ${format} survey...`);
await writeSampleSurvey(sheet, { rows, seed: 7, format });

const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : null;
const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HUB_SEED_DEMO: 'false', DATA_DIR: path.join(dir, 'data') };
if (database) env.DATABASE_URL = database.url;
else delete env.DATABASE_URL;
const hub = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
try {
  await new Promise<void>((resolve, reject) => {
    let out = '';
    hub.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('hub ready')) resolve();
    });
    hub.once('exit', (code) => reject(new Error(`the hub exited with ${code}`)));
  });
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import-survey.ts', sheet, '--errors', path.join(dir, 'errors.csv')], {
      cwd: root,
      env: { ...process.env, GATEWAY_URL: 'http://127.0.0.1:4000/graphql' },
      stdio: 'inherit',
    });
    child.once('exit', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `import benchmark: ${rows} rows (${format}) in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s through the gateway ` +
      `on ${database ? 'PostgreSQL' : 'PGlite'}, ${os.cpus().length} cores, Node ${process.version} (import exit code ${code})`,
  );
} finally {
  hub.kill('SIGTERM');
  await new Promise((resolve) => (hub.exitCode !== null ? resolve(null) : hub.once('exit', resolve)));
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}
