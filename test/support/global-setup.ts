import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '@hub/common/testing';
import { startHub, type RunningHub } from '../../scripts/hub';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrl: string | null;
  }
}

let hub: RunningHub | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

/**
 * Boots the real hub once: four subgraphs and the gateway, on PostgreSQL in a database made
 * for this run (when DATABASE_URL names a server) or on in-memory PGlite otherwise.
 */
export async function setup(project: TestProject) {
  let databaseUrl: string | null = null;
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase(process.env.DATABASE_URL);
    databaseUrl = database.url;
    dropDatabase = database.drop;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl ?? undefined,
    DATA_DIR: 'memory://',
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  hub = await startHub({ env });
  project.provide('gatewayUrl', hub.gateway.url);
  project.provide('subgraphUrls', Object.fromEntries(Object.entries(hub.subgraphs).map(([name, s]) => [name, s.url])));
  project.provide('databaseUrl', databaseUrl);
  console.log(`hub under test on ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}: ${hub.gateway.url}`);
}

export async function teardown() {
  await hub?.stop();
  await dropDatabase?.();
}
