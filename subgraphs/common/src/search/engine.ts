import { join } from 'node:path';
import { embeddedSearchEngine } from './embedded';
import { meiliSearchEngine } from './meili';
import type { SearchEngine } from './port';

export interface SearchConfig {
  MEILI_URL?: string | undefined;
  MEILI_MASTER_KEY?: string | undefined;
  MEILI_INDEX_PREFIX: string;
  DATA_DIR: string;
}

/** Meilisearch when `MEILI_URL` is set; otherwise the embedded engine under `DATA_DIR/search`. */
export function openSearchEngine(config: SearchConfig): SearchEngine {
  if (config.MEILI_URL) {
    return meiliSearchEngine({ url: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY, indexPrefix: config.MEILI_INDEX_PREFIX });
  }
  return embeddedSearchEngine(config.DATA_DIR.startsWith('memory://') ? undefined : join(config.DATA_DIR, 'search'));
}
