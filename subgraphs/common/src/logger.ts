import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one line an event, tagged with the service name. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: loggableError },
    // Credentials and request data by the names they usually go under, wherever a log call puts them.
    redact: {
      paths: ['authorization', 'token', 'password', 'variables', 'parameters', 'params'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
      censor: '[redacted]',
    },
  });
}

/** Fields of an error (and of a PostgreSQL error) that name what failed without carrying its data. */
const DESCRIPTIVE_FIELDS = ['code', 'constraint', 'constraint_name', 'schema_name', 'table_name', 'column_name', 'severity', 'routine'];

/**
 * The `err` serializer. A database error carries the statement and its parameters (drizzle puts
 * them in the message, postgres.js in `query` and `parameters`) and PostgreSQL's `detail` quotes the
 * offending row, so identity numbers, names and phones would reach the log. What is kept is the
 * error's class, its descriptive fields, a message with SQL and values removed, the stack frames
 * without the message, and the same for each cause.
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: '[not an error object]' };
  const fields = error as Record<string, unknown>;
  // drizzle's DrizzleQueryError keeps the name `Error`; its class says more.
  const className = error.constructor?.name;
  const out: Record<string, unknown> = {
    type: className && className !== 'Error' && className !== 'Object' ? className : String(fields.name ?? 'Error'),
    message: loggableMessage(String(fields.message ?? '')),
  };
  for (const key of DESCRIPTIVE_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  const extensionsCode = (fields.extensions as { code?: unknown } | undefined)?.code;
  if (typeof extensionsCode === 'string') out.code ??= extensionsCode;
  if (typeof fields.stack === 'string') {
    out.stack = fields.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n');
  }
  // GraphQL wraps the resolver's error in `originalError`; drizzle wraps the driver's in `cause`.
  const inner = fields.originalError ?? fields.cause;
  if (inner && depth < 5) out.cause = loggableError(inner, depth + 1);
  return out;
}

function loggableMessage(message: string): string {
  // drizzle: "Failed query: <sql>\nparams: <values>".
  if (message.startsWith('Failed query:')) return 'Failed query (statement and parameters not logged)';
  return (
    message
      // PostgreSQL quotes a rejected value at the end: `invalid input syntax for type uuid: "…"`.
      .replace(/:\s*"[\s\S]*"\s*$/, ': [value not logged]')
      // Identity numbers (18), phones (11) and other long numbers, wherever else they appear.
      .replace(/\d{11,}[\dXx]?/g, '[number not logged]')
  );
}
