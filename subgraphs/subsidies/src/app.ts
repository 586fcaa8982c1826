import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { outbox } from './db/schema';
import { seedPolicies } from './policies/seed';
import './schema';

export const subsidiesSubgraph = defineSubgraph({
  name: 'subsidies',
  dbSchema,
  builder,
  defaultPort: 4004,
  appUrl: import.meta.url,
  prepare: seedPolicies,
  publishes: { outbox, topics: { 'policy.delivered': ['residents'] } },
});
