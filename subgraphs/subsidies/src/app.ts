import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { seedPolicies } from './policies/seed';
import './schema';

export const subsidiesSubgraph: SubgraphDefinition<typeof dbSchema> = {
  name: 'subsidies',
  dbSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  schema: builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
  defaultPort: 4004,
  prepare: seedPolicies,
};
