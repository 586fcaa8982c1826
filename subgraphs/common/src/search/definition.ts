import type { Db } from '../db';
import type { IndexSettings, SearchDocument } from './port';

/** An index a service keeps, and how to read its documents from the service's own tables. */
export interface IndexDefinition<TSchema extends Record<string, unknown>, T extends SearchDocument = SearchDocument> {
  name: string;
  settings: IndexSettings;
  /** The documents these ids should have in the index now; an id left out is removed from it. */
  load(db: Db<TSchema>, ids: string[]): Promise<T[]>;
  /** Every id that belongs in the index, a page at a time after `afterId` (for reindex and checks). */
  ids(db: Db<TSchema>, afterId: string | null, limit: number): Promise<string[]>;
}
