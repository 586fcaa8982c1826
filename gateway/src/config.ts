import { commonEnv, DEV_JWT_SECRET, loadConfig, serviceUrlEnv } from '@hub/common';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_TOKEN_LIFETIME_SECONDS } from './auth';
import { limitsEnv } from './limits';

const optionalFlag = z.enum(['true', 'false']).optional().transform((value) => (value === undefined ? undefined : value === 'true'));

export const gatewayEnv = {
  ...commonEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ...serviceUrlEnv,
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
  /** HS256 secret for tokens, used when no JWKS URL is set. */
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  /** When set, tokens are verified against this key set (RS256/ES256) instead of the secret. */
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('full-employment-hub'),
  JWT_AUDIENCE: z.string().default('hub'),
  /** Approximate memory for cached query plans. */
  QUERY_PLAN_CACHE_MIB: z.coerce.number().int().positive().default(30),
  /** Longest a token may live (`exp` - `iat`); tokens without `exp` are refused. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(DEFAULT_TOKEN_LIFETIME_SECONDS),
  ...limitsEnv,
  /**
   * How long one subgraph call may take before the gateway gives up on that service: above the
   * subgraphs' own deadline (SUBGRAPH_REQUEST_TIMEOUT_MS, 8 s), so a slow service answers for
   * itself and this catches one that cannot answer at all (hung, partitioned).
   */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** How long a whole request may take, all its subgraph calls included. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Browser origins allowed to call the gateway, comma-separated; empty allows none (no CORS headers). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  /** Schema introspection; unset means on except in production. */
  INTROSPECTION_ENABLED: optionalFlag,
  /** The GraphiQL page; unset means on except in production. */
  GRAPHIQL_ENABLED: optionalFlag,
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayEnv, env);

/** Introspection and GraphiQL help developers and map the API for attackers: off in production unless asked for. */
export const developerToolsOn = (config: GatewayConfig, flag: boolean | undefined) => flag ?? config.NODE_ENV !== 'production';
