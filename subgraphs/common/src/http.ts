import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from './logger';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface HubRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  header(name: string): string | undefined;
  body: string;
  requestId: string;
  log: Logger;
  /** Who asked and what, added to the request's log line by whoever learns it (never names or tokens). */
  logFields: { sub?: string; role?: string; operation?: string };
}

export interface HubResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type RouteHandler = (req: HubRequest) => Promise<HubResponse | undefined>;

export interface HttpServiceOptions {
  log: Logger;
  /** How long a request may take before it is answered SERVICE_UNAVAILABLE; 30 s unless given. */
  deadlineMs?: number;
  /** Answers /health/ready: false while a dependency (the database, the subgraphs) is unreachable. */
  isReady: () => Promise<boolean>;
  /** Tried in order; the first to answer wins. */
  routes: RouteHandler[];
}

export interface HttpService {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking connections, lets requests in flight finish, then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): HubResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

/** A GraphQL-shaped error response for refusals that happen before GraphQL runs. */
export const graphqlRefusal = (status: number, code: string, message: string): HubResponse =>
  json(status, { errors: [{ message, extensions: { code } }] });

export function createHttpService(options: HttpServiceOptions): HttpService {
  const { log } = options;
  const deadlineMs = options.deadlineMs ?? 30_000;
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    const reqLog = log.child({ reqId: requestId });
    const url = parseUrl(req.url);
    const logFields: HubRequest['logFields'] = {};
    const answer = async (): Promise<HubResponse> => {
      try {
        const hubReq: HubRequest = {
          method: req.method ?? 'GET',
          url,
          headers: req.headers,
          header: (name) => {
            const v = req.headers[name.toLowerCase()];
            return Array.isArray(v) ? v[0] : v;
          },
          body: await readBody(req),
          requestId,
          log: reqLog,
          logFields,
        };
        return (await builtIn(hubReq)) ?? (await route(hubReq)) ?? json(404, { error: 'not found' });
      } catch (error) {
        if (error instanceof BodyTooLarge) return graphqlRefusal(413, 'BAD_REQUEST', 'The request is too large.');
        reqLog.error({ err: error }, 'request failed');
        return graphqlRefusal(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
      }
    };
    // The work goes on after the deadline (a database query ends at its own deadline), but the
    // caller is answered: nothing waits on this service longer than the deadline.
    let deadline: NodeJS.Timeout | undefined;
    let late = false;
    const response = await Promise.race([
      answer(),
      new Promise<HubResponse>((resolve) => {
        deadline = setTimeout(() => {
          late = true;
          resolve(deadlineResponse(url.pathname));
        }, deadlineMs);
      }),
    ]);
    clearTimeout(deadline);
    // While shutting down, answered connections close instead of idling until the grace period ends.
    const connection: Record<string, string> = closing ? { connection: 'close' } : {};
    res.writeHead(response.status, { ...response.headers, ...connection, 'x-request-id': requestId });
    res.end(response.body);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!url.pathname.startsWith('/health')) {
      const line = { method: req.method, url: loggableUrl(url), status: response.status, ms: Math.round(ms * 10) / 10, ...logFields };
      if (late) reqLog.warn(line, 'request passed its deadline');
      else reqLog.info(line, 'request');
    }
  }

  function deadlineResponse(pathname: string): HubResponse {
    const service = (log.bindings() as { service?: string }).service ?? 'hub';
    const message =
      `The ${service} service did not finish in time. If you were saving a change, it may or may not ` +
      'have been saved: check before trying again.';
    // GraphQL answers carry their error in the body with 200, so the gateway passes the code on;
    // other routes (the event inbox) answer 503, so their sender retries.
    return graphqlRefusal(pathname === '/graphql' ? 200 : 503, 'SERVICE_UNAVAILABLE', message);
  }

  async function builtIn(req: HubRequest): Promise<HubResponse | undefined> {
    if (req.method !== 'GET') return undefined;
    if (req.url.pathname === '/health/live') return json(200, { status: 'live' });
    if (req.url.pathname === '/health/ready') {
      const ready = await options.isReady().catch(() => false);
      return json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    }
    return undefined;
  }

  async function route(req: HubRequest) {
    for (const handler of options.routes) {
      const answer = await handler(req);
      if (answer) return answer;
    }
    return undefined;
  }

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: (graceMs = 5000) =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        closing = true;
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

class BodyTooLarge extends Error {}

/** Query parameters that may carry a credential (a GraphiQL link's token, say) are never logged. */
const SECRET_PARAMETER = /token|secret|password|key|signature|auth/i;

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    // A request line no URL parser accepts reaches no route: it is answered 404 like any unknown path.
    return new URL('/invalid-url', 'http://localhost');
  }
}

function loggableUrl(url: URL): string {
  const kept = new URLSearchParams();
  for (const [name, value] of url.searchParams) kept.append(name, SECRET_PARAMETER.test(name) ? '[redacted]' : value);
  const search = kept.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const OPERATION_HEADER = /^\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/;

/** The operation's name for the log, or its kind when it has none (`{ … }` is an anonymous query). */
function operationOf(body: unknown, url: URL): string | undefined {
  const { operationName, query } = (body ?? {}) as { operationName?: unknown; query?: unknown };
  const named = operationName ?? url.searchParams.get('operationName');
  if (typeof named === 'string' && named) return named.slice(0, 100);
  const text = query ?? url.searchParams.get('query');
  if (typeof text !== 'string') return undefined;
  const header = OPERATION_HEADER.exec(text);
  if (!header) return text.trimStart().startsWith('{') ? 'anonymous query' : undefined;
  return header[2] ?? `anonymous ${header[1]}`;
}

/** Runs a GraphQL request through Apollo Server without a web framework in between. */
export async function executeGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: HubRequest,
  context: () => Promise<TContext>,
): Promise<HubResponse> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    try {
      body = req.body ? JSON.parse(req.body) : undefined;
    } catch {
      return graphqlRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    }
  }
  const operation = operationOf(body, req.url);
  if (operation) req.logFields.operation = operation;
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: req.url.search, body },
    context: async () => {
      const built = await context();
      const viewer = (built as { viewer?: { sub?: unknown; role?: unknown } | null }).viewer;
      if (typeof viewer?.sub === 'string') req.logFields.sub = viewer.sub;
      if (typeof viewer?.role === 'string') req.logFields.role = viewer.role;
      return built;
    },
  });
  const outHeaders: Record<string, string> = {};
  for (const [key, value] of result.headers) outHeaders[key] = value;
  if (result.body.kind === 'complete') return { status: result.status ?? 200, headers: outHeaders, body: result.body.string };
  let text = '';
  for await (const chunk of result.body.asyncIterator) text += chunk;
  return { status: result.status ?? 200, headers: outHeaders, body: text };
}
