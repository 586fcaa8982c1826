import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import FlexSearch from 'flexsearch';
import { termsOf } from '../vocabulary';
import { boundedWord, indexTokens, queryWords } from './analyzer';
import { filterFields, matchesFilter, type Filter } from './filter';
import {
  SearchEngineError,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchIndex,
  type SearchRequest,
  type SearchResponse,
} from './port';

/**
 * The embedded engine: in-process, the default when no Meilisearch server is configured.
 *
 * Text lookup is FlexSearch (chosen by measurement: 8 ms median on 100,000 Chinese documents,
 * against 62 ms for MiniSearch and 285 ms for Orama), over tokens our analyzer made, so it never
 * segments anything itself. Filters, sort and facets run over the documents kept beside it.
 *
 * Durability: every change is appended to a log and fsynced before `upsert` resolves, and the
 * log is folded into a snapshot now and then, so an acknowledged change survives a crash.
 * `dir` undefined keeps everything in memory (tests).
 */
export function embeddedSearchEngine(dir?: string): SearchEngine {
  if (dir) mkdirSync(dir, { recursive: true });
  const open = new Map<string, EmbeddedIndex<SearchDocument>>();
  return {
    kind: 'embedded',
    async index<T extends SearchDocument>(name: string, settings: IndexSettings) {
      let index = open.get(name);
      if (!index) {
        index = new EmbeddedIndex<SearchDocument>(name, settings, dir ? join(dir, name) : undefined);
        open.set(name, index);
      }
      return index as unknown as SearchIndex<T>;
    },
    async close() {
      open.clear();
    },
  };
}

type Change = { upsert: SearchDocument[] } | { delete: string[] };

class EmbeddedIndex<T extends SearchDocument> implements SearchIndex<T> {
  private docs = new Map<string, T>();
  private text = newTextIndex();
  /** Exact-value postings of filterable fields, to narrow `=`/`IN` filters before scanning. */
  private postings = new Map<string, Map<unknown, Set<string>>>();
  private changesSinceSnapshot = 0;
  /** Ids in order for paging through `documents`, kept until the next change. */
  private sortedIds: string[] | undefined;

  constructor(
    readonly name: string,
    private readonly settings: IndexSettings,
    private readonly path?: string,
  ) {
    if (path) this.load(path);
  }

  async upsert(documents: T[]): Promise<void> {
    const accepted: [T, string][] = [];
    const refused: string[] = [];
    for (const doc of documents) {
      const text = this.searchText(doc);
      if (text === undefined) refused.push(String(doc.id));
      else accepted.push([doc, text]);
    }
    // Only what the engine took goes in the log, so the log never replays a refused document.
    if (accepted.length) {
      this.persist({ upsert: accepted.map(([doc]) => doc) });
      for (const [doc, text] of accepted) this.put(doc, text);
    }
    if (refused.length) throw new SearchEngineError(`The engine could not index ${refused.join(', ')}.`, 'invalid_document');
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.persist({ delete: ids });
    for (const id of ids) this.remove(id);
  }

