/**
 * Starts the whole hub on this machine: four subgraphs and the gateway (port 4000), on embedded
 * PGlite under DATA_DIR unless DATABASE_URL is set; seeds the demo unless HUB_SEED_DEMO=false;
 * prints where to go and a token to go there with. Ctrl-C stops everything cleanly.
 */
import { createLogger, stopOnSignals } from '@hub/common';
import { loadGatewayConfig } from '@hub/gateway';
import { issueToken } from '@hub/gateway/auth';
import { graphiqlLink } from '@hub/gateway/graphiql';
import { startHub } from './hub';
import { seedDemo } from './seed';

const hub = await startHub({ defaultPorts: true });
const config = loadGatewayConfig();
stopOnSignals(hub.stop, createLogger('hub', config.LOG_LEVEL));

const token = await issueToken(
  { role: 'ADMIN', sub: 'dev-admin' },
  { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  `${config.JWT_MAX_LIFETIME_SECONDS}s`,
);
if (process.env.HUB_SEED_DEMO !== 'false') await seedDemo(hub.gateway.url, token);

const base = `http://localhost:${hub.gateway.port}`;
const hours = Math.round((config.JWT_MAX_LIFETIME_SECONDS / 3600) * 10) / 10;
console.log(`
hub ready on ${config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite (${config.DATA_DIR})`}
  GraphQL   ${base}/graphql
  GraphiQL  ${graphiqlLink(base, token)}
  token     ${token}   (ADMIN, ${hours} h; \`pnpm dev-token\` prints one per role)
`);
