import { loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { trainingSubgraph } from './app';

const running = await startSubgraph(trainingSubgraph, loadSubgraphConfig());
stopOnSignals(running.stop);
