import { loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { employersSubgraph } from './app';

const running = await startSubgraph(employersSubgraph, loadSubgraphConfig());
stopOnSignals(running.stop);
