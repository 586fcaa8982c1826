import { inject } from 'vitest';
import { DEV_JWT_SECRET, type Viewer } from '@hub/common';
import { graphql, type GraphQLResult } from '@hub/common/testing';
import { issueToken } from '@hub/gateway/auth';

export const gatewayUrl = () => inject('gatewayUrl');
export const subgraphUrl = (name: string) => inject('subgraphUrls')[name]!;

export const tokenFor = (viewer: Viewer) =>
  issueToken(viewer, { secret: DEV_JWT_SECRET, issuer: 'full-employment-hub', audience: 'hub' });

export const adminToken = () => tokenFor({ role: 'ADMIN', sub: 'test-admin' });

/** A query through the gateway, as a client would send it. */
export function gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>> {
  return graphql<T>(gatewayUrl(), query, variables, { token });
}

/** The data of a query that must succeed; fails the test with the errors otherwise. */
export async function ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const result = await gql<T>(query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

export const codesOf = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.extensions?.code);
