import { createHubBuilder, type SubgraphContext } from '@hub/common';
import type { SubsidiesDb } from './db';

export type SubsidiesContext = SubgraphContext<SubsidiesDb>;

export const builder = createHubBuilder<SubsidiesContext>();
