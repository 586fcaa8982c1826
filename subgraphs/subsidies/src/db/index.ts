import type { Db } from '@hub/common';
import * as schema from './schema';

export { schema };
export type SubsidiesDb = Db<typeof schema>;
