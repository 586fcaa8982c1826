import { createHubBuilder, type SubgraphContext } from '@hub/common';
import type { ResidentsDb } from './db';

export type ResidentsContext = SubgraphContext<ResidentsDb>;

export const builder = createHubBuilder<ResidentsContext>();
