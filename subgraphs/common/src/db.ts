import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { DATABASE_DEADLINE_DEFAULTS } from './config';
import { connectTo, stallGuardedSocket, type SocketTarget } from './db-stall';

export type Db<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  kind: 'postgres' | 'pglite';
  /** Resolves when the database answers within the timeout, rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** The service's PostgreSQL schema; it also holds the service's migration journal. */
  schemaName: string;
  schema: TSchema;
  migrationsFolder: string;
  databaseUrl?: string | undefined;
  /** Embedded storage root; each service keeps its own PGlite directory below it. `memory://` keeps nothing. */
  dataDir: string;
  poolSize?: number;
  /** Deadlines for PostgreSQL connections; each defaults to the value documented in the README. */
  deadlines?: Partial<DatabaseDeadlines>;
}

export interface DatabaseDeadlines {
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_LOCK_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DB_STALL_TIMEOUT_MS: number;
}


/** Opens the service's database and applies its checked-in migrations before anything else runs. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  const migrationConfig = {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema: options.schemaName,
    migrationsTable: '__migrations',
  };
  if (options.databaseUrl) {
    // Migrations run over a separate single connection, as drizzle recommends.
    const migrationClient = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await migratePostgres(drizzlePostgres(migrationClient), migrationConfig);
    } finally {
      await migrationClient.end();
    }
    const deadlines = { ...DATABASE_DEADLINE_DEFAULTS, ...options.deadlines };
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // The array-type lookup each new connection would make is not needed (only built-in arrays are
      // used) and, when a connection drops while it runs, rejects where no caller can catch it.
      fetch_types: false,
      connect_timeout: 5,
      // Probes an idle connection after 10 s of silence, so a peer that vanished is noticed.
      keep_alive: 10,
      connection: {
        application_name: `hub-${options.schemaName}`,
        statement_timeout: deadlines.DB_STATEMENT_TIMEOUT_MS,
        lock_timeout: deadlines.DB_LOCK_TIMEOUT_MS,
        idle_in_transaction_session_timeout: deadlines.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
      ...stallGuard(deadlines.DB_STALL_TIMEOUT_MS),
    });
    const db = drizzlePostgres(client, { schema: options.schema });
    return {
      db: db as unknown as Db<TSchema>,
      kind: 'postgres',
      ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = options.dataDir.startsWith('memory://') ? options.dataDir : path.resolve(options.dataDir, options.schemaName);
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema: options.schema });
  await migratePglite(db, migrationConfig);
  return {
    db: db as unknown as Db<TSchema>,
    kind: 'pglite',
    ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    close: () => client.close(),
  };
}

/**
 * postgres.js opens each connection through this socket factory (an option its types do not
 * declare). Over TLS the driver replaces the socket and its listeners, so a TLS connection is left
 * to TCP keepalive and the subgraph's request deadline (see the README).
 */
function stallGuard(stallMs: number) {
  const socket = (options: { host: string[]; port: number[]; path: string | false; ssl: unknown }) => {
    const target: SocketTarget = options.path ? { path: options.path } : { host: options.host[0]!, port: options.port[0]! };
    return options.ssl ? connectTo(target) : stallGuardedSocket(target, stallMs);
  };
  return { socket } as Record<string, unknown>;
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The rows of a raw `db.execute`: postgres-js returns them as the result, PGlite inside it. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

/**
 * The constraint a unique violation (SQLSTATE 23505) broke, or undefined for any other error.
 * Drizzle wraps the driver's error; both drivers put the constraint name on it.
 */
export function uniqueViolation(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, constraint, constraint_name } = current as { code?: string; constraint?: string; constraint_name?: string };
    if (code === '23505') return constraint ?? constraint_name ?? '';
  }
  return undefined;
}
