import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodeViewer, SignatureHeader, signRequest } from '@hub/common';
import type { GatewayContext } from './context';

/**
 * Sends subgraph requests with the viewer and request id, signed over the exact body bytes.
 * Signing happens in the fetcher because only there is the final body known.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, secret: string) {
    super({
      url,
      fetcher: async (input, init) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        const signed = signRequest(secret, {
          body: typeof init?.body === 'string' ? init.body : '',
          viewer: headers[SignatureHeader.viewer] ?? '',
          requestId: headers[SignatureHeader.requestId] ?? '',
        });
        const response = await fetch(input, { ...init, headers: { ...headers, ...signed } } as RequestInit);
        return response as never;
      },
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const ctx = context as Partial<GatewayContext>;
    request.http?.headers.set(SignatureHeader.viewer, encodeViewer(ctx.viewer ?? null));
    request.http?.headers.set(SignatureHeader.requestId, ctx.requestId ?? '');
  }
}
