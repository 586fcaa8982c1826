import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { mutationAuditPlugin } from './audit/mutations';
import type { MutationAuditTable } from './audit/tables';
import type { SearchServices, SubgraphContext } from './context';
import { makeFormatError } from './errors';
import { createHttpService, executeGraphQL, graphqlRefusal, type HttpService, type RouteHandler } from './http';
import type { Logger } from './logger';
import { SignatureHeader, SignatureVerifier, signatureAudience } from './signature';
import { decodeViewer } from './viewer';

export interface SubgraphServerOptions<TDb> {
  name: string;
  schema: GraphQLSchema;
  db: TDb;
  log: Logger;
  gatewaySecret: string;
  signatureMaxAgeMs: number;
  /** How long one request may take before the service answers SERVICE_UNAVAILABLE. */
  requestTimeoutMs?: number;
  isReady: () => Promise<boolean>;
  /** More endpoints beside /graphql, such as the event inbox. */
  routes?: RouteHandler[];
  /** Called after every request: sends what it committed to the outbox and the search queue now. */
  kickEvents?: () => void;
  search?: SearchServices;
  /** The service's `mutation_audit` table: every mutation is recorded there. */
  mutationAudit: MutationAuditTable;
}

export interface SubgraphServer {
  http: HttpService;
  stop(): Promise<void>;
}

/**
 * A subgraph's HTTP face: health endpoints and a GraphQL endpoint that answers only requests
 * the gateway signed. The viewer comes from the signed header, never from anything else.
 */
export async function createSubgraphServer<TDb>(options: SubgraphServerOptions<TDb>): Promise<SubgraphServer> {
  const { log } = options;
  const apollo = new ApolloServer<SubgraphContext<TDb>>({
    schema: options.schema,
    formatError: makeFormatError(log),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals): one orderly stop of every server, not one per server.
    stopOnTerminationSignals: false,
    introspection: true,
    // Traces, usage and schemas go to Apollo's hosted studio, which this deployment does not use:
    // disabled outright, so an APOLLO_KEY in the environment cannot start an outbound connection.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // 操作留痕: every mutation this service carries out is recorded, refused ones too.
      mutationAuditPlugin({ table: options.mutationAudit, db: options.db, log }),
    ],
  });
  await apollo.start();
  // Only calls signed for this service: one captured at another subgraph is refused here.
  const verifier = new SignatureVerifier(options.gatewaySecret, options.signatureMaxAgeMs, signatureAudience(options.name, 'graphql'));

  const http = createHttpService({
    log,
    ...(options.requestTimeoutMs ? { deadlineMs: options.requestTimeoutMs } : {}),
    isReady: options.isReady,
    routes: [
      async (req) => {
        if (req.url.pathname !== '/graphql') return undefined;
        if (req.method !== 'POST') return graphqlRefusal(405, 'BAD_REQUEST', 'Send GraphQL requests with POST.');
        const verdict = verifier.verify(req.header, req.body);
        if (!verdict.ok) {
          req.log.warn({ reason: verdict.reason }, 'refused a request that did not come through the gateway');
          return graphqlRefusal(401, 'UNSIGNED_REQUEST', 'This service answers only the hub gateway.');
        }
        let viewer;
        try {
          viewer = decodeViewer(req.header(SignatureHeader.viewer) ?? '');
        } catch {
          return graphqlRefusal(400, 'BAD_REQUEST', 'The viewer header is malformed.');
        }
        const beforeResponse: (() => Promise<void>)[] = [];
        return executeGraphQL(apollo, req, async () => ({
          viewer,
          requestId: req.requestId,
          log: req.log,
          db: options.db,
          loaders: new Map(),
          ...(options.search ? { search: options.search } : {}),
          beforeResponse,
        }))
          .then(async (response) => {
            try {
              for (const work of beforeResponse) await work();
              return response;
            } catch (err) {
              req.log.error({ err }, 'could not finish the request before answering; the answer is withheld');
              return graphqlRefusal(500, 'INTERNAL_SERVER_ERROR', 'The answer could not be recorded in the access log, so it is withheld. Please try again or report it.');
            }
          })
          .finally(() => {
            // Whatever the request committed, its outbox events go out now rather than at the next tick.
            options.kickEvents?.();
          });
      },
      ...(options.routes ?? []),
    ],
  });

  return {
    http,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
}
