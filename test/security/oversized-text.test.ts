import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { birthDateForAge, fakeCreditCode, fakeIdentityNumber, graphql } from '@hub/common/testing';
import { childDatabase, startChildHub } from '../support/child-process';
import { adminToken, codesOf, tokenFor } from '../support/hub';

/**
 * Issue 10 #1: one 120,000-character word in a vacancy description grew the hub to its heap limit
 * and killed it, and every restart replayed the word from the search log and died again. Here a hub
 * of its own (own process, own database, own data directory) refuses that description at the door
 * (descriptions are bounded at 10,000 characters), takes the longest allowed one as a single word,
 * refuses a 1 MB word in a job intention, is killed and started again on the same data, and serves as
 * before, its memory bounded throughout. The engine's side of the long word is tested directly in
 * subgraphs/common/test/search-quarantine.test.ts.
 */

const MIB = 1024 * 1024;

/** Every hub this file started: killed at the end even if it never became ready. */
const children: ChildProcess[] = [];

/** Resident memory of a process, from the kernel's own count. */
const rssOf = (child: ChildProcess) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024;

describe('one long word no longer kills the hub, nor keeps it dead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-oversized-'));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  // Two boots of a whole hub: well under a minute alone, minutes on a machine shared with other runs.
  it('refuses a 120,000-character word, indexes the longest allowed one in bounded memory, refuses a 1 MB one, and serves again after a restart on the same data', async () => {
    const database = await childDatabase();
    drop = database.drop;
    const env: NodeJS.ProcessEnv = { ...database.env, DATA_DIR: dir };
    const admin = await adminToken();
    const first = await startChildHub({ env });
    children.push(first.child);
    const call = (url: string, query: string, variables: Record<string, unknown>, token = admin) => graphql(url, query, variables, { token });
    const data = async <T>(url: string, query: string, variables: Record<string, unknown> = {}, token = admin) => {
      const result = await call(url, query, variables, token);
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data as T;
    };
    const indexStatus = (url: string) =>
      data<{ vacancyIndex: { queued: number; quarantined: number; documents: number } }>(url, `{ vacancyIndex { queued quarantined documents } }`).then((d) => d.vacancyIndex);
    const settled = async (url: string) => {
      for (let i = 0; i < 300; i++) {
        const status = await indexStatus(url);
        if (status.queued === 0) return status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the vacancy index did not catch up');
    };
    const search = (url: string, query: string) =>
      data<{ searchVacancies: { vacancies: { id: string }[] } }>(url, `query ($q: String!) { searchVacancies(query: $q, first: 50) { vacancies { id } } }`, { q: query }).then((d) =>
        d.searchVacancies.vacancies.map((v) => v.id),
      );

    const { registerEmployer } = await data<{ registerEmployer: { id: string } }>(first.url, `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { creditCode: fakeCreditCode('211402'), name: '葫芦岛市渤海物业服务有限公司', industry: '物业管理', districtCode: '211402', contactName: '李经理', contactPhone: '13904290002' },
    });
    const boss = await tokenFor({ role: 'EMPLOYER', sub: 'oversized-boss', employerId: registerEmployer.id });
    const post = (url: string, title: string, description: string) =>
      data<{ postVacancy: { id: string } }>(url, `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`, {
        input: { employerId: registerEmployer.id, title, occupation: '保洁员', mustHaveSkills: ['保洁'], headcount: 2, wageMin: 2200, wageMax: 2800, locationCode: '211402001001', description },
      }, boss).then((d) => d.postVacancy.id);

    await post(first.url, '保洁员 热身', '负责小区公共区域保洁');
    await settled(first.url);
    const before = rssOf(first.child);

    // The attack: one word, no spaces, 120,000 characters. Uncut, its prefixes alone were 7.2 billion
    // characters. A description that long is refused at the door and nothing is written.
    const attack = `q${'x'.repeat(119_999)}`;
    const tooLong = await call(first.url, `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`, {
      input: { employerId: registerEmployer.id, title: '保洁员 夜班', occupation: '保洁员', mustHaveSkills: ['保洁'], headcount: 2, wageMin: 2200, wageMax: 2800, locationCode: '211402001001', description: attack },
    }, boss);
    expect(codesOf(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(tooLong.errors).length, 'the refusal does not echo the word back').toBeLessThan(2_000);
    expect(await search(first.url, '夜班')).toEqual([]);

    // The longest description allowed, as one word: indexed in bounded memory (the engine cuts words).
    const word = `q${'x'.repeat(9_999)}`;
    const attacked = await post(first.url, '保洁员 夜班', word);
    expect(await settled(first.url)).toMatchObject({ queued: 0, quarantined: 0 });
    expect(await search(first.url, '夜班')).toEqual([attacked]);
    expect(await search(first.url, word.slice(0, 100))).toEqual([attacked]);
    const grown = rssOf(first.child) - before;
    expect(grown, `rss grew ${Math.round(grown / MIB)} MiB`).toBeLessThan(150 * MIB);

    // A 1 MB word in a job intention is refused at the door, and nobody is registered.
    const { registerHousehold } = await data<{ registerHousehold: { id: string } }>(first.url, `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
      input: { communityCode: '211402001001', address: '连山区 渤海小区 1号楼' },
    });
    const birthDate = birthDateForAge(38);
    const refused = await call(first.url, `mutation ($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`, {
      input: {
        householdId: registerHousehold.id, name: '孙丽', identityNumber: fakeIdentityNumber(birthDate, 'FEMALE'), gender: 'FEMALE', birthDate,
        employmentStatus: 'UNEMPLOYED', jobIntention: { occupations: ['y'.repeat(1_000_000)] },
      },
    });
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'jobIntention.occupations[0]' });
    const household = await data<{ household: { members: unknown[] } }>(first.url, `query ($id: ID!) { household(id: $id) { members { id } } }`, { id: registerHousehold.id });
    expect(household.household.members).toEqual([]);

    // Killed with no chance to tidy up: the restart replays the search log, long word and all.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const second = await startChildHub({ env });
    children.push(second.child);
    expect(await settled(second.url)).toMatchObject({ queued: 0, quarantined: 0, documents: 2 });
    expect(await search(second.url, word.slice(0, 100))).toEqual([attacked]);
    const fresh = await post(second.url, '保洁员 白班', '负责写字楼保洁');
    await settled(second.url);
    expect(await search(second.url, '白班')).toEqual([fresh]);
    const check = await data<{ checkVacancyIndex: { missing: number; stale: number; orphaned: number } }>(second.url, `mutation { checkVacancyIndex { missing stale orphaned } }`);
    expect(check.checkVacancyIndex).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    expect(rssOf(second.child), `rss after the restart ${Math.round(rssOf(second.child) / MIB)} MiB`).toBeLessThan(before + 150 * MIB);
  }, 420_000);
});
