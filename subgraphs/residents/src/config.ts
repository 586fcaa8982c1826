import { loadConfig } from '@hub/common';
import { z } from 'zod';

/** Full-employment community criteria (充分就业社区标准), configurable per city. */
export const certificationEnv = {
  FEC_MIN_EMPLOYMENT_RATE: z.coerce.number().min(0).max(1).default(0.95),
  FEC_MAX_ZERO_EMPLOYMENT_HOUSEHOLDS: z.coerce.number().int().min(0).default(0),
  FEC_MAX_LONG_TERM_UNEMPLOYED: z.coerce.number().int().min(0).default(0),
  /** How often assistance cases are re-evaluated for changes that come with time alone (age, months unemployed). */
  CASE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
};

export type ResidentsSettings = z.infer<z.ZodObject<typeof certificationEnv>>;

export const residentsSettings = (env: NodeJS.ProcessEnv = process.env): ResidentsSettings => loadConfig(certificationEnv, env);
