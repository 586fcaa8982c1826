import { z } from 'zod';

/** The development secrets are public; `NODE_ENV=production` refuses to start with them. */
export const DEV_GATEWAY_SECRET = 'dev-gateway-secret-change-me';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me';

/**
 * Deadlines on every PostgreSQL connection, a little inside the subgraph's own request deadline
 * (8 s), so a write that runs out of time is rolled back before the client is told anything.
 */
export const DATABASE_DEADLINE_DEFAULTS = {
  DB_STATEMENT_TIMEOUT_MS: 5_000,
  DB_LOCK_TIMEOUT_MS: 3_000,
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 5_000,
  DB_STALL_TIMEOUT_MS: 7_000,
} as const;

/** Settings every service reads. Each service adds its own to these. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL when set; embedded PGlite under DATA_DIR otherwise. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./.data'),
  HUB_GATEWAY_SECRET: z.string().min(16).default(DEV_GATEWAY_SECRET),
  HUB_SIGNATURE_MAX_AGE_MS: z.coerce.number().int().positive().default(30_000),
  HOST: z.string().default('127.0.0.1'),
  /*
   * Deadlines on every PostgreSQL connection. The statement, lock and idle-in-transaction timeouts
   * the server enforces; the stall timeout is the client's own, for a network that stops answering
   * (the server can enforce nothing then), so it must exceed the statement timeout.
   */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(DATABASE_DEADLINE_DEFAULTS.DB_STATEMENT_TIMEOUT_MS),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(DATABASE_DEADLINE_DEFAULTS.DB_LOCK_TIMEOUT_MS),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(DATABASE_DEADLINE_DEFAULTS.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS),
  DB_STALL_TIMEOUT_MS: z.coerce.number().int().positive().default(DATABASE_DEADLINE_DEFAULTS.DB_STALL_TIMEOUT_MS),
  /** How long a subgraph works on one request before it answers SERVICE_UNAVAILABLE. */
  SUBGRAPH_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
};

/**
 * Validates the environment once at start and reports every problem together, so a
 * misconfigured deployment is fixed in one round rather than one variable at a time.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data as Record<string, unknown>;
  if (config.NODE_ENV === 'production') {
    const insecure = ['HUB_GATEWAY_SECRET', 'JWT_SECRET'].filter(
      (key) => config[key] === DEV_GATEWAY_SECRET || config[key] === DEV_JWT_SECRET,
    );
    if (insecure.length) throw new Error(`Invalid configuration:\n${insecure.map((k) => `  ${k}: set a real secret in production`).join('\n')}`);
  }
  // A healthy server answers within the statement timeout, so only silence beyond it means a stall.
  const { DB_STATEMENT_TIMEOUT_MS: statement, DB_STALL_TIMEOUT_MS: stall } = config;
  if (typeof statement === 'number' && typeof stall === 'number' && stall <= statement) {
    throw new Error('Invalid configuration:\n  DB_STALL_TIMEOUT_MS: must be longer than DB_STATEMENT_TIMEOUT_MS');
  }
  return result.data;
}
