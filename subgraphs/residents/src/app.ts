import { cityCode, defineSubgraph } from '@hub/common';
import { builder } from './builder';
import { schema as dbSchema } from './db';
import { scheduleSweeps } from './cases/sweep';
import { residentsSettings } from './config';
import { inbox, outbox, searchQueue } from './db/schema';
import { residentEventHandlers } from './events/handlers';
import { loadRegions } from './regions/load';
import { jobseekerIndex } from './search/jobseeker-index';
import './schema';

export const residentsSubgraph = defineSubgraph({
  name: 'residents',
  dbSchema,
  builder,
  defaultPort: 4001,
  appUrl: import.meta.url,
  prepare: (db, log) => loadRegions(db, cityCode(), log).then(() => undefined),
  consumes: { inbox, handlers: residentEventHandlers },
  publishes: { outbox, topics: { 'resident.profile': ['employers', 'training'] } },
  background: (db, log) => scheduleSweeps(db, log, residentsSettings().CASE_SWEEP_INTERVAL_MS),
  search: { queue: searchQueue, indexes: [jobseekerIndex] },
});
