import { fileURLToPath } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import { commonEnv, loadConfig } from './config';
import { openDatabase, type Db, type DatabaseHandle } from './db';
import { createLogger, type Logger } from './logger';
import { eventRoute, startDispatcher, type EventHandler, type InboxTable, type OutboxTable } from './events';
import { createSubgraphServer } from './subgraph';
import { z } from 'zod';
import type { SearchServices } from './context';
import { openSearchEngine } from './search/engine';
import type { IndexDefinition } from './search/definition';
import { startIndexer, type OpenIndex } from './search/indexer';
import type { SearchQueueTable } from './search/queue';
import { addMutationAuditQuery } from './audit/mutations';
import type { MutationAuditTable } from './audit/tables';

/** Where each service answers; the gateway routes queries there, publishers push events there. */
export const serviceUrlEnv = {
  RESIDENTS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  EMPLOYERS_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
  TRAINING_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
  SUBSIDIES_URL: z.string().url().default('http://127.0.0.1:4004/graphql'),
};
export type ServiceName = 'residents' | 'employers' | 'training' | 'subsidies';

/** Meilisearch when MEILI_URL is set; the embedded engine under DATA_DIR/search otherwise. */
export const searchEnv = {
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Prepended to index names, so several hubs can share one Meilisearch server. */
  MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/).default('hub_'),
};

export const subgraphEnv = { ...commonEnv, ...serviceUrlEnv, ...searchEnv, PORT: z.coerce.number().int().min(0).max(65535).optional() };
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
  /** Events this service applies from others, at POST /events, each once. */
  consumes?: { inbox: InboxTable; handlers: Record<string, EventHandler<TSchema>> };
  /** Events this service writes to its outbox, and the services each topic goes to. */
  publishes?: { outbox: OutboxTable; topics: Record<string, ServiceName[]> };
  /** Work beside the server (periodic sweeps), stopped before the database closes. */
  background?: (db: Db<TSchema>, log: Logger) => { stop(): Promise<void> };
  /** Search indexes the service keeps, fed from its search queue. */
  search?: { queue: SearchQueueTable; indexes: IndexDefinition<TSchema>[] };
  /** Where every mutation is recorded (操作留痕). */
  mutationAudit: MutationAuditTable;
}

/**
 * A subgraph definition from its parts: migrations are read from `drizzle/` beside `src/`, and the
 * schema is printed as a Federation 2.6 subgraph. Every service's database schema has a
 * `mutationAudit` table; administrators read it through `<name>MutationAudit`, added here.
 */
export function defineSubgraph<TSchema extends Record<string, unknown> & { mutationAudit: MutationAuditTable }>(parts: {
  name: string;
  dbSchema: TSchema;
  builder: { objectRef: Function; toSubGraphSchema(options: { linkUrl: string }): GraphQLSchema };
  defaultPort: number;
  /** `import.meta.url` of the service's `src/app.ts`. */
  appUrl: string;
  prepare?: SubgraphDefinition<TSchema>['prepare'];
  consumes?: SubgraphDefinition<TSchema>['consumes'];
  publishes?: SubgraphDefinition<TSchema>['publishes'];
  background?: SubgraphDefinition<TSchema>['background'];
  search?: SubgraphDefinition<TSchema>['search'];
}): SubgraphDefinition<TSchema> {
  addMutationAuditQuery(parts.builder, parts.name, parts.dbSchema.mutationAudit);
  return {
    name: parts.name,
    dbSchema: parts.dbSchema,
    mutationAudit: parts.dbSchema.mutationAudit,
    migrationsFolder: fileURLToPath(new URL('../drizzle', parts.appUrl)),
    schema: parts.builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
    defaultPort: parts.defaultPort,
    ...(parts.prepare ? { prepare: parts.prepare } : {}),
    ...(parts.consumes ? { consumes: parts.consumes } : {}),
    ...(parts.publishes ? { publishes: parts.publishes } : {}),
    ...(parts.background ? { background: parts.background } : {}),
    ...(parts.search ? { search: parts.search } : {}),
  };
}

export interface RunningSubgraph<TSchema extends Record<string, unknown>> {
  name: string;
  url: string;
  port: number;
  database: DatabaseHandle<TSchema>;
  stop(): Promise<void>;
}

