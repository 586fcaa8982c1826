import { createHubBuilder, type SubgraphContext } from '@hub/common';
import type { EmployersDb } from './db';

export type EmployersContext = SubgraphContext<EmployersDb>;

export const builder = createHubBuilder<EmployersContext>();
