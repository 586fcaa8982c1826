import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { seedPolicies } from './policies/seed';
import './schema';

export const subsidiesSubgraph = defineSubgraph({
  name: 'subsidies',
  dbSchema,
  builder,
  defaultPort: 4004,
  appUrl: import.meta.url,
  prepare: seedPolicies,
});
