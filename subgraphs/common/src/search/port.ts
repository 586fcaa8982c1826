import type { Filter } from './filter';

/**
 * The search port: what every indexing service asks of a search engine. Two adapters implement
 * it: Meilisearch (production, `MEILI_URL`) and the embedded engine (default). One contract test
 * suite holds both to the same behaviour.
 */

export interface SearchDocument {
  id: string;
}

export interface IndexSettings {
  /** Fields searched by `q`, most important first. Their text is segmented by our analyzer. */
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
}

export interface SortField {
  field: string;
  order: 'asc' | 'desc';
}

export interface SearchRequest {
  /**
   * Words to look for. Documents with every word come first; when too few have them all, words
   * are dropped from the end (Meilisearch's `last` matching strategy), so `保洁 包吃住` still
   * finds cleaning jobs without board.
   */
  q?: string;
  filter?: Filter;
  sort?: SortField[];
  limit?: number;
  offset?: number;
  /** Fields to count values of among all matching documents. */
  facets?: string[];
}

export interface SearchResponse<T> {
  hits: T[];
  /** How many documents match in all (exact in the embedded engine, an estimate in Meilisearch). */
  total: number;
  facets: Record<string, Record<string, number>>;
}

export interface SearchIndex<T extends SearchDocument> {
  readonly name: string;
  /** Adds or replaces documents by id; resolves once they are searchable (and, embedded, durable). */
  upsert(documents: T[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse<T>>;
  /** Documents in id order, a page at a time: what `check-index` compares with the database. */
  documents(page: { offset: number; limit: number }): Promise<{ results: T[]; total: number }>;
  /** Removes every document (a reindex starts from nothing). */
  clear(): Promise<void>;
  count(): Promise<number>;
}

export interface SearchEngine {
  readonly kind: 'embedded' | 'meilisearch';
  /** Opens (creating when missing) an index and applies its settings. */
  index<T extends SearchDocument>(name: string, settings: IndexSettings): Promise<SearchIndex<T>>;
  close(): Promise<void>;
}

/** A search engine refused or failed a request: settings, a document, or a filter it did not take. */
export class SearchEngineError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'SearchEngineError';
  }
}
