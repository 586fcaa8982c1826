import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  and,
  anyOf,
  embeddedSearchEngine,
  eq,
  meiliSearchEngine,
  searchableText,
  type SearchEngine,
  type SearchIndex,
} from '../src/search';

/**
 * One contract, two engines: the embedded engine always, Meilisearch when MEILI_URL names a
 * server (none can be installed on the build machines). Both must behave alike for the hub.
 */
interface Job {
  id: string;
  title: string;
  searchText: string;
  district: string;
  skills: string[];
  wage: number;
  publicWelfare: boolean;
}

const settings = {
  searchableAttributes: ['searchText'],
  filterableAttributes: ['district', 'skills', 'wage', 'publicWelfare'],
  sortableAttributes: ['wage'],
};

const job = (id: string, title: string, extra: Partial<Job> = {}): Job => ({
  id,
  title,
  searchText: searchableText(title, (extra.skills ?? []).join(' ')),
  district: '211402',
  skills: [],
  wage: 3000,
  publicWelfare: false,
  ...extra,
});

const JOBS: Job[] = [
  job('bank', '中国农业发展银行葫芦岛分行柜员', { wage: 5000 }),
  job('pending', '待处理订单客服', { skills: ['在线客服'], wage: 2800 }),
  job('cook', '招聘炊事员两名', { skills: ['中式烹调'], wage: 4000, district: '211481' }),
  job('cook2', '酒店厨师，包吃住', { skills: ['中式烹调', '海鲜烹饪'], wage: 6000 }),
  job('clean', '小区保洁员（公益性岗位）', { skills: ['日常保洁'], wage: 2000, publicWelfare: true }),
  job('clean2', '商场清洁工 长白班 包吃住', { skills: ['日常保洁'], wage: 2300 }),
  job('pc', '电脑维修技术员', { skills: ['计算机维修'], wage: 4500 }),
  job('green', '绿化工 花木养护', { skills: ['花木养护'], wage: 2200, district: '211421', publicWelfare: true }),
  job('quote', '招聘"特殊"岗位 \\ 测试', { wage: 1000 }),
];

const engines: [string, () => SearchEngine][] = [['embedded', () => embeddedSearchEngine()]];
if (process.env.MEILI_URL) {
  engines.push(['meilisearch', () => meiliSearchEngine({ url: process.env.MEILI_URL!, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: `contract_${Date.now()}_` })]);
}

describe.each(engines)('search contract: %s', (_name, makeEngine) => {
  let index: SearchIndex<Job>;
  const ids = async (request: Parameters<SearchIndex<Job>['search']>[0]) => (await index.search(request)).hits.map((h) => h.id);

  beforeAll(async () => {
    index = await makeEngine().index<Job>('jobs', settings);
    await index.clear();
    await index.upsert(JOBS);
  });

  it('finds a word inside a longer Chinese word: 农业 finds 中国农业发展银行, 处理 finds 待处理', async () => {
    expect(await ids({ q: '农业' })).toEqual(['bank']);
    expect(await ids({ q: '处理' })).toEqual(['pending']);
  });

  it('finds synonyms and near-forms of the vocabulary: 厨工 finds 炊事员 and 厨师, 清洁工 finds 保洁员', async () => {
    expect((await ids({ q: '厨工' })).sort()).toEqual(['cook', 'cook2']);
    expect((await ids({ q: '清洁工' })).sort()).toEqual(['clean', 'clean2']);
    expect(await ids({ q: '计算机维修' })).toEqual(['pc']);
  });

  it('keeps the vocabulary words whole and knows their other names: 绿化工, 园林工', async () => {
    expect(await ids({ q: '绿化工' })).toEqual(['green']);
    expect(await ids({ q: '园林工' })).toEqual(['green']);
  });

  it('ranks documents with every word first, and still finds those with only the first', async () => {
    const hits = await ids({ q: '保洁 包吃住' });
    expect(hits[0]).toBe('clean2');
    expect(hits).toContain('clean');
    expect(hits).not.toContain('cook2');
  });

  it('filters by equality, lists and ranges, and never confuses a value with syntax', async () => {
    expect((await ids({ filter: and(eq('publicWelfare', true), eq('district', '211402')) })).sort()).toEqual(['clean']);
    expect((await ids({ filter: anyOf('skills', ['中式烹调', '计算机维修']) })).sort()).toEqual(['cook', 'cook2', 'pc']);
    expect((await ids({ filter: { field: 'wage', op: '>=', value: 4500 } })).sort()).toEqual(['bank', 'cook2', 'pc']);
    expect(await ids({ filter: eq('district', '211402" OR district = "211481') })).toEqual([]);
    expect(await ids({ filter: { not: { field: 'wage', op: '>', value: 1000 } } })).toEqual(['quote']);
  });

  it('sorts, pages and counts facets over every match', async () => {
    expect(await ids({ sort: [{ field: 'wage', order: 'desc' }], limit: 3 })).toEqual(['cook2', 'bank', 'pc']);
    expect(await ids({ sort: [{ field: 'wage', order: 'desc' }], limit: 2, offset: 1 })).toEqual(['bank', 'pc']);
    const { total, facets } = await index.search({ filter: eq('publicWelfare', false), facets: ['district'], limit: 1 });
    expect(total).toBe(7);
    expect(facets.district).toEqual({ '211402': 6, '211481': 1 });
  });

  it('refuses a filter on a field the index does not filter by', async () => {
    await expect(index.search({ filter: eq('title', '厨师') })).rejects.toThrow(/filterable/);
  });

  it('replaces a document on upsert and forgets it on delete', async () => {
    await index.upsert([{ ...JOBS[6]!, title: '叉车司机', searchText: searchableText('叉车司机') }]);
    expect(await ids({ q: '电脑维修' })).toEqual([]);
    expect(await ids({ q: '叉车' })).toEqual(['pc']);
    await index.delete(['pc']);
    expect(await ids({ q: '叉车' })).toEqual([]);
    expect(await index.count()).toBe(JOBS.length - 1);
    const page = await index.documents({ offset: 0, limit: 100 });
    expect(page.results.map((d) => d.id).sort()).toEqual(JOBS.map((j) => j.id).filter((id) => id !== 'pc').sort());
  });
});

describe('embedded engine durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-search-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged change across a restart, through the log and after a snapshot', async () => {
    const first = await embeddedSearchEngine(dir).index<Job>('jobs', settings);
    await first.upsert(JOBS);
    await first.delete(['bank']);
    const reopened = await embeddedSearchEngine(dir).index<Job>('jobs', settings);
    expect(await reopened.count()).toBe(JOBS.length - 1);
    expect((await reopened.search({ q: '厨师' })).hits.map((h) => h.id).sort()).toEqual(['cook', 'cook2']);

    // Enough changes to fold the log into a snapshot, then a restart from the snapshot.
    const many = Array.from({ length: 10_500 }, (_, i) => job(`n${i}`, `保洁员 ${i}`));
    await reopened.upsert(many);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await embeddedSearchEngine(dir).index<Job>('jobs', settings);
    expect(await again.count()).toBe(JOBS.length - 1 + many.length);
    expect((await again.search({ q: '保洁员', limit: 1 })).total).toBe(many.length + 2);
  });
});