/** The service's own database, migrated: what the server and the maintenance scripts open. */
export function openSubgraphDatabase<TSchema extends Record<string, unknown>>(definition: SubgraphDefinition<TSchema>, config: SubgraphConfig) {
  return openDatabase({
    schemaName: definition.name,
    schema: definition.dbSchema,
    migrationsFolder: definition.migrationsFolder,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    deadlines: config,
  });
}

/** Opens the database, migrates, prepares, and serves the subgraph. Port 0 picks a free port. */
export async function startSubgraph<TSchema extends Record<string, unknown>>(
  definition: SubgraphDefinition<TSchema>,
  config: SubgraphConfig,
  port = config.PORT ?? definition.defaultPort,
  /** Peer GraphQL URLs by service, read when an event is sent; defaults to the configured URLs. */
  peers: () => Partial<Record<ServiceName, string>> = () => ({}),
): Promise<RunningSubgraph<TSchema>> {
  const log = createLogger(definition.name, config.LOG_LEVEL);
  const database = await openSubgraphDatabase(definition, config);
  const stops: (() => Promise<void>)[] = [];
  try {
    await definition.prepare?.(database.db, log);
    const configured: Record<ServiceName, string> = {
      residents: config.RESIDENTS_URL,
      employers: config.EMPLOYERS_URL,
      training: config.TRAINING_URL,
      subsidies: config.SUBSIDIES_URL,
    };
    const eventsUrl = (service: ServiceName) => (peers()[service] ?? configured[service]).replace(/\/graphql$/, '/events');
    const publishes = definition.publishes;
    const dispatcher = publishes
      ? startDispatcher({
          db: database.db,
          outbox: publishes.outbox,
          source: definition.name,
          routes: (topic) =>
            Object.hasOwn(publishes.topics, topic) ? publishes.topics[topic]!.map((service) => ({ service, url: eventsUrl(service) })) : [],
          secret: config.HUB_GATEWAY_SECRET,
          log,
        })
      : undefined;
    if (dispatcher) stops.push(() => dispatcher.stop());
    const background = definition.background?.(database.db, log);
    if (background) stops.push(() => background.stop());
    const search = definition.search ? await startSearch(definition.search, database.db, config, log) : undefined;
    if (search) stops.push(() => search.indexer.stop());
    const server = await createSubgraphServer({
      name: definition.name,
      schema: definition.schema,
      db: database.db,
      log,
      gatewaySecret: config.HUB_GATEWAY_SECRET,
      signatureMaxAgeMs: config.HUB_SIGNATURE_MAX_AGE_MS,
      requestTimeoutMs: config.SUBGRAPH_REQUEST_TIMEOUT_MS,
      isReady: () => database.ping().then(() => true),
      mutationAudit: definition.mutationAudit,
      kickEvents: () => {
        dispatcher?.kick();
        search?.indexer.kick();
      },
      ...(search ? { search } : {}),
      routes: definition.consumes
        ? [
            eventRoute({
              service: definition.name,
              db: database.db,
              inbox: definition.consumes.inbox,
              handlers: definition.consumes.handlers,
              secret: config.HUB_GATEWAY_SECRET,
              maxAgeMs: config.HUB_SIGNATURE_MAX_AGE_MS,
              log,
            }),
          ]
        : [],
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
        for (const stop of stops) await stop();
        await database.close();
        log.info('subgraph stopped');
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    await database.close();
    throw error;
  }
}

/** Opens the service's indexes on the configured engine and starts feeding them from the queue. */
async function startSearch<TSchema extends Record<string, unknown>>(
  search: NonNullable<SubgraphDefinition<TSchema>['search']>,
  db: Db<TSchema>,
  config: SubgraphConfig,
  log: Logger,
): Promise<SearchServices> {
  const engine = openSearchEngine(config);
  const indexes = new Map<string, OpenIndex<TSchema>>();
  for (const definition of search.indexes) {
    indexes.set(definition.name, { definition, index: await engine.index(definition.name, definition.settings) });
  }
  const indexer = startIndexer({ db, queue: search.queue, indexes, engine: engine.kind, log });
  // An index that lost its files (a new data directory) is rebuilt rather than left empty.
  for (const [name, { index, definition }] of indexes) {
    if ((await index.count()) === 0 && (await definition.ids(db, null, 1)).length > 0) {
      log.info({ index: name }, 'search index is empty: rebuilding it from the database');
      await indexer.reindex(name);
    }
  }
  return {
    index: (name) => {
      const found = indexes.get(name);
      if (!found) throw new Error(`No search index named ${name}.`);
      return found.index as never;
    },
    indexer,
  };
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
