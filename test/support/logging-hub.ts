/**
 * A hub in a process of its own whose log lines (JSON on stdout) a test reads. Before it serves, a
 * check constraint the residents service knows nothing about is planted: a resident with the phone
 * in PLANTED_PHONE then fails to insert with an error the service can only log, as an unexpected
 * database fault would. Prints `READY <gateway url>` once it serves.
 */
import { startHub } from '../../scripts/hub';

const phone = process.env.PLANTED_PHONE ?? '';
if (!/^\d{11}$/.test(phone)) throw new Error('PLANTED_PHONE must be an 11-digit phone number');
const hub = await startHub();
await hub.subgraphs.residents!.database.db.execute(
  `alter table residents.residents add constraint planted_by_log_test check (phone is distinct from '${phone}') not valid`,
);
process.stdout.write(`READY ${hub.gateway.url}\n`);
process.on('SIGTERM', () => void hub.stop().then(() => process.exit(0)));
