import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { outbox } from './db/schema';
import { scheduleExpiry } from './vacancies/changes';
import './schema';

export const employersSubgraph = defineSubgraph({
  name: 'employers',
  dbSchema,
  builder,
  defaultPort: 4002,
  appUrl: import.meta.url,
  publishes: { outbox, topics: { 'referral.made': ['residents'] } },
  background: (db, log) => scheduleExpiry(db, log),
});
