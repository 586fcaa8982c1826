import { defineSubgraph, residentProfileHandler } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { inbox, jobseekers, outbox } from './db/schema';
import './schema';

export const trainingSubgraph = defineSubgraph({
  name: 'training',
  dbSchema,
  builder,
  defaultPort: 4003,
  appUrl: import.meta.url,
  consumes: { inbox, handlers: { 'resident.profile': residentProfileHandler(jobseekers) } },
  publishes: { outbox, topics: { 'enrolment.made': ['residents'], 'training.completed': ['residents'] } },
});
