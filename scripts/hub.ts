import { loadSubgraphConfig, startSubgraph, type RunningSubgraph, type ServiceName } from '@hub/common';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@hub/gateway';
import { subgraphs } from './subgraphs';

export interface RunningHub {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export interface HubOptions {
  env?: NodeJS.ProcessEnv;
  /** Use each service's default port (gateway 4000, subgraphs 4001-4004); otherwise free ports. */
  defaultPorts?: boolean;
}

/**
 * Boots the four subgraphs and the gateway in this process, each on its own port with its own
 * database connection, exactly as they would run apart. Used by `pnpm start`, tests and benchmarks.
 */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const env = options.env ?? process.env;
  const subgraphConfig = loadSubgraphConfig({ ...env, PORT: undefined });
  const running: RunningSubgraph<Record<string, unknown>>[] = [];
  // Filled as services come up; publishers read it when they send an event.
  const peers: Partial<Record<ServiceName, string>> = {};
  try {
    // Started one after another: with PGlite each opens and migrates its own embedded database.
    for (const definition of subgraphs) {
      const service = await startSubgraph(definition, subgraphConfig, options.defaultPorts ? definition.defaultPort : 0, () => peers);
      peers[service.name as ServiceName] = service.url;
      running.push(service);
    }
    const byName = Object.fromEntries(running.map((s) => [s.name, s]));
    const gateway = await startGateway(
      loadGatewayConfig({
        ...env,
        RESIDENTS_URL: byName.residents!.url,
        EMPLOYERS_URL: byName.employers!.url,
        TRAINING_URL: byName.training!.url,
        SUBSIDIES_URL: byName.subsidies!.url,
      }),
      options.defaultPorts ? undefined : 0,
    );
    return {
      gateway,
      subgraphs: byName,
      async stop() {
        await gateway.stop();
        // Consumers last: publishers stop sending before the services they send to close.
        for (const service of [...running].reverse()) await service.stop();
      },
    };
  } catch (error) {
    await Promise.all(running.map((s) => s.stop()));
    throw error;
  }
}
