import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createHttpService, createLogger, executeGraphQL, graphqlRefusal, HubError, makeFormatError, type HttpService } from '@hub/common';
import { createTokenVerifier } from './auth';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { graphiqlRoute } from './graphiql';
import { SigningDataSource } from './signing-data-source';

export type { GatewayConfig } from './config';
export { loadGatewayConfig, gatewayEnv } from './config';

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
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = serviceUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SigningDataSource(url, config.HUB_GATEWAY_SECRET);
    },
    // Query plans are cached (LRU by approximate size): planning happens once per operation shape.
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MIB,
    logger: log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: makeFormatError(log, { passDownstream: true }),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals): one orderly stop of every server, not one per server.
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const viewerFrom = createTokenVerifier({
    secret: config.JWT_SECRET,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });

  const http = createHttpService({
    log,
    isReady: async () => {
      const checks = Object.values(serviceUrls).map(async (url) => {
        const response = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(1500) });
        return response.ok;
      });
      return (await Promise.all(checks)).every(Boolean);
    },
    routes: [
      graphiqlRoute,
      async (req) => {
        if (req.url.pathname !== '/graphql') return undefined;
        let viewer;
        try {
          viewer = await viewerFrom(req.header('authorization'));
        } catch (error) {
          if (error instanceof HubError) return graphqlRefusal(401, 'UNAUTHENTICATED', error.message);
          throw error;
        }
        return executeGraphQL(apollo, req, async () => ({ viewer, requestId: req.requestId }));
      },
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
