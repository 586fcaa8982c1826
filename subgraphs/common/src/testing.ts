import { randomInt } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from './db';
import { creditCodeCheckCharacter, identityCheckDigit, type Gender } from './identifiers';
import type { SubgraphDefinition } from './service';

/**
 * Test support shared by every suite: a throwaway PostgreSQL database per run, a small GraphQL
 * client, and generators of valid (checksummed) identifiers so tests never collide.
 */

export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hub_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

/** A plain client of a test database, for checking behind the API what was written and what was not. */
export const databaseClient = (url: string) => postgres(url, { max: 2, onnotice: () => {} });

/**
 * A service's own database, migrated, for tests that work below the API: on a database made for
 * the test when DATABASE_URL names a server, in-memory PGlite otherwise. `close` drops it.
 */
export async function serviceTestDatabase<TSchema extends Record<string, unknown>>(
  definition: SubgraphDefinition<TSchema>,
): Promise<{ db: DatabaseHandle<TSchema>['db']; close(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  const database = server ? await createTestDatabase(server) : undefined;
  const handle = await openDatabase({
    schemaName: definition.name,
    schema: definition.dbSchema,
    migrationsFolder: definition.migrationsFolder,
    databaseUrl: database?.url,
    dataDir: 'memory://',
    poolSize: 1,
  });
  return {
    db: handle.db,
    async close() {
      await handle.close();
      await database?.drop();
    },
  };
}

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  headers: Headers;
}

export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string>; operationName?: string } = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables, ...(options.operationName ? { operationName: options.operationName } : {}) }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResult['errors'] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A valid identity number for someone born on `birthDate` in `districtCode`, random otherwise.
 * Only 500 sequence numbers exist per birth date and sex, so callers that register many people
 * must still expect an occasional DUPLICATE and draw again.
 */
export function fakeIdentityNumber(birthDate: string, gender: Gender, districtCode = '211402'): string {
  const sequence = randomInt(0, 500) * 2 + (gender === 'MALE' ? 1 : 0);
  const first17 = `${districtCode}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return first17 + identityCheckDigit(first17);
}

/** A random birth date of someone exactly `age` today, so tests stay true as years pass. */
export function birthDateForAge(age: number, today = new Date()): string {
  const date = new Date(Date.UTC(today.getUTCFullYear() - age, today.getUTCMonth(), today.getUTCDate()));
  date.setUTCDate(date.getUTCDate() - randomInt(1, 300));
  return date.toISOString().slice(0, 10);
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code of an enterprise (91…) registered in `districtCode`. */
export function fakeCreditCode(districtCode = '211402'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC[randomInt(0, USCC.length)];
  const first17 = `91${districtCode}${org}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The database's message when `run` is refused (drizzle keeps the driver's error as `cause`), or 'accepted'. */
export async function databaseRefusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
}
