import type { ResidentsDb } from '../db';

/** A drizzle transaction on the residents database: what every write in `register/` runs in. */
export type Tx = Parameters<Parameters<ResidentsDb['transaction']>[0]>[0];
