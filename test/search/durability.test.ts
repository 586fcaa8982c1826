import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeCreditCode, graphql } from '@hub/common/testing';
import { childDatabase, startChildHub } from '../support/child-process';
import { adminToken } from '../support/hub';

describe('an acknowledged write reaches the index even if the process dies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-durability-'));
  let drop: (() => Promise<void>) | undefined;
  let running: ChildProcess | undefined;
  afterAll(async () => {
    running?.kill('SIGKILL');
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kills the hub while vacancies are being written and indexed, restarts it, and finds every acknowledged one', async () => {
    const database = await childDatabase();
    drop = database.drop;
    const env: NodeJS.ProcessEnv = { ...database.env, DATA_DIR: dir };
    const token = await adminToken();
    const first = await startChildHub({ env });
    running = first.child;
    const call = (url: string, query: string, variables: Record<string, unknown> = {}) => graphql(url, query, variables, { token });

    const registered = await call(first.url, `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { creditCode: fakeCreditCode('211402'), name: '葫芦岛市渤海物业服务有限公司', industry: '物业管理', districtCode: '211402', contactName: '李', contactPhone: '13904290002' },
    });
    const employerId = (registered.data as { registerEmployer: { id: string } }).registerEmployer.id;

    // Eight writers post vacancies; the hub is killed once 120 have been acknowledged.
    const acknowledged: string[] = [];
    let killed = false;
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; !killed; i++) {
          try {
            const result = await call(first.url, `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`, {
              input: { employerId, title: `保洁员 ${writer}-${i}`, occupation: '保洁员', mustHaveSkills: ['保洁'], headcount: 1, wageMin: 2000, wageMax: 2600, locationCode: '211402001001' },
            });
            const id = (result.data as { postVacancy?: { id: string } } | null)?.postVacancy?.id;
            if (id && !killed) acknowledged.push(id);
          } catch {
            return; // the connection died with the process
          }
          if (acknowledged.length >= 120 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startChildHub({ env });
    running = second.child;
    let status: { queued: number } = { queued: -1 };
    // Rows the killed indexer had claimed wait out its lease (10 s) before they are taken again.
    for (let i = 0; i < 600 && status.queued !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = ((await call(second.url, `{ vacancyIndex { queued } }`)).data as { vacancyIndex: { queued: number } }).vacancyIndex;
    }
    expect(status.queued).toBe(0);

    const found = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = (await call(second.url, `query ($f: JobMatchFilter, $o: Int) { searchVacancies(query: "", filter: $f, first: 100, offset: $o) { vacancies { id } } }`, { f: { employerIds: [employerId] }, o: offset }))
        .data as { searchVacancies: { vacancies: { id: string }[] } };
      for (const v of page.searchVacancies.vacancies) found.add(v.id);
      if (page.searchVacancies.vacancies.length < 100) break;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);
    expect(acknowledged.filter((id) => !found.has(id))).toEqual([]);
    const check = (await call(second.url, `mutation { checkVacancyIndex { expected missing stale orphaned } }`)).data as {
      checkVacancyIndex: { expected: number; missing: number; stale: number; orphaned: number };
    };
    expect(check.checkVacancyIndex).toMatchObject({ missing: 0, stale: 0, orphaned: 0 });
    expect(check.checkVacancyIndex.expected).toBe(found.size);
  }, 240_000);
});
