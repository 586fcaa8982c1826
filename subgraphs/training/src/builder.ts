import { createHubBuilder, type SubgraphContext } from '@hub/common';
import type { TrainingDb } from './db';

export type TrainingContext = SubgraphContext<TrainingDb>;

export const builder = createHubBuilder<TrainingContext>();
