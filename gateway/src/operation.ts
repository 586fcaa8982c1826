import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * An `operationName` the document does not hold is the client's mistake (HTTP 400 with a code),
 * not a gateway fault: without this the gateway's executor throws and Apollo answers HTTP 500.
 */
export const knownOperationPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `The query has no operation named "${request.operationName}".`
          : 'The query holds several operations: say which one to run in operationName.';
        throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
      },
    };
  },
};
