import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@hub/gateway';
import { subgraphUrl } from './hub';

export interface RecordedCall {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A recording hop in front of a subgraph: what the gateway sends over the wire, as an
 * eavesdropper (or a test counting round trips) would see it.
 */
export async function recordingProxy(target: string) {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    calls.push({ headers: req.headers, body });
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
    ) as Record<string, string>;
    const upstream = await fetch(target, { method: req.method, headers, body });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A second gateway over the test hub's subgraphs, with some of them behind recording proxies. */
export async function gatewayWith(overrides: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  return startGateway(
    loadGatewayConfig({
      ...process.env,
      LOG_LEVEL: 'silent',
      RESIDENTS_URL: subgraphUrl('residents'),
      EMPLOYERS_URL: subgraphUrl('employers'),
      TRAINING_URL: subgraphUrl('training'),
      SUBSIDIES_URL: subgraphUrl('subsidies'),
      ...overrides,
      ...env,
    }),
    0,
  );
}
