import type { GraphQLScalarType, GraphQLSchema } from 'graphql';
import { scalarInputs } from '@hub/common/scalars';

/**
 * The supergraph's custom scalars arrive without parse functions (the gateway builds them from
 * SDL), so the gateway would pass any value on and the subgraph's refusal would come back as a
 * fault of ours. Giving them the subgraphs' own parsing refuses a bad value here, as
 * BAD_USER_INPUT with the subgraph's message, before any service is called.
 */
export function checkScalarInputs(schema: GraphQLSchema) {
  for (const [name, inputs] of Object.entries(scalarInputs)) {
    const type = schema.getType(name);
    // Told apart by tag, not `instanceof`: under a test runner the gateway may hold another copy of graphql.
    if (type && Object.prototype.toString.call(type) === '[object GraphQLScalarType]') Object.assign(type as GraphQLScalarType, inputs);
  }
}
