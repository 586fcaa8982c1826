import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationContext } from 'graphql';
import { z } from 'zod';
import { ErrorCode, HubError } from '@hub/common';

const limit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Limits every operation must pass before anything runs (README, "Limits"). The defaults are
 * what the hub's own clients need with room to spare, measured: the demo seed sends 100 aliased
 * registrations in one request, the survey importer 50 households; across the tests the deepest
 * operation nests 5 and the costliest costs 20,375.
 */
export const limitsEnv = {
  /** Deepest selection nesting; `children` lists are unbounded, so depth is what bounds their fan-out. */
  LIMIT_MAX_DEPTH: limit(8),
  /** Aliased fields in one operation. */
  LIMIT_MAX_ALIASES: limit(150),
  /** Lexical tokens in the query text. */
  LIMIT_MAX_TOKENS: limit(10_000),
  /** Directives in one operation. */
  LIMIT_MAX_DIRECTIVES: limit(50),
  /** graphql-armor's cost: each object 2, each scalar 1, weighted by depth and multiplied by a literal `first`. */
  LIMIT_MAX_COST: limit(100_000),
};

export interface Limits {
  LIMIT_MAX_DEPTH: number;
  LIMIT_MAX_ALIASES: number;
  LIMIT_MAX_TOKENS: number;
  LIMIT_MAX_DIRECTIVES: number;
  LIMIT_MAX_COST: number;
}

/** A stable code and a sentence for whoever wrote the query, in place of the library's "Syntax Error: …". */
const refuse = (what: string) => (context: ValidationContext | null, error: { message: string }) => {
  const found = /found (\d+)/.exec(error.message)?.[1];
  context?.reportError(
    new HubError(ErrorCode.QUERY_TOO_COMPLEX, `The query is too ${what}${found ? ` (${found})` : ''}; ask for less in one request.`),
  );
};

/** graphql-armor's Apollo plugins and validation rules for these limits. */
export function armorFor(limits: Limits, options: { production: boolean }) {
  const rejection = { propagateOnRejection: false, exposeLimits: true } as const;
  return new ApolloArmor({
    maxDepth: { n: limits.LIMIT_MAX_DEPTH, ...rejection, onReject: [refuse('deep')] },
    maxAliases: { n: limits.LIMIT_MAX_ALIASES, ...rejection, onReject: [refuse('wide: too many aliases')] },
    maxDirectives: { n: limits.LIMIT_MAX_DIRECTIVES, ...rejection, onReject: [refuse('wide: too many directives')] },
    costLimit: { maxCost: limits.LIMIT_MAX_COST, ...rejection, onReject: [refuse('costly')] },
    // Tokens are counted by graphql-js's own parser (parseOptions.maxTokens): armor's Apollo
    // plugin for them throws out of the request pipeline, which Apollo answers with HTTP 500.
    maxTokens: { enabled: false },
    // Suggestions ("Did you mean …?") map a hidden schema for an attacker; developers want them.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
}
