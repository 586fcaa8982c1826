import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import './schema';

export const employersSubgraph: SubgraphDefinition<typeof dbSchema> = {
  name: 'employers',
  dbSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  schema: builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
  defaultPort: 4002,
};
