import { loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { subsidiesSubgraph } from './app';

const running = await startSubgraph(subsidiesSubgraph, loadSubgraphConfig());
stopOnSignals(running.stop);
