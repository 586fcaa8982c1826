import { createLogger, stopOnSignals } from '@hub/common';
import { loadGatewayConfig, startGateway } from './app';

const config = loadGatewayConfig();
const gateway = await startGateway(config);
stopOnSignals(gateway.stop, createLogger('gateway', config.LOG_LEVEL));
