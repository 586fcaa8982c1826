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

function findHubError(error: unknown): HubError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof HubError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Apollo `formatError`: our own errors pass as they are; anything unexpected (a driver error,
 * a bug, an unreachable subgraph) is logged in full and replaced by a generic message so no SQL,
 * host name or stack leaks out. The gateway also passes on errors that subgraphs already shaped.
 */
export function makeFormatError(log: Logger, options: { passDownstream?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stack, exception: _exception, serviceName, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    const safe =
      findHubError(error) !== undefined ||
      (typeof code === 'string' && apolloRequestCodes.has(code)) ||
      // The gateway tags errors a subgraph returned with its name; the subgraph already shaped them.
      (options.passDownstream === true && typeof serviceName === 'string' && typeof code === 'string');
    if (safe) return { ...formatted, extensions };
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Something went wrong on our side. Nothing was changed; please try again or report it.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
