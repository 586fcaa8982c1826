import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import './schema';

export const trainingSubgraph = defineSubgraph({
  name: 'training',
  dbSchema,
  builder,
  defaultPort: 4003,
  appUrl: import.meta.url,
});
