import { stopOnSignals } from '@hub/common';
import { loadGatewayConfig, startGateway } from './app';

const gateway = await startGateway(loadGatewayConfig());
stopOnSignals(gateway.stop);
