import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { inbox, outbox, searchQueue } from './db/schema';
import { employerEventHandlers } from './events/handlers';
import { vacancyIndex } from './search/vacancy-index';
import { scheduleExpiry } from './vacancies/changes';
import './schema';

export const employersSubgraph = defineSubgraph({
  name: 'employers',
  dbSchema,
  builder,
  defaultPort: 4002,
  appUrl: import.meta.url,
  publishes: { outbox, topics: { 'referral.made': ['residents'], 'placement.hired': ['residents', 'training'], 'vacancy.changed': ['training'] } },
  consumes: { inbox, handlers: employerEventHandlers },
  background: (db, log) => scheduleExpiry(db, log),
  search: { queue: searchQueue, indexes: [vacancyIndex] },
});
