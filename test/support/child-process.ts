import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@hub/common/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildHub {
  child: ChildProcess;
  /** The gateway's GraphQL URL. */
  url: string;
}

/**
 * Starts a hub in a process of its own (a script under test/support that prints `READY <url>`),
 * for tests that kill it, restart it on the same data or read its logs. `onOutput` receives what it
 * writes, standard error included; without it, standard error goes to the test's own.
 */
export function startChildHub(options: { env: NodeJS.ProcessEnv; script?: string; onOutput?: (text: string) => void }): Promise<ChildHub> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support', options.script ?? 'child-hub.ts')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env },
    stdio: ['ignore', 'pipe', options.onOutput ? 'pipe' : 'inherit'],
  });
  child.stderr?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onOutput?.(text);
      out += text;
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve({ child, url: ready[1]! });
    });
    child.once('exit', (code, signal) => reject(new Error(`the hub exited (${code ?? signal}) before it was ready`)));
  });
}

/**
 * The database a child hub runs on: a fresh PostgreSQL database (dropped by `drop`) when the run
 * is on PostgreSQL, embedded PGlite otherwise (DATABASE_URL removed from what the child inherits).
 */
export async function childDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { env: { DATABASE_URL: undefined }, drop: async () => {} };
  const database = await createTestDatabase(process.env.DATABASE_URL);
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}
