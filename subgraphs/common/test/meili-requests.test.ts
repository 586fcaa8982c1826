import { describe, expect, it } from 'vitest';
import { and, anyOf, eq, meiliSearchParams, meiliSettings, or, toMeiliFilter } from '../src/search';

/** What the Meilisearch adapter sends, checked without a server (none can be installed here). */
describe('Meilisearch requests', () => {
  it('prints filters with every value quoted, so user text cannot change their meaning', () => {
    expect(toMeiliFilter(and(eq('status', 'OPEN'), eq('publicWelfare', true), { field: 'wageMax', op: '>=', value: 3000 }))).toBe(
      '(status = "OPEN" AND publicWelfare = true AND wageMax >= 3000)',
    );
    expect(toMeiliFilter(eq('title', '厨师" OR status = "CLOSED'))).toBe('title = "厨师\\" OR status = \\"CLOSED"');
    expect(toMeiliFilter(eq('title', 'a\\'))).toBe('title = "a\\\\"');
    expect(toMeiliFilter(or(anyOf('skills', ['保洁', '厨师']), { not: eq('district', '211402') }))).toBe(
      '(skills IN ["保洁", "厨师"] OR NOT district = "211402")',
    );
    expect(toMeiliFilter(and())).toBeUndefined();
  });

  it('refuses field names that are not plain identifiers', () => {
    expect(() => toMeiliFilter(eq('status = "OPEN" OR x', 'y'))).toThrow(/not a field name/);
    expect(() => toMeiliFilter({ field: 'wage', op: '>', value: Number.NaN })).toThrow(/not a number/);
  });

  it('sends segmented words, sort, paging, facets and the `last` matching strategy', () => {
    const { q, params } = meiliSearchParams({
      q: '招聘炊事员 包吃住',
      filter: eq('status', 'OPEN'),
      sort: [{ field: 'postedAt', order: 'desc' }],
      limit: 10,
      offset: 20,
      facets: ['districtCode'],
    });
    expect(q).toBe('招聘 炊事员 包吃住');
    expect(params).toEqual({
      filter: 'status = "OPEN"',
      sort: ['postedAt:desc'],
      limit: 10,
      offset: 20,
      facets: ['districtCode'],
      matchingStrategy: 'last',
    });
  });

  it('configures attributes, ranking, synonyms both ways and the custom dictionary', () => {
    const settings = meiliSettings({ searchableAttributes: ['searchText'], filterableAttributes: ['status'], sortableAttributes: ['postedAt'] });
    expect(settings.searchableAttributes).toEqual(['searchText']);
    expect(settings.filterableAttributes).toEqual(['status']);
    expect(settings.sortableAttributes).toEqual(['postedAt']);
    expect(settings.rankingRules?.slice(0, 2)).toEqual(['words', 'sort']);
    expect(settings.synonyms?.['炊事员']).toContain('厨师');
    expect(settings.synonyms?.['厨师']).toContain('炊事员');
    expect(settings.synonyms?.['电脑维修']).toContain('计算机维修');
    expect(settings.dictionary).toEqual(expect.arrayContaining(['绿化工', '保洁员', '电脑维修工']));
  });
});

/**
 * The adapter against a stand-in for the Meilisearch HTTP API (no server can be installed here):
 * it records what the official client sends and answers as Meilisearch does, including a failed
 * task, so the whole path (create, settings, wait, documents, search) runs without a server.
 */
describe('Meilisearch adapter over HTTP', () => {
  it('creates the index, sends settings, waits on tasks and surfaces a failed task with its reason', async () => {
    const { createServer } = await import('node:http');
    const { meiliSearchEngine, SearchEngineError } = await import('../src/search');
    const requests: { method: string; url: string; body: any; auth?: string }[] = [];
    const tasks = new Map<number, { status: string; type: string; error?: { message: string; code: string } }>();
    let next = 0;
    const enqueue = (type: string, error?: { message: string; code: string }) => {
      const uid = ++next;
      tasks.set(uid, { status: error ? 'failed' : 'succeeded', type, ...(error ? { error } : {}) });
      return { taskUid: uid, indexUid: 'hub_jobs', status: 'enqueued', type, enqueuedAt: new Date().toISOString() };
    };
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = raw ? JSON.parse(raw) : undefined;
        requests.push({ method: req.method!, url: req.url!, body, auth: req.headers.authorization });
        const send = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const task = /^\/tasks\/(\d+)/.exec(req.url!);
        if (task) {
          const t = tasks.get(Number(task[1]))!;
          return send(200, { uid: Number(task[1]), indexUid: 'hub_jobs', ...t, enqueuedAt: new Date().toISOString(), details: {}, duration: 'PT0S' });
        }
        if (req.method === 'POST' && req.url === '/indexes') return send(202, enqueue('indexCreation'));
        if (req.method === 'PATCH' && req.url === '/indexes/hub_jobs/settings') return send(202, enqueue('settingsUpdate'));
        if (req.method === 'POST' && req.url!.startsWith('/indexes/hub_jobs/documents')) {
          return send(202, enqueue('documentAdditionOrUpdate', { message: 'Document identifier `a b` is invalid.', code: 'invalid_document_id' }));
        }
        if (req.method === 'POST' && req.url === '/indexes/hub_jobs/search') return send(200, { hits: [{ id: 'x' }], estimatedTotalHits: 1, facetDistribution: {} });
        send(404, { message: 'not found', code: 'not_found' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const engine = meiliSearchEngine({ url: `http://127.0.0.1:${port}`, apiKey: 'master-key', indexPrefix: 'hub_' });
      const index = await engine.index<{ id: string }>('jobs', { searchableAttributes: ['searchText'], filterableAttributes: ['status'], sortableAttributes: [] });
      expect(requests[0]).toMatchObject({ method: 'POST', url: '/indexes', body: { uid: 'hub_jobs', primaryKey: 'id' }, auth: 'Bearer master-key' });
      const settings = requests.find((r) => r.method === 'PATCH')!.body;
      expect(settings.searchableAttributes).toEqual(['searchText']);
      expect(settings.synonyms['清洁工']).toContain('保洁员');

      const error = await index.upsert([{ id: 'a b' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchEngineError);
      expect((error as Error).message).toMatch(/failed: Document identifier `a b` is invalid/);
      expect((error as InstanceType<typeof SearchEngineError>).code).toBe('invalid_document_id');

      const result = await index.search({ q: '保洁员', filter: eq('status', 'OPEN"') });
      expect(result).toMatchObject({ hits: [{ id: 'x' }], total: 1 });
      expect(requests.at(-1)!.body).toMatchObject({ q: '保洁员', filter: 'status = "OPEN\\""', matchingStrategy: 'last' });
    } finally {
      server.close();
    }
  });
});
