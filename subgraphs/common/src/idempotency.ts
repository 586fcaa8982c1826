import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { GraphQLResolveInfo } from 'graphql';
import type { IdempotencyKeysTable } from './audit/tables';
import type { SubgraphContext } from './context';
import type { Db } from './db';
import { ErrorCode, HubError } from './errors';
import { requireViewer } from './viewer';

/** The optional argument every create mutation takes: `idempotencyKey: t.arg.string(idempotencyKeyArg)`. */
export const idempotencyKeyArg = {
  required: false,
  description:
    'Chosen by the client (8 to 100 characters) and sent again with every retry of this request: a retry returns what the first attempt created instead of creating it twice.',
} as const;

type AnyDb = Db<Record<string, unknown>>;
type EntityTable = PgTable & { id: AnyPgColumn };

export interface IdempotentCreate<Ctx, Row> {
  /** The service's `idempotency_keys` table. */
  table: IdempotencyKeysTable;
  /**
   * What an earlier attempt created, read by the id it recorded: the table the entity is in
   * (read by its `id` column), or a function for anything else.
   */
  load: EntityTable | ((ctx: Ctx, id: string) => Promise<Row | null | undefined>);
  /** The id to record for the created entity; `row.id` unless given. */
  idOf?: (row: Row) => string;
}

/**
 * Wraps a create mutation's resolver so it can be retried safely. Without a key it runs as it
 * always did. With one, the whole mutation runs in one transaction that first takes an advisory
 * lock on (subject, operation, key), so a concurrent attempt with the same key waits for the first
 * and then finds its key row; the key row is written in that transaction, so a creation never
 * commits without it or it without the creation. The resolver gets a context whose `db` is the
 * transaction (its own `db.transaction` becomes a savepoint) and fresh loaders: on PGlite, a query
 * on the outer handle while a transaction is open would wait for that transaction forever.
 */
export function idempotent<Ctx extends SubgraphContext<unknown>, Args extends { idempotencyKey?: string | null | undefined }, Row, Parent>(
  spec: IdempotentCreate<Ctx, Row>,
  resolve: (parent: Parent, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => Promise<Row>,
): (parent: Parent, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => Promise<Row> {
  return async (parent, args, ctx, info) => {
    if (args.idempotencyKey === null || args.idempotencyKey === undefined) return resolve(parent, args, ctx, info);
    const key = args.idempotencyKey.trim();
    if (key.length < 8 || key.length > 100) {
      throw new HubError(ErrorCode.BAD_USER_INPUT, 'The idempotency key is 8 to 100 characters.', { field: 'idempotencyKey' });
    }
    const { sub } = requireViewer(ctx.viewer);
    const { idempotencyKey: _key, ...request } = args;
    const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
    // A key is scoped by the viewer's subject and the mutation, so two clients never share one.
    const { table } = spec;
    const operation = info.fieldName;
    return (ctx.db as AnyDb).transaction(async (tx) => {
      // One lock per key: a second attempt queues here until the first committed or rolled back.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${JSON.stringify(['idempotency', sub, operation, key])}, 0))`);
      const inTransaction = { ...ctx, db: tx, loaders: new Map() } as Ctx;
      const [earlier] = await tx
        .select()
        .from(table)
        .where(and(eq(table.subject, sub), eq(table.operation, operation), eq(table.key, key)));
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new HubError(ErrorCode.CONFLICT, 'This idempotency key was already used for a different request; use a new key for a new request.', {
            field: 'idempotencyKey',
          });
        }
        const row =
          typeof spec.load === 'function'
            ? await spec.load(inTransaction, earlier.resultId)
            : ((await tx.select().from(spec.load).where(eq(spec.load.id, earlier.resultId)))[0] as Row | undefined);
        if (!row) throw new HubError(ErrorCode.CONFLICT, 'What this idempotency key created is no longer there; use a new key.', { field: 'idempotencyKey' });
        return row;
      }
      const row = await resolve(parent, args, inTransaction, info);
      const resultId = spec.idOf ? spec.idOf(row) : String((row as { id: unknown }).id);
      await tx.insert(table).values({ subject: sub, operation, key, requestHash, resultId });
      return row;
    });
  };
}

/** JSON with object keys sorted, so the same request hashes the same whatever order its fields came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_name, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
