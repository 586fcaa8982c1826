import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDateForAge, fakeIdentityNumber, graphql } from '@hub/common/testing';
import { childDatabase, startChildHub } from '../support/child-process';
import { tokenFor } from '../support/hub';

/*
 * Logs: what an attacker (or a careless reader) of the hub's logs finds there. A hub in its own
 * process logs at debug level; an insert carrying a person's identity number, name and phone fails
 * unexpectedly in the database, and a token travels in a URL. None of those values may be in the
 * log, while every request line says who asked (sub, role) and for which operation.
 */
const PHONE = '13912345678';
const NAME = '欧阳晓测';
const SUB = `log-test-${process.pid}`;

interface LogLine {
  msg?: string;
  service?: string;
  [key: string]: unknown;
}

describe('no personal data or tokens in the logs', () => {
  let child: ChildProcess;
  let output = '';
  let gatewayUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await childDatabase();
    dropDatabase = database.drop;
    const hub = await startChildHub({
      env: { ...database.env, LOG_LEVEL: 'debug', DATA_DIR: 'memory://', PLANTED_PHONE: PHONE },
      script: 'logging-hub.ts',
      onOutput: (text) => (output += text),
    });
    child = hub.child;
    gatewayUrl = hub.url;
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await dropDatabase?.();
  });

  it('a failed insert and a token in the URL leave no personal data or token in the log; request lines name user and operation', async () => {
    const token = await tokenFor({ role: 'ADMIN', sub: SUB });
    const household = await graphql<{ registerHousehold: { id: string } }>(
      gatewayUrl,
      `mutation LogTestHousehold($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      { input: { communityCode: '211402001001', address: '测试路 9 号' } },
      { token },
    );
    expect(household.errors).toBeUndefined();
    const birthDate = birthDateForAge(42);
    const identityNumber = fakeIdentityNumber(birthDate, 'FEMALE');
    const failed = await graphql(
      gatewayUrl,
      `mutation LogTestRegister($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`,
      {
        input: {
          householdId: household.data!.registerHousehold.id,
          name: NAME,
          identityNumber,
          gender: 'FEMALE',
          birthDate,
          phone: PHONE,
          employmentStatus: 'UNEMPLOYED',
          declaredGroups: [],
          skills: [{ name: '保洁', certificateLevel: 5 }],
        },
      },
      { token },
    );
    expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);

    // A token in a URL, as a shared GraphiQL link or a careless client would put it.
    const base = gatewayUrl.replace(/\/graphql$/, '');
    for (const path of [`/graphql?query=${encodeURIComponent('{ __typename }')}&token=${token}`, `/graphiql?token=${token}`]) {
      (await fetch(base + path)).body?.cancel();
    }

    // Stopping the hub flushes every log line it wrote.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;

    const lines: LogLine[] = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
    // The failure was logged (so the checks below looked at it), by class, code and constraint.
    const unexpected = lines.find((line) => line.msg === 'unexpected error' && line.service === 'residents');
    expect(unexpected, 'the residents service logged the failed insert').toBeDefined();
    for (const secret of [identityNumber, NAME, PHONE, token, token.split('.')[2]!]) {
      expect(output.includes(secret), `the log holds ${secret.slice(0, 8)}…`).toBe(false);
    }
    expect(output).not.toMatch(/insert into|\$1|params:/i);
    expect(JSON.stringify(unexpected)).toContain('planted_by_log_test');
    expect(JSON.stringify(unexpected)).toContain('23514');

    const requests = lines.filter((line) => line.msg === 'request');
    const asked = (service: string) =>
      requests.find((line) => line.service === service && String(line.operation ?? '').startsWith('LogTestRegister'));
    for (const service of ['gateway', 'residents']) {
      expect(asked(service), `${service} request line`).toMatchObject({ sub: SUB, role: 'ADMIN' });
    }
    const graphqlRequests = requests.filter((line) => line.method === 'POST' && line.url === '/graphql');
    expect(graphqlRequests.length).toBeGreaterThan(3);
    for (const line of graphqlRequests) expect(line.operation, JSON.stringify(line)).toBeTruthy();
    expect(requests.some((line) => String(line.url).startsWith('/graphiql?token='))).toBe(true);
  });
});
