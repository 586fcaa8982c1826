/**
 * Rebuilds search indexes of the running hub from its databases, with a progress bar.
 *   pnpm reindex                  every index
 *   pnpm reindex vacancies        one (vacancies, jobseekers, courses)
 * The service empties the index and queues every document; its indexer then works through the
 * queue while the hub keeps serving. GATEWAY_URL and the gateway's JWT_* settings apply.
 */
import { progress } from './progress';
import { adminClient, capital, indexNamesFrom, INDEXES } from './search-admin';

const call = await adminClient();
for (const name of indexNamesFrom(process.argv.slice(2))) {
  const label = INDEXES[name];
  const data = await call<Record<string, number>>(`mutation { queued: reindex${capital(label)}Index }`);
  const bar = progress(name, data.queued!);
  let left = data.queued!;
  while (left > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const status = await call<Record<string, { queued: number }>>(`{ s: ${label}Index { queued } }`);
    bar.advance(Math.max(0, left - status.s!.queued));
    left = Math.min(left, status.s!.queued);
  }
  const seconds = bar.finish();
  console.log(`${name}: ${data.queued} documents reindexed in ${seconds.toFixed(1)} s (${Math.round(data.queued! / Math.max(seconds, 0.001))} documents/s)`);
}
