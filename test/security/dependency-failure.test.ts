import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '@hub/gateway';
import { birthDateForAge, fakeIdentityNumber, graphql } from '@hub/common/testing';
import { household } from '../support/fixtures';
import { adminToken, codesOf, gql, subgraphUrl } from '../support/hub';
import { gatewayWith } from '../support/proxy';

const NO_COURSE = '00000000-0000-4000-8000-000000000000';

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A subgraph that takes the request and never answers, as a hung process would. */
const hungService = () => listen(createServer(() => {}));

/** A hop that forwards to the real subgraph, lets it commit, and then drops the answer. */
const answerLosingProxy = (target: string) =>
  listen(
    createServer((req, res) => {
      const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
        answer.resume();
        answer.on('end', () => res.socket?.destroy());
      });
      req.pipe(upstream);
    }),
  );

/** A subgraph that refuses the request itself (HTTP 400), as Apollo does for a variable it cannot read. */
const refusingService = () =>
  listen(
    createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Variable "$on" got invalid value "yesterday".', extensions: { code: 'BAD_USER_INPUT' } }] }));
    }),
  );

describe('a service that does not answer', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let token: string;

  beforeAll(async () => {
    token = await adminToken();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function gatewayWithTraining(trainingUrl: string, env: NodeJS.ProcessEnv) {
    const gateway: RunningGateway = await gatewayWith({ TRAINING_URL: trainingUrl }, env);
    cleanups.push(() => gateway.stop());
    return gateway;
  }

  it('costs its own part of the answer after SUBGRAPH_TIMEOUT_MS, named, and the rest still comes', async () => {
    const hung = await hungService();
    cleanups.push(hung.close);
    const gateway = await gatewayWithTraining(hung.url, { SUBGRAPH_TIMEOUT_MS: '1000' });
    const started = performance.now();
    const result = await graphql(gateway.url, `{ region(code: "2114") { name } course(id: "${NO_COURSE}") { id } }`, {}, { token });
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5_000);
    expect(result.data).toEqual({ region: { name: '葫芦岛市' }, course: null });
    expect(codesOf(result)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(result.errors![0]!.extensions).toMatchObject({ serviceName: 'training' });
    expect(result.errors![0]!.message).toBe('The training service did not answer within 1 s. Please try again shortly.');
  });

  it('ends the whole request at REQUEST_TIMEOUT_MS even when each service may take longer', async () => {
    const hung = await hungService();
    cleanups.push(hung.close);
    const gateway = await gatewayWithTraining(hung.url, { SUBGRAPH_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '1500' });
    const started = performance.now();
    const result = await graphql(gateway.url, `{ course(id: "${NO_COURSE}") { id } }`, {}, { token });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(codesOf(result)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(result.errors![0]!.message).toMatch(/^The training service did not answer before the request ran out of time\./);
  });

  it('tells a writer that the change may have been saved, never that nothing changed', async () => {
    const hung = await hungService();
    cleanups.push(hung.close);
    const gateway = await gatewayWithTraining(hung.url, { SUBGRAPH_TIMEOUT_MS: '1000' });
    const result = await graphql(gateway.url, `mutation { setCourseStatus(courseId: "${NO_COURSE}", status: OPEN) { id } }`, {}, { token });
    expect(codesOf(result)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(result.errors![0]!.message).toMatch(/may or may not have been saved/);
    expect(result.errors![0]!.message).not.toMatch(/Nothing was changed/);
  });

  it('does not say "nothing was changed" when the answer to a committed write was lost', async () => {
    const lossy = await answerLosingProxy(subgraphUrl('residents'));
    cleanups.push(lossy.close);
    const gateway: RunningGateway = await gatewayWith({ RESIDENTS_URL: lossy.url });
    cleanups.push(() => gateway.stop());
    const birthDate = birthDateForAge(41);
    const input = {
      householdId: await household(),
      name: '孙丽华',
      identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'),
      gender: 'FEMALE',
      birthDate,
      employmentStatus: 'UNEMPLOYED',
    };
    const register = `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;
    const lost = await graphql(gateway.url, register, { input }, { token });
    expect(codesOf(lost)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(lost.errors![0]!.message).not.toMatch(/Nothing was changed/);
    expect(lost.errors![0]!.message).toMatch(/may or may not have been saved.*same idempotency key/);
    // It was saved: the same person again is a duplicate, which the old advice would have walked into.
    const again = await gql(register, { input }, token);
    expect(codesOf(again)).toEqual(['DUPLICATE']);
  });

  it("passes on a service's own refusal of the request (HTTP 400) instead of masking it", async () => {
    const refusing = await refusingService();
    cleanups.push(refusing.close);
    const gateway = await gatewayWithTraining(refusing.url, {});
    const result = await graphql(gateway.url, `{ course(id: "${NO_COURSE}") { id } }`, {}, { token });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toBe('Variable "$on" got invalid value "yesterday".');
  });
});
