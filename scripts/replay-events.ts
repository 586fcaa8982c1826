/**
 * Sends a service's delivered events again; consumers apply each event id once, so a replay
 * repairs a consumer that lost data without doubling anything.
 *
 *   pnpm exec tsx scripts/replay-events.ts employers [--since 2026-11-01T00:00:00Z] [--topic referral.made]
 *
 * Uses DATABASE_URL, or the service's PGlite directory under DATA_DIR (stop the hub first: an
 * embedded database has one user at a time). The running dispatcher, or the next start, delivers.
 */
import { parseArgs } from 'node:util';
import { loadSubgraphConfig, openSubgraphDatabase, replayEvents, type OutboxTable } from '@hub/common';
import { subgraphs } from './subgraphs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { since: { type: 'string' }, topic: { type: 'string' } } });
const definition = subgraphs.find((s) => s.name === positionals[0]);
const outbox = definition?.publishes?.outbox as OutboxTable | undefined;
if (!definition || !outbox) {
  console.error(`usage: replay-events <service> [--since ISO] [--topic TOPIC]; services with events: ${subgraphs.filter((s) => s.publishes).map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const since = values.since ? new Date(values.since) : undefined;
if (since && Number.isNaN(since.getTime())) {
  console.error(`--since: "${values.since}" is not a date and time`);
  process.exit(2);
}
const config = loadSubgraphConfig();
const database = await openSubgraphDatabase(definition, config);
try {
  const count = await replayEvents(database.db, outbox, { ...(since ? { since } : {}), ...(values.topic ? { topic: values.topic } : {}) });
  console.log(`${count} ${definition.name} events queued for redelivery`);
} finally {
  await database.close();
}
