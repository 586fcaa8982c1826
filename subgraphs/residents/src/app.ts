import { cityCode, defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { loadRegions } from './regions/load';
import './schema';

export const residentsSubgraph = defineSubgraph({
  name: 'residents',
  dbSchema,
  builder,
  defaultPort: 4001,
  appUrl: import.meta.url,
  prepare: (db, log) => loadRegions(db, cityCode(), log).then(() => undefined),
});
