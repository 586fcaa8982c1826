import { commonEnv, DEV_JWT_SECRET, loadConfig, serviceUrlEnv } from '@hub/common';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayEnv>>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayEnv, env);
