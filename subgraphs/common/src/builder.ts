import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { SubgraphContext } from './context';
import { ErrorCode, HubError } from './errors';
import { compileArgumentCheck } from './input-limits';
import { scalarInputs } from './scalars';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputLimits: InputLimitsPlugin<Types>;
    }
  }
}

/**
 * Checks every field's arguments against the input limits (`input-limits.ts`) before its
 * resolver runs, in every subgraph, so no field can forget to. The check is compiled from the
 * field's argument types on its first call.
 */
class InputLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Parameters<BasePlugin<Types>['wrapResolve']>[0],
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Parameters<BasePlugin<Types>['wrapResolve']>[0] {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    let check: ReturnType<typeof compileArgumentCheck> | null = null;
    return (parent, args, context, info) => {
      check ??= compileArgumentCheck(info.parentType.getFields()[info.fieldName]?.args ?? []) ?? (() => {});
      check(args as Record<string, unknown>);
      return resolver(parent, args, context, info);
    };
  }
}
SchemaBuilder.registerPlugin('inputLimits', InputLimitsPlugin);

export interface HubAuthScopes {
  /** Any signed-in viewer. */
  authenticated: boolean;
  admin: boolean;
  /** Admins and coordinators (community, street, district and city staff). */
  staff: boolean;
  employer: boolean;
  trainingCentre: boolean;
}

export interface HubSchemaTypes<Ctx> {
  Context: Ctx;
  AuthScopes: HubAuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
  };
}

/**
 * The schema builder every subgraph uses. Plugin order matters: scope-auth wraps resolvers
 * first (who may ask comes before what was asked), then the input limits; federation comes last.
 * Root fields need a signed-in viewer unless they opt out.
 */
export function createHubBuilder<Ctx extends SubgraphContext<unknown>>(options: { mutations?: boolean } = {}) {
  const builder = new SchemaBuilder<HubSchemaTypes<Ctx>>({
    plugins: [ScopeAuthPlugin, 'inputLimits', DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (ctx) => ({
        authenticated: ctx.viewer !== null,
        admin: ctx.viewer?.role === 'ADMIN',
        staff: ctx.viewer?.role === 'ADMIN' || ctx.viewer?.role === 'COORDINATOR',
        employer: ctx.viewer?.role === 'EMPLOYER',
        trainingCentre: ctx.viewer?.role === 'TRAINING_CENTRE',
      }),
      unauthorizedError: (_parent, ctx) =>
        ctx.viewer
          ? new HubError(ErrorCode.FORBIDDEN, 'Your role does not allow this.')
          : new HubError(ErrorCode.UNAUTHENTICATED, 'Please sign in: this needs a valid token.'),
    },
  });

  builder.scalarType('Date', {
    description: 'A calendar date, YYYY-MM-DD.',
    serialize: (value) => value,
    ...scalarInputs.Date,
  });
  builder.scalarType('DateTime', {
    description: 'An instant, ISO 8601 with time zone.',
    serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
    ...scalarInputs.DateTime,
  });

  builder.queryType({ authScopes: { authenticated: true } });
  if (options.mutations !== false) builder.mutationType({ authScopes: { authenticated: true } });
  return builder;
}

/**
 * Defines `<Name>Connection { totalCount nodes endCursor hasNextPage }` for a node type.
 * Typed loosely on purpose: each subgraph's builder has its own context type.
 */
export function connectionType<B extends { objectRef: Function }, N>(builder: B, name: string, node: N) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  return b.objectRef<{ totalCount: number; nodes: unknown[]; endCursor: string | null; hasNextPage: boolean }>(`${name}Connection`).implement({
    fields: (t) => ({
      totalCount: t.exposeInt('totalCount'),
      nodes: t.field({ type: [node as never], resolve: (c) => c.nodes as never }),
      endCursor: t.exposeString('endCursor', { nullable: true }),
      hasNextPage: t.exposeBoolean('hasNextPage'),
    }),
  });
}
