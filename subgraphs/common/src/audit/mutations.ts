import type { ApolloServerPlugin } from '@apollo/server';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { Kind, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { createHubBuilder } from '../builder';
import type { SubgraphContext } from '../context';
import type { Db } from '../db';
import { errorCodeOf } from '../errors';
import { pageSize } from '../pagination';
import type { Logger } from '../logger';
import { actorOf, type Viewer } from '../viewer';
import type { MutationAuditTable } from './tables';

/** How an audit row names who acted; a request without a token is recorded too. */
export const auditActor = (viewer: Viewer | null) => (viewer ? actorOf(viewer) : 'ANONYMOUS');

interface AuditEntry {
  operation: string;
  targetId: string | null;
  outcome: string;
}

const idLike = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/**
 * The entity a mutation created or changed: the returned entity's id when it returns one (a created
 * vacancy, the case a visit was recorded on), otherwise the `id` argument or the first `…Id` argument.
 */
function targetOf(args: Record<string, unknown>, result: unknown): string | null {
  const returned = result && typeof result === 'object' ? idLike((result as { id?: unknown }).id) : null;
  if (returned) return returned;
  if (idLike(args.id)) return idLike(args.id);
  const named = Object.entries(args).find(([name, value]) => name.endsWith('Id') && idLike(value));
  return named ? idLike(named[1]) : null;
}

/**
 * 操作留痕 for every mutation, whatever it is and however it ends: one `mutation_audit` row per root
 * Mutation field, written in one insert after the request, with the actor from the signed viewer, the
 * field, its target, OK or the error code, and the gateway's request id. It is written outside the
 * mutation's own transaction on purpose: a refused or failed mutation rolls its work back but is
 * still recorded. A request refused before any field ran (a variable that is no valid value) is
 * recorded for each mutation it named, with the code it was refused with.
 */
export function mutationAuditPlugin(options: { table: MutationAuditTable; db: unknown; log: Logger }): ApolloServerPlugin<SubgraphContext<unknown>> {
  const db = options.db as Db<Record<string, unknown>>;
  return {
    async requestDidStart() {
      const entries: AuditEntry[] = [];
      return {
        async executionDidStart(requestContext) {
          if (requestContext.operation?.operation !== 'mutation') return;
          return {
            willResolveField({ info, args }) {
              if (info.path.prev !== undefined) return;
              return (error, result) => {
                entries.push({ operation: info.fieldName, targetId: targetOf(args, result), outcome: error ? errorCodeOf(error) : 'OK' });
              };
            },
          };
        },
        async willSendResponse(requestContext) {
          const operation = requestContext.operation;
          if (operation?.operation !== 'mutation') return;
          if (!entries.length) entries.push(...unexecuted(operation, requestContext.errors));
          if (!entries.length) return;
          const { viewer, requestId } = requestContext.contextValue;
          const actor = auditActor(viewer);
          try {
            await db.insert(options.table).values(entries.map((entry) => ({ ...entry, actor, requestId })));
          } catch (error) {
            // The mutation's own outcome stands; a lost audit row is an operator's alarm, not the client's error.
            options.log.error({ err: error, requestId, operations: entries.map((e) => e.operation) }, 'could not record the mutation audit');
          }
        },
      };
    },
  };
}

/** The root fields of a mutation that never ran, each with the code the request was refused with. */
function unexecuted(operation: OperationDefinitionNode, errors: readonly GraphQLError[] | undefined): AuditEntry[] {
  const outcome = errorCodeOf(errors?.[0]);
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && !selection.name.value.startsWith('__') ? [{ operation: selection.name.value, targetId: null, outcome }] : [],
  );
}

/**
 * `<service>MutationAudit(…)`: administrators read one service's mutation audit, newest first.
 * One field per service, not one `mutationAudit` field: a root field defined in several subgraphs
 * must resolve the same everywhere, and each service holds only its own rows.
 */
export function addMutationAuditQuery<B extends { objectRef: Function }>(builder: B, service: string, table: MutationAuditTable) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  type Row = typeof table.$inferSelect;
  const Entry = b.objectRef<Row>('MutationAuditEntry').implement({
    shareable: true,
    description: '操作留痕: one mutation, who carried it out, when, on what, and how it ended.',
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime' }),
      actor: t.exposeString('actor', { description: 'Role and subject (and a coordinator\'s region), or ANONYMOUS.' }),
      operation: t.exposeString('operation', { description: 'The mutation, e.g. postVacancy.' }),
      targetId: t.exposeString('targetId', { nullable: true, description: 'The entity created or changed, when there is one.' }),
      outcome: t.exposeString('outcome', { description: 'OK, or the error code the mutation was refused with.' }),
      requestId: t.exposeString('requestId'),
    }),
  });
  b.queryField(`${service}MutationAudit`, (t) =>
    t.field({
      type: [Entry],
      authScopes: { admin: true },
      description: `The ${service} service's mutations, newest first (administrators).`,
      args: {
        actor: t.arg.string({ required: false, description: 'As recorded, e.g. EMPLOYER:emp-1 or COORDINATOR:zhang@211402.' }),
        operation: t.arg.string({ required: false }),
        targetId: t.arg.id({ required: false }),
        from: t.arg({ type: 'DateTime', required: false }),
        to: t.arg({ type: 'DateTime', required: false, description: 'Exclusive.' }),
        first: t.arg.int({ required: false, defaultValue: 100 }),
      },
      resolve: async (_root, args, ctx) => {
        const first = pageSize(args.first, 'audit entries', 100, 1);
        const conditions: SQL[] = [];
        if (args.actor) conditions.push(eq(table.actor, args.actor));
        if (args.operation) conditions.push(eq(table.operation, args.operation));
        if (args.targetId) conditions.push(eq(table.targetId, String(args.targetId)));
        if (args.from) conditions.push(gte(table.at, args.from));
        if (args.to) conditions.push(lt(table.at, args.to));
        const db = ctx.db as Db<Record<string, unknown>>;
        return db
          .select()
          .from(table)
          .where(and(...conditions))
          .orderBy(desc(table.at), desc(table.id))
          .limit(first);
      },
    }),
  );
}
