import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Stable error codes a client may branch on. Adding a code is fine; renaming one breaks clients.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_IDENTITY_NUMBER: 'INVALID_IDENTITY_NUMBER',
  INVALID_CREDIT_CODE: 'INVALID_CREDIT_CODE',
  INVALID_REGION_CODE: 'INVALID_REGION_CODE',
  DUPLICATE: 'DUPLICATE',
  /** A referral the vacancy's requirements rule out; `extensions.requirements` says which. */
  REQUIREMENT_NOT_MET: 'REQUIREMENT_NOT_MET',
  CONFLICT: 'CONFLICT',
  UNSIGNED_REQUEST: 'UNSIGNED_REQUEST',
  /** Refused before it ran: deeper, wider or costlier than the gateway's limits. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A service did not answer in time or at all; `extensions.serviceName` says which. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error whose message is written for a coordinator and safe to show as it is. */
export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
    this.name = 'HubError';
  }
}

export const notFound = (what: string, id: string) =>
  new HubError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist or is not visible to you.`, { id });
export const forbidden = (message = 'You are not allowed to do this.') => new HubError(ErrorCode.FORBIDDEN, message);
export const badInput = (message: string, field?: string) =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);

/** Codes Apollo itself produces for malformed requests; their messages are safe to pass on. */
const apolloRequestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * A database deadline that passed: a connection reset for stalling, and PostgreSQL's own
 * statement_timeout (57014), lock_timeout (55P03) and idle_in_transaction_session_timeout (25P03).
 */
const DEADLINE_CODES = new Set(['DATABASE_STALLED', '57014', '55P03', '25P03']);

/**
 * Our own error inside what GraphQL and the ORM wrap around it: GraphQL keeps the resolver's error
 * in `originalError`, drizzle the driver's in `cause`. A database deadline that passed is no bug but
 * a service that could not answer in time, and says so.
 */
function findHubError(error: unknown): HubError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof HubError) return current;
    if (DEADLINE_CODES.has(String((current as { code?: unknown }).code))) {
      return new HubError(ErrorCode.SERVICE_UNAVAILABLE, 'The database did not answer in time. If you were saving a change, it may or may not have been saved: check before trying again.');
    }
    const wrapped = current as { originalError?: unknown; cause?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return undefined;
}

/**
 * The code an error stands for, as a client would read it: our own error's (found through the
 * wrappers around it), any other GraphQL error's own, and INTERNAL_SERVER_ERROR for the rest.
 */
export function errorCodeOf(error: unknown): string {
  const own = findHubError(error)?.extensions.code;
  if (typeof own === 'string') return own;
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** What a client reads when something unexpected failed; only a query may say nothing was changed. */
export const unexpectedErrorMessage = {
  query: 'Something went wrong on our side. Nothing was changed; please try again or report it.',
  mutation:
    'Something went wrong on our side, and your change may or may not have been saved. Check before trying again, ' +
    'or send it again with the same idempotency key; report it if it happens again.',
} as const;

/**
 * Apollo `formatError`: our own errors pass as they are; anything unexpected (a driver error,
 * a bug, an unreachable subgraph) is logged in full and replaced by a generic message so no SQL,
 * host name or stack leaks out. The gateway also passes on errors that subgraphs already shaped.
 */
export function makeFormatError(log: Logger, options: { passDownstream?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stack, exception: _exception, serviceName, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    const hubError = findHubError(error);
    // Our own extensions win: a limit reported from a validation rule keeps its code rather than
    // Apollo's wrapper's, and a service that did not answer keeps its `serviceName`.
    // Its message too: the error GraphQL saw may be a driver's wrapper, whose message holds SQL.
    if (hubError) return { ...formatted, message: hubError.message, extensions: { ...extensions, ...hubError.extensions } };
    const safe =
      (typeof code === 'string' && apolloRequestCodes.has(code)) ||
      // The gateway tags errors a subgraph returned with its name; the subgraph already shaped them.
      (options.passDownstream === true && typeof serviceName === 'string' && typeof code === 'string');
    if (safe) return { ...formatted, extensions };
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    return {
      message: unexpectedErrorMessage.query,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Whether a failed write was kept is unknown (the error may come after the commit, or the answer
 * may be lost on its way back), so a mutation's unexpected errors say so instead of "nothing was
 * changed": following that advice once created a second vacancy.
 */
export const honestWriteErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ operation, response }) {
        if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
            (error as { message: string }).message = unexpectedErrorMessage.mutation;
          }
        }
      },
    };
  },
};
