import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';
import { isCalendarDate } from './identifiers';

/**
 * How the custom scalars read input: the subgraphs' builder and the gateway's copy of the
 * supergraph use these same functions, so a bad date is refused at the gateway with the message
 * a subgraph would give, before any subgraph is called.
 */
export function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`"${String(value)}" is not a date; write it as YYYY-MM-DD.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return value;
}

export function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`"${String(value)}" is not a date and time.`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return date;
}

/** Input parsing per custom scalar, for variables (`parseValue`) and literals in the query (`parseLiteral`). */
export const scalarInputs = {
  Date: { parseValue: parseDate, parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined) },
  DateTime: { parseValue: parseDateTime, parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined) },
};
