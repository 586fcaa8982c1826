import DataLoader from 'dataloader';
import type { Logger } from './logger';
import type { Indexer } from './search/indexer';
import type { SearchDocument, SearchIndex } from './search/port';
import type { Viewer } from './viewer';

/** What every subgraph resolver receives: who asks, the request id, the service's database. */
export interface SubgraphContext<TDb> {
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  db: TDb;
  /** Per-request DataLoaders, so every entity type is fetched with one query per request. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** The service's search indexes, when it keeps any. */
  search?: SearchServices;
  /**
   * Work the request must finish before its answer leaves, such as recording who read which
   * personal data: when one fails the answer is withheld, since it was not recorded.
   */
  beforeResponse: (() => Promise<void>)[];
}

export interface SearchServices {
  index<T extends SearchDocument>(name: string): SearchIndex<T>;
  indexer: Indexer;
}

/**
 * The request's loader for `name`, created on first use. `batch` gets the distinct keys and
 * returns the found rows; rows are matched back to keys by `keyOf`, missing ones become null.
 */
export function loaderFor<K, V>(
  ctx: SubgraphContext<unknown>,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  let loader = ctx.loaders.get(name) as DataLoader<K, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V | null>(async (keys) => {
      const rows = await batch(keys);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
    ctx.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Like `loaderFor`, for one-to-many: each key gets every row whose `keyOf` is that key. */
export function groupLoaderFor<K, V>(
  ctx: SubgraphContext<unknown>,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  let loader = ctx.loaders.get(name) as DataLoader<K, V[]> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V[]>(async (keys) => {
      const rows = await batch(keys);
      const groups = new Map<K, V[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const list = groups.get(key);
        if (list) list.push(row);
        else groups.set(key, [row]);
      }
      return keys.map((key) => groups.get(key) ?? []);
    });
    ctx.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
