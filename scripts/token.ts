/**
 * Prints a development token for each role (or for the role named on the command line),
 * signed with JWT_SECRET (the public development secret unless set).
 *   pnpm dev-token                       all roles
 *   pnpm dev-token COORDINATOR 211402    a coordinator of 连山区
 */
import { loadGatewayConfig } from '@hub/gateway';
import { issueToken } from '@hub/gateway/auth';
import type { Viewer } from '@hub/common';

const config = loadGatewayConfig();
const [role, scope] = process.argv.slice(2);

const examples: Viewer[] = [
  { role: 'ADMIN', sub: 'dev-admin' },
  { role: 'COORDINATOR', sub: 'dev-coordinator', regionCode: scope && role === 'COORDINATOR' ? scope : '211402001001' },
  { role: 'EMPLOYER', sub: 'dev-employer', employerId: scope && role === 'EMPLOYER' ? scope : '00000000-0000-4000-8000-000000000000' },
  { role: 'TRAINING_CENTRE', sub: 'dev-centre', centreId: scope && role === 'TRAINING_CENTRE' ? scope : '00000000-0000-4000-8000-000000000000' },
];

for (const viewer of examples.filter((v) => !role || v.role === role)) {
  const token = await issueToken(viewer, { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }, `${config.JWT_MAX_LIFETIME_SECONDS}s`);
  const { sub: _sub, role: r, ...claims } = viewer;
  console.log(`${r} ${JSON.stringify(claims)}\n  ${token}`);
}
