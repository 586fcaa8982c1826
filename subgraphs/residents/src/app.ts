import { fileURLToPath } from 'node:url';
import { cityCode, type SubgraphDefinition } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { loadRegions } from './regions/load';
import './schema';

export const residentsSubgraph: SubgraphDefinition<typeof dbSchema> = {
  name: 'residents',
  dbSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  schema: builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
  defaultPort: 4001,
  prepare: async (db, log) => {
    await loadRegions(db, cityCode(), log);
  },
};
