import { createLogger, loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { residentsSubgraph } from './app';

const config = loadSubgraphConfig();
const running = await startSubgraph(residentsSubgraph, config);
stopOnSignals(running.stop, createLogger('residents', config.LOG_LEVEL));
