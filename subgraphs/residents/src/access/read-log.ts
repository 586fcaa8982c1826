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
  const actor = actorOf(ctx.viewer);
  const rows = [...log.reads].map(([residentId, fields]) => ({ actor, residentId, fields: [...fields].sort(), operation: log.operation, requestId: ctx.requestId }));
  if (rows.length) await ctx.db.insert(personalDataAccess).values(rows);
}
