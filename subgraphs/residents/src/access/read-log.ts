import { sql } from 'drizzle-orm';
import { actorOf } from '@hub/common';
import type { ResidentsContext } from '../builder';
import { personalDataAccess } from '../db/schema';

/**
 * 个人信息查阅记录: the protected fields each person had read in one request, written in one
 * insert (a row per person) before the answer leaves, so a list of 500 people costs one statement.
 */
const logs = new WeakMap<object, { operation: string | null; reads: Map<string, Set<string>> }>();

/** The gateway names its subgraph calls `<client operation>__<service>__<n>`; the client's name is what a reader recognises. */
export function clientOperation(name: string | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[a-z]+__\d+$/, '') || null;
}

export function noteRead(ctx: ResidentsContext, residentId: string, field: string, operation: string | undefined) {
  // Keyed by the request's list of closing work: shared by the contexts a transaction derives from it.
  let log = logs.get(ctx.beforeResponse);
  if (!log) {
    const created = { operation: clientOperation(operation), reads: new Map<string, Set<string>>() };
    logs.set(ctx.beforeResponse, created);
    ctx.beforeResponse.push(() => write(ctx, created));
    log = created;
  }
  const fields = log.reads.get(residentId);
  if (fields) fields.add(field);
  else log.reads.set(residentId, new Set([field]));
}

async function write(ctx: ResidentsContext, log: { operation: string | null; reads: Map<string, Set<string>> }) {
  if (!log.reads.size) return;
  // People read for the same fields (all 500 of a list, usually) share one array of ids: the
  // insert sends a few parameters instead of seven a row, which took as long as the read itself.
  const byFields = new Map<string, string[]>();
  for (const [residentId, fields] of log.reads) {
    const key = [...fields].sort().join(',');
    const ids = byFields.get(key);
    if (ids) ids.push(residentId);
    else byFields.set(key, [residentId]);
  }
  const actor = actorOf(ctx.viewer);
  // Ids are uuids and field names our own identifiers, so the array literals need no quoting.
  const rows = [...byFields].map(
    ([fields, ids]) => sql`select ${actor}, unnest(${`{${ids.join(',')}}`}::uuid[]), ${`{${fields}}`}::text[], ${log.operation}, ${ctx.requestId}`,
  );
  await ctx.db.execute(
    sql`insert into ${personalDataAccess} (actor, resident_id, fields, operation, request_id) ${sql.join(rows, sql` union all `)}`,
  );
}
