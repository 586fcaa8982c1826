import { createLogger, loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { employersSubgraph } from './app';

const config = loadSubgraphConfig();
const running = await startSubgraph(employersSubgraph, config);
stopOnSignals(running.stop, createLogger('employers', config.LOG_LEVEL));
