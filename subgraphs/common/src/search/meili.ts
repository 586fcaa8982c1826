import { Meilisearch, type Settings, type Task } from 'meilisearch';
import { dictionaryWords, synonymGroups } from '../vocabulary';
import { queryWords } from './analyzer';
import { toMeiliFilter } from './filter';
import {
  SearchEngineError,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchIndex,
  type SearchRequest,
  type SearchResponse,
} from './port';

export interface MeiliOptions {
  url: string;
  apiKey?: string;
  /** Prepended to every index name, so several hubs (or test runs) can share one server. */
  indexPrefix?: string;
  /** How long to wait for a task before giving up. */
  taskTimeoutMs?: number;
}

/** The settings payload for an index: ours plus the vocabulary's synonyms and dictionary. */
export function meiliSettings(settings: IndexSettings): Settings {
  return {
    searchableAttributes: settings.searchableAttributes,
    filterableAttributes: settings.filterableAttributes,
    sortableAttributes: settings.sortableAttributes,
    // `sort` after `words`, as in the embedded engine: relevance first, then the requested order.
    rankingRules: ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness'],
    synonyms: synonymGroups(),
    dictionary: dictionaryWords(),
    // Chinese words are short: a one-character typo would turn 电工 into 焊工.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** The search request's body as Meilisearch takes it. */
export function meiliSearchParams(request: SearchRequest): { q: string | null; params: Record<string, unknown> } {
  const words = request.q ? queryWords(request.q) : [];
  return {
    q: words.length ? words.join(' ') : null,
    params: {
      filter: toMeiliFilter(request.filter),
      sort: request.sort?.map((s) => `${s.field}:${s.order}`),
      limit: request.limit ?? 20,
      offset: request.offset ?? 0,
      facets: request.facets,
      matchingStrategy: 'last',
    },
  };
}

/** The production adapter: the official client against the server at `MEILI_URL`. */
export function meiliSearchEngine(options: MeiliOptions): SearchEngine {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const prefix = options.indexPrefix ?? '';
  const timeout = options.taskTimeoutMs ?? 60_000;

  /** Waits for a task and turns a failed one into an error carrying Meilisearch's own message. */
  async function settled(task: { waitTask: (o?: { timeout?: number }) => Promise<Task> }): Promise<Task> {
    const done = await task.waitTask({ timeout });
    if (done.status === 'failed' || done.status === 'canceled') {
      throw new SearchEngineError(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? 'no reason given'}`, done.error?.code);
    }
    return done;
  }

  return {
    kind: 'meilisearch',
    async index<T extends SearchDocument>(name: string, settings: IndexSettings): Promise<SearchIndex<T>> {
      const uid = prefix + name;
      const created = await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout });
      if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
        throw new SearchEngineError(`Meilisearch could not create index ${uid}: ${created.error?.message}`, created.error?.code);
      }
      const index = client.index<T>(uid);
      await settled(index.updateSettings(meiliSettings(settings)));
      return {
        name,
        async upsert(documents) {
          if (documents.length) await settled(index.addDocuments(documents, { primaryKey: 'id' }));
        },
        async delete(ids) {
          if (ids.length) await settled(index.deleteDocuments(ids));
        },
        async clear() {
          await settled(index.deleteAllDocuments());
        },
        async count() {
          return (await index.getStats()).numberOfDocuments;
        },
        async documents({ offset, limit }) {
          const page = await index.getDocuments({ offset, limit });
          return { results: page.results, total: page.total };
        },
        async search(request): Promise<SearchResponse<T>> {
          const { q, params } = meiliSearchParams(request);
          try {
            const response = await index.search(q, params);
            return {
              hits: response.hits as T[],
              total: (response.estimatedTotalHits as number | undefined) ?? response.hits.length,
              facets: (response.facetDistribution ?? {}) as SearchResponse<T>['facets'],
            };
          } catch (error) {
            const e = error as { message: string; cause?: { code?: string } };
            throw new SearchEngineError(e.message, e.cause?.code);
          }
        },
      };
    },
    async close() {},
  };
}
