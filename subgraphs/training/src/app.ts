import { defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { inbox, outbox, searchQueue } from './db/schema';
import { courseIndex } from './search/course-index';
import { trainingEventHandlers } from './events/handlers';
import './schema';

export const trainingSubgraph = defineSubgraph({
  name: 'training',
  dbSchema,
  builder,
  defaultPort: 4003,
  appUrl: import.meta.url,
  consumes: { inbox, handlers: trainingEventHandlers },
  publishes: { outbox, topics: { 'enrolment.made': ['residents'], 'training.completed': ['residents'] } },
  search: { queue: searchQueue, indexes: [courseIndex] },
});
