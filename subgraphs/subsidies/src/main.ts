import { createLogger, loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { subsidiesSubgraph } from './app';

const config = loadSubgraphConfig();
const running = await startSubgraph(subsidiesSubgraph, config);
stopOnSignals(running.stop, createLogger('subsidies', config.LOG_LEVEL));
