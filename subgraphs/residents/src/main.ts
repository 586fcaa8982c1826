import { loadSubgraphConfig, startSubgraph, stopOnSignals } from '@hub/common';
import { residentsSubgraph } from './app';

const running = await startSubgraph(residentsSubgraph, loadSubgraphConfig());
stopOnSignals(running.stop);
