import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseClient, fakeCreditCode, graphql, type GraphQLResult } from '@hub/common/testing';
import { startHub, type RunningHub } from '../../scripts/hub';
import { adminToken } from '../support/hub';
import { stallableProxy } from '../support/stallable-proxy';

/*
 * Database failure: the hub's own PostgreSQL connections stall (a network partition) or wait on a
 * lock someone else holds. Every request must end within its deadline with an error that does not
 * promise nothing changed, nothing may be written after the hub gave up, and service must resume.
 * Needs a database server: the embedded database has no network to stall.
 */
const server = process.env.DATABASE_URL;

const deadlines = {
  DB_STATEMENT_TIMEOUT_MS: '2000',
  DB_LOCK_TIMEOUT_MS: '1000',
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000',
  DB_STALL_TIMEOUT_MS: '3000',
  SUBGRAPH_REQUEST_TIMEOUT_MS: '6000',
  // The gateway waits longer than the services, so what ends a request here is the service's deadline.
  SUBGRAPH_TIMEOUT_MS: '20000',
  REQUEST_TIMEOUT_MS: '30000',
};
/** Longest a request may take here: the service's deadline, plus time for a loaded two-core machine. */
const ANSWER_WITHIN_MS = 9_000;

describe.runIf(server)('database failure', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: Awaited<ReturnType<typeof stallableProxy>>;
  let hub: RunningHub;
  let direct: ReturnType<typeof databaseClient>;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase(server!);
    const url = new URL(database.url);
    proxy = await stallableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    hub = await startHub({
      env: { ...process.env, ...deadlines, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', DATABASE_URL: viaProxy.toString() },
    });
    direct = databaseClient(database.url);
    token = await adminToken();
  });

  afterAll(async () => {
    proxy?.heal();
    await hub?.stop();
    await direct?.end();
    await proxy?.close();
    await database?.drop();
  });

  /** A request through this hub's gateway that a test gives up on after `ms`, as a client would. */
  async function timed<T = Record<string, any>>(query: string, variables: Record<string, unknown>, ms = ANSWER_WITHIN_MS) {
    const started = Date.now();
    const result = await Promise.race([
      graphql<T>(hub.gateway.url, query, variables, { token }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ]);
    return { result, ms: Date.now() - started };
  }

  /** An employer written before anything fails, as the tests' starting point. */
  async function existingEmployer(creditCode = fakeCreditCode()) {
    const { result } = await timed<{ registerEmployer: { id: string } }>(registerEmployer, { input: employerInput(creditCode) });
    if (!result.data?.registerEmployer) throw new Error(`could not register the employer: ${JSON.stringify(result.errors)}`);
    return result.data.registerEmployer.id;
  }

  const registerEmployer = `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id name } }`;
  const readEmployer = `query ($id: ID!) { employer(id: $id) { id name } }`;
  const employerInput = (creditCode: string) => ({
    creditCode,
    name: '葫芦岛市兴海物流有限公司',
    industry: '交通运输',
    districtCode: '211402',
    contactName: '赵经理',
    contactPhone: '13904291234',
  });
  const employersWithCode = async (creditCode: string) =>
    (await direct`select count(*)::int as n from employers.employers where credit_code = ${creditCode}`)[0]!.n as number;

  const expectHonestFailure = (result: GraphQLResult) => {
    expect(result.data?.registerEmployer ?? result.data?.updateEmployer ?? null).toBeNull();
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).not.toMatch(/nothing was changed/i);
      expect(error.message).not.toMatch(/select|insert|update|employers\.|postgres|127\.0\.0\.1/i);
    }
  };

  it('a read and a write on a stalled connection end within the deadline, the write never lands, and service resumes', async () => {
    const employerId = await existingEmployer();

    proxy.stall();
    const lostCode = fakeCreditCode();
    const [read, write] = await Promise.all([
      timed(readEmployer, { id: employerId }),
      timed(registerEmployer, { input: employerInput(lostCode) }),
    ]);
    expect(read.result.data?.employer ?? null).toBeNull();
    expect(read.result.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expectHonestFailure(write.result);
    expect(read.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(write.ms).toBeLessThan(ANSWER_WITHIN_MS);

    proxy.heal();
    // Whatever the stalled connections held back has had time to arrive, and no commit came with it.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await employersWithCode(lostCode)).toBe(0);

    await expect
      .poll(async () => (await timed<{ employer: { id: string } }>(readEmployer, { id: employerId })).result.data?.employer?.id, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe(employerId);
    const again = fakeCreditCode();
    const { result: written } = await timed<{ registerEmployer: { id: string } }>(registerEmployer, { input: employerInput(again) });
    expect(written.errors).toBeUndefined();
    expect(await employersWithCode(again)).toBe(1);
  });

  it('a write waiting on a row another transaction holds gives up at the lock timeout and changes nothing', async () => {
    const creditCode = fakeCreditCode();
    const employerId = await existingEmployer(creditCode);
    const update = `mutation ($id: ID!) { updateEmployer(id: $id, input: { name: "葫芦岛市兴海物流集团" }) { id name } }`;

    const holder = await direct.reserve();
    try {
      await holder`begin`;
      await holder`select id from employers.employers where id = ${employerId} for update`;
      const { result, ms } = await timed(update, { id: employerId });
      expectHonestFailure(result);
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    } finally {
      await holder`rollback`;
      holder.release();
    }
    const [row] = await direct`select name from employers.employers where id = ${employerId}`;
    expect(row!.name).toBe('葫芦岛市兴海物流有限公司');
  });
});
