import { commonEnv, loadConfig } from '@hub/common';
import { z } from 'zod';

export const subsidiesEnv = {
  /** Assessments are signed with a key derived from the secret the hub's services already share. */
  HUB_GATEWAY_SECRET: commonEnv.HUB_GATEWAY_SECRET,
  /** An application undecided, or approved and unpaid, for longer than this is reported as waiting too long. */
  SUBSIDY_WAITING_LIMIT_DAYS: z.coerce.number().int().min(1).max(365).default(20),
};

export type SubsidiesSettings = z.infer<z.ZodObject<typeof subsidiesEnv>>;

let settings: SubsidiesSettings | undefined;

/** Read once, on first use: the service validated the same environment when it started. */
export const subsidiesSettings = (): SubsidiesSettings => (settings ??= loadConfig(subsidiesEnv, process.env));
