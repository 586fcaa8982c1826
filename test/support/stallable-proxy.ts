import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP hop in front of a server (PostgreSQL) that a test can stall as a network partition would:
 * while stalled nothing passes in either direction and nothing is closed; when it heals, traffic
 * resumes where it stopped on the connections that are still open. A side that closes or resets
 * takes its partner down without passing on what was held back.
 */
export async function stallableProxy(target: { host: string; port: number }) {
  const links = new Set<{ client: Socket; upstream: Socket }>();
  let stalled = false;
  const join = ({ client, upstream }: { client: Socket; upstream: Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const server: Server = createServer((client) => {
    const link = { client, upstream: createConnection(target.port, target.host) };
    links.add(link);
    for (const socket of [link.client, link.upstream]) {
      socket.on('error', () => {});
      socket.on('close', () => {
        links.delete(link);
        link.client.destroy();
        link.upstream.destroy();
      });
    }
    if (stalled) client.pause();
    else join(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Connections currently open through the hop. */
    get open() {
      return links.size;
    },
    stall() {
      stalled = true;
      for (const { client, upstream } of links) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    heal() {
      stalled = false;
      for (const link of links) join(link);
    },
    close: async () => {
      for (const { client, upstream } of links) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
