/**
 * Compares the running hub's search indexes with its databases and, with --repair, queues every
 * difference for reindexing (missing, stale and orphaned documents).
 *   pnpm check-index [--repair] [vacancies|jobseekers|courses ...]
 * Exits 1 when it found drift and was not asked to repair it. GATEWAY_URL and JWT_* apply.
 */
import { adminClient, capital, indexNamesFrom, INDEXES } from './search-admin';

const repair = process.argv.includes('--repair');
const call = await adminClient();
let drift = 0;
for (const name of indexNamesFrom(process.argv.slice(2))) {
  const label = INDEXES[name];
  const { c } = await call<{ c: { expected: number; indexed: number; missing: number; stale: number; orphaned: number; repaired: boolean } }>(
    `mutation { c: check${capital(label)}Index(repair: ${repair}) { expected indexed missing stale orphaned repaired } }`,
  );
  const found = c.missing + c.stale + c.orphaned;
  drift += found;
  console.log(
    `${name}: ${c.expected} expected, ${c.indexed} indexed; ${c.missing} missing, ${c.stale} stale, ${c.orphaned} orphaned` +
      (found ? (c.repaired ? ' — queued for repair' : ' — run with --repair to fix') : ' — in sync'),
  );
}
process.exit(drift > 0 && !repair ? 1 : 0);
