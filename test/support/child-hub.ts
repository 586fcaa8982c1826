/**
 * A hub in a process of its own, for tests that must kill it (SIGKILL, no shutdown) and start it
 * again on the same database and data directory. Prints `READY <gateway url>` once it serves.
 */
import { startHub } from '../../scripts/hub';

const hub = await startHub();
process.stdout.write(`READY ${hub.gateway.url}\n`);
process.on('SIGTERM', () => void hub.stop().then(() => process.exit(0)));
