import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@hub/gateway';
import { birthDateForAge, fakeIdentityNumber, graphql, type GraphQLResult } from '@hub/common/testing';
import { graphqlApplier, type GraphQLResponse } from '../../scripts/import-survey';
import { COMMUNITY } from '../support/fixtures';
import { adminToken, codesOf, gql, subgraphUrl } from '../support/hub';
import { gatewayWith, recordingProxy } from '../support/proxy';

const SERVICES = ['residents', 'employers', 'training', 'subsidies'] as const;

/** `region { children { parent { children … } } }` nested `depth` selections deep. */
function regionChain(depth: number) {
  let selection = 'name';
  for (let level = depth - 1; level >= 1; level--) selection = `${level % 2 ? 'children' : 'parent'} { code ${selection} }`;
  return `{ region(code: "2114") { ${selection} } }`;
}

const aliases = (count: number, field: (i: number) => string) => `{ ${Array.from({ length: count }, (_, i) => field(i)).join(' ')} }`;

/**
 * Attacks that cost the server in the asking: every one must be refused by the gateway's limits,
 * with a stable code, before a single subgraph call; the hub's own heavy clients must pass.
 */
describe('limits before execution', () => {
  let gateway: RunningGateway;
  let proxies: Awaited<ReturnType<typeof recordingProxy>>[];
  let token: string;

  beforeAll(async () => {
    proxies = await Promise.all(SERVICES.map((service) => recordingProxy(subgraphUrl(service))));
    gateway = await gatewayWith(Object.fromEntries(SERVICES.map((service, i) => [`${service.toUpperCase()}_URL`, proxies[i]!.url])));
    token = await adminToken();
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(proxies.map((proxy) => proxy.close()));
  });

  /** Sends the query to the watched gateway; the result and how many subgraph calls it caused. */
  async function attempt(query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) {
    const before = proxies.reduce((sum, proxy) => sum + proxy.calls.length, 0);
    const started = performance.now();
    const result = await graphql(gateway.url, query, options.variables ?? {}, { token: options.token });
    const ms = performance.now() - started;
    return { result, ms, subgraphCalls: proxies.reduce((sum, proxy) => sum + proxy.calls.length, 0) - before };
  }

  const expectRefused = (outcome: { result: GraphQLResult; ms: number; subgraphCalls: number }, code: string) => {
    expect(outcome.result.status).toBe(400);
    expect(codesOf(outcome.result)).toEqual([code]);
    expect(outcome.result.data ?? null).toBeNull();
    expect(outcome.subgraphCalls).toBe(0);
    expect(outcome.ms).toBeLessThan(2_000);
  };

  it('refuses region { children { parent … } } sixteen deep from an anonymous client', async () => {
    const outcome = await attempt(regionChain(16));
    expectRefused(outcome, 'QUERY_TOO_COMPLEX');
    expect(outcome.result.errors![0]!.message).toMatch(/too deep/);
  });

  it('refuses 1,000 aliases of residents(first: 500) while parsing them: they are more than 10,000 tokens', async () => {
    const outcome = await attempt(aliases(1000, (i) => `r${i}: residents(regionCode: "2114", first: 500) { nodes { id name identityNumber } }`), { token });
    expectRefused(outcome, 'GRAPHQL_PARSE_FAILED');
    expect(outcome.result.errors![0]!.message).toMatch(/10000 tokens/);
  });

  it('refuses 1,000 aliases short enough to parse', async () => {
    const outcome = await attempt(aliases(1000, (i) => `r${i}: trainingCentres { id }`), { token });
    expectRefused(outcome, 'QUERY_TOO_COMPLEX');
    expect(outcome.result.errors![0]!.message).toMatch(/too many aliases \(1000\)/);
  });

  it('refuses 100 aliases of residents(first: 500) on cost, although 100 aliases pass', async () => {
    const outcome = await attempt(aliases(100, (i) => `r${i}: residents(regionCode: "2114", first: 500) { nodes { id name identityNumber phone } }`), { token });
    expectRefused(outcome, 'QUERY_TOO_COMPLEX');
    expect(outcome.result.errors![0]!.message).toMatch(/too costly/);
  });

  it('refuses 500 aliased writes without writing any', async () => {
    const outcome = await attempt(`mutation ($input: RegisterHouseholdInput!) ${aliases(500, (i) => `h${i}: registerHousehold(input: $input) { id }`)}`, {
      token,
      variables: { input: { communityCode: COMMUNITY.lianshan, address: 'flood' } },
    });
    expectRefused(outcome, 'QUERY_TOO_COMPLEX');
  });

  it('refuses a flood of directives', async () => {
    const outcome = await attempt(`{ region(code: "2114") { ${'name @include(if: true) '.repeat(60)} } }`);
    expectRefused(outcome, 'QUERY_TOO_COMPLEX');
  });

  it('refuses a query of more than 10,000 tokens while parsing it', async () => {
    const outcome = await attempt(`{ region(code: "2114") { ${'name '.repeat(12_000)} } }`);
    expectRefused(outcome, 'GRAPHQL_PARSE_FAILED');
  });

  it('lets the survey importer send its 50 households in one request', async () => {
    const households = Array.from({ length: 50 }, (_, i) => {
      const birthDate = birthDateForAge(30 + (i % 20));
      return {
        key: `exhaustion-${i}`,
        firstRow: i + 2,
        communityCode: COMMUNITY.lianshan,
        address: `导入测试路 ${i} 号`,
        situation: null,
        members: [
          {
            rowNumber: i + 2,
            name: '李桂芳',
            identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'),
            gender: 'FEMALE' as const,
            birthDate,
            phone: null,
            employmentStatus: 'UNEMPLOYED' as const,
            monthlyIncome: null,
            skills: [],
            jobIntention: null,
            migrationDestination: null,
            declaredGroups: [],
          },
        ],
      };
    });
    const before = proxies[0]!.calls.length;
    const send = async (query: string, variables: Record<string, unknown>) =>
      (await graphql(gateway.url, query, variables, { token })) as GraphQLResponse;
    const outcomes = await graphqlApplier(send)(households);
    expect(outcomes.filter((o) => o instanceof Error)).toEqual([]);
    expect(outcomes).toHaveLength(50);
    expect(proxies[0]!.calls.length - before).toBeGreaterThan(0);
  });

  it("lets GraphiQL's introspection query through (its type references nest far deeper than the depth limit)", async () => {
    const result = await gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });

  it("lets the demo seed register 100 households in one request (its batch)", async () => {
    const params = Array.from({ length: 100 }, (_, i) => `$input${i}: RegisterHouseholdInput!`).join(', ');
    const fields = Array.from({ length: 100 }, (_, i) => `m${i}: registerHousehold(input: $input${i}) { id }`).join(' ');
    const variables = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`input${i}`, { communityCode: COMMUNITY.lianshan, address: `种子路 ${i} 号` }]));
    const result = await gql(`mutation (${params}) { ${fields} }`, variables, token);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toHaveLength(100);
  });
});
