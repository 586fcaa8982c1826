import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import './schema';

export const employersSubgraph = defineSubgraph({
  name: 'employers',
  dbSchema,
  builder,
  defaultPort: 4002,
  appUrl: import.meta.url,
});
