import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { encodeViewer, ErrorCode, HubError, SignatureHeader, signatureAudience, signRequest } from '@hub/common';
import type { GatewayContext } from './context';

const requestDeadline = new AsyncLocalStorage<AbortSignal | undefined>();

export interface SubgraphCallSettings {
  /** The subgraph's name, which its signatures and errors carry. */
  service: string;
  url: string;
  secret: string;
  /** How long one call may take before the service counts as not answering. */
  timeoutMs: number;
}

/**
 * Sends subgraph requests with the viewer and request id, signed for this one subgraph over the
 * exact body bytes. Signing happens in the fetcher because only there is the final body known.
 * Each call ends at the subgraph's timeout or the request's deadline, whichever comes first, so a
 * hung service costs its share of the answer and not the whole request.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly settings: SubgraphCallSettings) {
    super({
      url: settings.url,
      fetcher: async (input, init) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        const body = typeof init?.body === 'string' ? init.body : '';
        const signed = signRequest(settings.secret, {
          audience: signatureAudience(settings.service, 'graphql'),
          body,
          viewer: headers[SignatureHeader.viewer] ?? '',
          requestId: headers[SignatureHeader.requestId] ?? '',
        });
        const deadline = requestDeadline.getStore();
        const timeout = AbortSignal.timeout(settings.timeoutMs);
        const signal = deadline ? AbortSignal.any([timeout, deadline]) : timeout;
        try {
          // The body is read here too, under the same signal: a service that sends headers and then stalls is cut off as well.
          const response = await fetch(input, { ...init, headers: { ...headers, ...signed }, signal } as RequestInit);
          const text = await response.text();
          return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers }) as never;
        } catch (error) {
          if (!signal.aborted) throw error;
          throw this.notAnswered(body, timeout.aborted ? `did not answer within ${settings.timeoutMs / 1000} s` : 'did not answer before the request ran out of time');
        }
      },
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const ctx = context as Partial<GatewayContext>;
    request.http?.headers.set(SignatureHeader.viewer, encodeViewer(ctx.viewer ?? null));
    request.http?.headers.set(SignatureHeader.requestId, ctx.requestId ?? '');
  }

  /** Runs the call with the request's deadline where the fetcher, which sees only URL and init, can find it. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return requestDeadline.run((options.context as Partial<GatewayContext>).deadline, () => super.process(options));
  }

  /**
   * A subgraph answers HTTP 400 with GraphQL errors when Apollo refuses the request itself (a
   * variable it cannot read); those errors are the subgraph's own, shaped for the client, so the
   * first is passed on with the service's name instead of being masked as a fault of ours.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = response.status === 400 ? (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] })?.errors?.[0] : undefined;
    if (typeof first?.message !== 'string' || typeof first.extensions?.code !== 'string') return error;
    return new GraphQLError(first.message, { extensions: { ...first.extensions, serviceName: this.settings.service } });
  }

  private notAnswered(body: string, what: string) {
    const write = /^\s*mutation\b/.test((JSON.parse(body) as { query?: string }).query ?? '');
    const outcome = write
      ? ' Your change may or may not have been saved: check before trying again, or send it again with the same idempotency key.'
      : ' Please try again shortly.';
    return new HubError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.settings.service} service ${what}.${outcome}`, {
      serviceName: this.settings.service,
    });
  }
}