  async clear(): Promise<void> {
    this.docs.clear();
    this.sortedIds = undefined;
    this.text = newTextIndex();
    this.postings.clear();
    if (this.path) this.snapshot();
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async documents({ offset, limit }: { offset: number; limit: number }) {
    const ids = (this.sortedIds ??= [...this.docs.keys()].sort());
    return { results: ids.slice(offset, offset + limit).map((id) => this.docs.get(id)!), total: ids.length };
  }

  async search(request: SearchRequest): Promise<SearchResponse<T>> {
    for (const field of filterFields(request.filter)) {
      if (!this.settings.filterableAttributes.includes(field)) throw new SearchEngineError(`Attribute \`${field}\` is not filterable.`, 'invalid_search_filter');
    }
    for (const { field } of request.sort ?? []) {
      if (!this.settings.sortableAttributes.includes(field)) throw new SearchEngineError(`Attribute \`${field}\` is not sortable.`, 'invalid_search_sort');
    }
    const allowed = this.narrow(request.filter);
    const passes = (id: string) => (allowed ? allowed.has(id) : true) && matchesFilter(request.filter, this.docs.get(id) as unknown as Record<string, unknown>);

    // Tiers as in Meilisearch's `last` strategy: all words, then all but the last, and so on.
    const words = request.q ? queryWords(request.q) : [];
    let ranked: string[];
    if (words.length === 0) {
      ranked = [...(allowed ?? this.docs.keys())].filter(passes);
      ranked = this.sorted(ranked, request, () => 0);
    } else {
      const holders = words.map((w) => this.holders(w));
      const matched = new Map<string, number>();
      for (const set of holders) for (const id of set) matched.set(id, (matched.get(id) ?? 0) + 1);
      const tierOf = (id: string) => {
        let n = 0;
        while (n < holders.length && holders[n]!.has(id)) n++;
        return n;
      };
      const candidates = [...matched.keys()].filter((id) => tierOf(id) > 0 && passes(id));
      ranked = this.sorted(candidates, request, (a, b) => tierOf(b) - tierOf(a) || matched.get(b)! - matched.get(a)!);
    }
    const facets: SearchResponse<T>['facets'] = {};
    for (const field of request.facets ?? []) {
      const counts: Record<string, number> = {};
      for (const id of ranked) {
        const raw = (this.docs.get(id) as unknown as Record<string, unknown>)[field];
        for (const value of new Set(Array.isArray(raw) ? raw : [raw])) {
          if (value === null || value === undefined) continue;
          counts[String(value)] = (counts[String(value)] ?? 0) + 1;
        }
      }
      facets[field] = counts;
    }
    const offset = request.offset ?? 0;
    const limit = request.limit ?? 20;
    return { hits: ranked.slice(offset, offset + limit).map((id) => this.docs.get(id)!), total: ranked.length, facets };
  }

  /** Ids holding a query word, its vocabulary terms (炊事员 → 厨师) or, for Latin words, a prefix. */
  private holders(word: string): Set<string> {
    const ids = new Set<string>();
    for (const term of new Set([word, ...termsOf(word)])) {
      for (const id of this.text.search(term, { limit: this.docs.size || 1 }) as string[]) ids.add(id);
    }
    return ids;
  }

  private sorted(ids: string[], request: SearchRequest, relevance: (a: string, b: string) => number): string[] {
    const sort = request.sort ?? [];
    const field = (id: string, name: string) => (this.docs.get(id) as unknown as Record<string, unknown>)[name];
    return ids.sort((a, b) => {
      // Relevance first when searching by words, as Meilisearch's default ranking rules put `sort` after `words`.
      const byRelevance = relevance(a, b);
      if (byRelevance !== 0) return byRelevance;
      for (const { field: name, order } of sort) {
        const x = field(a, name);
        const y = field(b, name);
        if (x === y) continue;
        if (x === undefined || x === null) return 1;
        if (y === undefined || y === null) return -1;
        const c = (x as number | string) < (y as number | string) ? -1 : 1;
        return order === 'asc' ? c : -c;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }

  /**
   * A superset of the ids the filter allows, from the postings, or undefined to scan everything:
   * the top-level `=`/`IN` clause (or `or` of such clauses) with the fewest ids. Every candidate is
   * still tested against the whole filter, so only the cheapest clause needs to be looked up.
   */
  private narrow(filter: Filter | undefined): Set<string> | undefined {
    if (!filter) return undefined;
    const clauses = 'and' in filter ? filter.and : [filter];
    let best: { clause: Filter; size: number } | undefined;
    for (const clause of clauses) {
      const size = this.estimate(clause);
      if (size !== undefined && (!best || size < best.size)) best = { clause, size };
    }
    return best ? this.lookup(best.clause) : undefined;
  }

  /** How many ids a clause's postings hold (an upper bound), or undefined when it has none. */
  private estimate(clause: Filter): number | undefined {
    if ('or' in clause) {
      let total = 0;
      for (const part of clause.or) {
        const n = this.estimate(part);
        if (n === undefined) return undefined;
        total += n;
      }
      return clause.or.length ? total : undefined;
    }
    if (!('field' in clause) || (clause.op !== '=' && clause.op !== 'IN')) return undefined;
    const byValue = this.postings.get(clause.field);
    if (!byValue) return undefined;
    let total = 0;
    for (const value of clause.op === 'IN' ? clause.value : [clause.value]) total += byValue.get(value)?.size ?? 0;
    return total;
  }

  private lookup(clause: Filter): Set<string> {
    const ids = new Set<string>();
    const collect = (c: Filter) => {
      if ('or' in c) return c.or.forEach(collect);
      if (!('field' in c) || (c.op !== '=' && c.op !== 'IN')) return;
      const byValue = this.postings.get(c.field)!;
      for (const value of c.op === 'IN' ? c.value : [c.value]) for (const id of byValue.get(value) ?? []) ids.add(id);
    };
    collect(clause);
    return ids;
  }

  /** The tokens a document is found by, or undefined when it cannot be indexed (no id, a field that is no text). */
  private searchText(doc: T): string | undefined {
    try {
      if (typeof doc.id !== 'string') return undefined;
      const record = doc as unknown as Record<string, unknown>;
      return indexTokens(...this.settings.searchableAttributes.map((f) => textOf(record[f]))).join(' ');
    } catch {
      return undefined;
    }
  }

  private put(doc: T, text: string) {
    this.sortedIds = undefined;
    if (this.docs.has(doc.id)) this.remove(doc.id);
    this.docs.set(doc.id, doc);
    const record = doc as unknown as Record<string, unknown>;
    this.text.add(doc.id, text);
    for (const field of this.settings.filterableAttributes) {
      let byValue = this.postings.get(field);
      if (!byValue) this.postings.set(field, (byValue = new Map()));
      const raw = record[field];
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        let ids = byValue.get(value);
        if (!ids) byValue.set(value, (ids = new Set()));
        ids.add(doc.id);
      }
    }
  }

  private remove(id: string) {
    const doc = this.docs.get(id) as unknown as Record<string, unknown> | undefined;
    if (!doc) return;
    this.sortedIds = undefined;
    this.docs.delete(id);
    this.text.remove(id);
    for (const field of this.settings.filterableAttributes) {
      const raw = doc[field];
      for (const value of Array.isArray(raw) ? raw : [raw]) this.postings.get(field)?.get(value)?.delete(id);
    }
  }

  private persist(change: Change) {
    if (!this.path) return;
    const fd = openSync(`${this.path}.log`, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(change)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.changesSinceSnapshot += 'upsert' in change ? change.upsert.length : change.delete.length;
    if (this.changesSinceSnapshot > Math.max(10_000, this.docs.size)) queueMicrotask(() => this.snapshot());
  }

  /** Writes every document to a new snapshot, then empties the log it replaces. */
  private snapshot() {
    const path = this.path!;
    writeFileSync(`${path}.snapshot.tmp`, JSON.stringify([...this.docs.values()]));
    const fd = openSync(`${path}.snapshot.tmp`, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.snapshot.tmp`, `${path}.snapshot.json`);
    writeFileSync(`${path}.log`, '');
    this.changesSinceSnapshot = 0;
  }

  /**
   * A document from the snapshot or the log, indexed as a live upsert would index it now: with
   * today's bounded words, so a document an older build choked on opens fine, and one that
   * cannot be indexed at all is left out rather than stopping the engine from opening.
   */
  private replay(doc: T) {
    const text = doc && typeof doc === 'object' ? this.searchText(doc) : undefined;
    if (text !== undefined) this.put(doc, text);
  }

  private load(path: string) {
    if (existsSync(`${path}.snapshot.json`)) {
      for (const doc of JSON.parse(readFileSync(`${path}.snapshot.json`, 'utf8')) as T[]) this.replay(doc);
    }
    if (!existsSync(`${path}.log`)) return;
    for (const line of readFileSync(`${path}.log`, 'utf8').split('\n')) {
      // A line cut short by a crash was never acknowledged: the indexer sends it again.
      if (!line.trim()) continue;
      let change: Change;
      try {
        change = JSON.parse(line) as Change;
      } catch {
        continue;
      }
      // A line of the wrong shape (a damaged file) is skipped like a cut one: the log must open.
      if (!change || typeof change !== 'object') continue;
      if ('upsert' in change && Array.isArray(change.upsert)) for (const doc of change.upsert as T[]) this.replay(doc);
      else if ('delete' in change && Array.isArray(change.delete)) for (const id of change.delete) this.remove(id);
      this.changesSinceSnapshot++;
    }
  }
}

function newTextIndex() {
  // Tokens are made by our analyzer; FlexSearch only splits on the spaces between them. Each is
  // cut again here, whatever produced it: 'forward' indexes every prefix of a word, so one long
  // word would cost the square of its length in memory.
  return new FlexSearch.Index({ tokenize: 'forward', encode: (text: string) => text.split(' ').filter(Boolean).map(boundedWord) });
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}
