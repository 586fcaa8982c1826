import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';
import { dateProblem } from './identifiers';
import { quote } from './input-limits';

/**
 * How the custom scalars read input: the subgraphs' builder and the gateway's copy of the
 * supergraph use these same functions, so a bad date is refused at the gateway with the message
 * a subgraph would give, before any subgraph is called.
 */
export function parseDate(value: unknown): string {
  // A calendar date within the hub's range (1900 to ten years ahead), as identifiers.ts defines it.
  const problem = typeof value === 'string' ? dateProblem(value) : 'is not a date; write it as YYYY-MM-DD';
  if (problem) {
    throw new GraphQLError(`${quote(String(value))} ${problem}.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return value as string;
}

export function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`${quote(String(value))} is not a date and time.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return date;
}

/** Input parsing per custom scalar, for variables (`parseValue`) and literals in the query (`parseLiteral`). */
export const scalarInputs = {
  Date: { parseValue: parseDate, parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined) },
  DateTime: { parseValue: parseDateTime, parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined) },
};
