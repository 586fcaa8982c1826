import { fileURLToPath } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import { commonEnv, loadConfig } from './config';
import { openDatabase, type Db, type DatabaseHandle } from './db';
import { createLogger, type Logger } from './logger';
import { createSubgraphServer } from './subgraph';
import { z } from 'zod';

export const subgraphEnv = { ...commonEnv, PORT: z.coerce.number().int().min(0).max(65535).optional() };
export type SubgraphConfig = z.infer<z.ZodObject<typeof subgraphEnv>>;

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadConfig(subgraphEnv, env);
}

export interface SubgraphDefinition<TSchema extends Record<string, unknown>> {
  /** Service name, also its PostgreSQL schema. */
  name: string;
  dbSchema: TSchema;
  migrationsFolder: string;
  schema: GraphQLSchema;
  defaultPort: number;
  /** Runs after migrations, before the port opens: reference data, seeds that must exist. */
  prepare?: (db: Db<TSchema>, log: Logger) => Promise<void>;
}

/**
 * A subgraph definition from its parts: migrations are read from `drizzle/` beside `src/`, and the
 * schema is printed as a Federation 2.6 subgraph.
 */
export function defineSubgraph<TSchema extends Record<string, unknown>>(parts: {
  name: string;
  dbSchema: TSchema;
  builder: { toSubGraphSchema(options: { linkUrl: string }): GraphQLSchema };
  defaultPort: number;
  /** `import.meta.url` of the service's `src/app.ts`. */
  appUrl: string;
  prepare?: SubgraphDefinition<TSchema>['prepare'];
}): SubgraphDefinition<TSchema> {
  return {
    name: parts.name,
    dbSchema: parts.dbSchema,
    migrationsFolder: fileURLToPath(new URL('../drizzle', parts.appUrl)),
    schema: parts.builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
    defaultPort: parts.defaultPort,
    ...(parts.prepare ? { prepare: parts.prepare } : {}),
  };
}

export interface RunningSubgraph<TSchema extends Record<string, unknown>> {
  name: string;
  url: string;
  port: number;
  database: DatabaseHandle<TSchema>;
  stop(): Promise<void>;
}

/** Opens the database, migrates, prepares, and serves the subgraph. Port 0 picks a free port. */
export async function startSubgraph<TSchema extends Record<string, unknown>>(
  definition: SubgraphDefinition<TSchema>,
  config: SubgraphConfig,
  port = config.PORT ?? definition.defaultPort,
): Promise<RunningSubgraph<TSchema>> {
  const log = createLogger(definition.name, config.LOG_LEVEL);
  const database = await openDatabase({
    schemaName: definition.name,
    schema: definition.dbSchema,
    migrationsFolder: definition.migrationsFolder,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  try {
    await definition.prepare?.(database.db, log);
    const server = await createSubgraphServer({
      name: definition.name,
      schema: definition.schema,
      db: database.db,
      log,
      gatewaySecret: config.HUB_GATEWAY_SECRET,
      signatureMaxAgeMs: config.HUB_SIGNATURE_MAX_AGE_MS,
      isReady: () => database.ping().then(() => true),
    });
    const bound = await server.http.listen(port, config.HOST);
    log.info({ port: bound, storage: database.kind }, 'subgraph listening');
    return {
      name: definition.name,
      url: `http://${config.HOST}:${bound}/graphql`,
      port: bound,
      database,
      async stop() {
        await server.stop();
        await database.close();
        log.info('subgraph stopped');
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Stops cleanly on SIGINT/SIGTERM: no new requests, requests in flight finish, connections close. */
export function stopOnSignals(stop: () => Promise<void>, log?: Logger) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log?.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error) => {
        log?.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
