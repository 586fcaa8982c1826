import type { Db } from '@hub/common';
import * as schema from './schema';

export { schema };
export type ResidentsDb = Db<typeof schema>;
