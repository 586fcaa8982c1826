import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  createHttpService,
  createLogger,
  executeGraphQL,
  graphqlRefusal,
  honestWriteErrorsPlugin,
  HubError,
  makeFormatError,
  type HttpService,
} from '@hub/common';
import { createTokenVerifier } from './auth';
import { developerToolsOn, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { corsFor } from './cors';
import { graphiqlRoute } from './graphiql';
import { armorFor } from './limits';
import { knownOperationPlugin } from './operation';
import { checkScalarInputs } from './scalars';
import { SigningDataSource } from './signing-data-source';

export type { GatewayConfig } from './config';
export { loadGatewayConfig, gatewayEnv } from './config';

/** Time after the request deadline for the partial answer to be put together and sent. */
const REQUEST_DEADLINE_GRACE_MS = 2_000;

export interface RunningGateway {
  url: string;
  port: number;
  http: HttpService;
  stop(): Promise<void>;
}

/** The one public endpoint: verifies tokens, plans queries over the supergraph, signs subgraph calls. */
export async function startGateway(config: GatewayConfig, port = config.PORT): Promise<RunningGateway> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const serviceUrls: Record<string, string> = {
    residents: config.RESIDENTS_URL,
    employers: config.EMPLOYERS_URL,
    training: config.TRAINING_URL,
    subsidies: config.SUBSIDIES_URL,
  };
  // @apollo/gateway otherwise reports to Apollo's servers every hour and probes four clouds'
  // metadata endpoints at start; it reads only this variable, so it is set here, in code.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = serviceUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SigningDataSource({ service: name, url, secret: config.HUB_GATEWAY_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS });
    },
    // Query plans are cached (LRU by approximate size): planning happens once per operation shape.
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MIB,
    logger: log,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkScalarInputs(apiSchema));
  const armor = armorFor(config, { production: config.NODE_ENV === 'production' });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: makeFormatError(log, { passDownstream: true }),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals): one orderly stop of every server, not one per server.
    stopOnTerminationSignals: false,
    introspection: developerToolsOn(config, config.INTROSPECTION_ENABLED),
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.LIMIT_MAX_TOKENS },
    allowBatchedHttpRequests: armor.allowBatchedHttpRequests,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Nothing leaves for Apollo's hosted studio, even with an APOLLO_KEY in the environment.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...armor.plugins,
      knownOperationPlugin,
      honestWriteErrorsPlugin,
    ],
  });
  await apollo.start();
  const viewerFrom = createTokenVerifier({
    secret: config.JWT_SECRET,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  });
  const cors = corsFor(config.CORS_ORIGINS);

  const http = createHttpService({
    log,
    // A backstop only: at REQUEST_TIMEOUT_MS the subgraph calls still out are cut and the client
    // gets what the others answered; this answers even if something else hangs past that.
    deadlineMs: config.REQUEST_TIMEOUT_MS + REQUEST_DEADLINE_GRACE_MS,
    isReady: async () => {
      const checks = Object.values(serviceUrls).map(async (url) => {
        const response = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(1500) });
        return response.ok;
      });
      return (await Promise.all(checks)).every(Boolean);
    },
    routes: [
      cors.preflight,
      ...(developerToolsOn(config, config.GRAPHIQL_ENABLED) ? [graphiqlRoute] : []),
      cors.withHeaders(async (req) => {
        if (req.url.pathname !== '/graphql') return undefined;
        let viewer;
        try {
          viewer = await viewerFrom(req.header('authorization'));
        } catch (error) {
          if (error instanceof HubError) return graphqlRefusal(401, 'UNAUTHENTICATED', error.message);
          throw error;
        }
        const deadline = AbortSignal.timeout(config.REQUEST_TIMEOUT_MS);
        return executeGraphQL(apollo, req, async () => ({ viewer, requestId: req.requestId, deadline }));
      }),
    ],
  });
  const bound = await http.listen(port, config.HOST);
  log.info({ port: bound }, 'gateway listening');
  return {
    url: `http://${config.HOST}:${bound}/graphql`,
    port: bound,
    http,
    async stop() {
      await http.close();
      await apollo.stop();
      log.info('gateway stopped');
    },
  };
}
