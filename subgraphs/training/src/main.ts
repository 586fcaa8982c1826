import { createLogger, loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { trainingSubgraph } from './app';

const config = loadSubgraphConfig();
const running = await startSubgraph(trainingSubgraph, config);
stopOnSignals(running.stop, createLogger('training', config.LOG_LEVEL));
