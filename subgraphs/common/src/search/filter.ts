import { SearchEngineError } from './port';

/**
 * Filters as data rather than strings: services build them from typed values, the Meilisearch
 * adapter prints them with every value quoted, and the embedded engine evaluates them directly.
 * User text can therefore never change a filter's meaning.
 */
export type Scalar = string | number | boolean;

export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  | { field: string; op: '=' | '!='; value: Scalar }
  | { field: string; op: '>' | '>=' | '<' | '<='; value: number }
  | { field: string; op: 'IN'; value: Scalar[] };

export const eq = (field: string, value: Scalar): Filter => ({ field, op: '=', value });
export const anyOf = (field: string, value: Scalar[]): Filter => ({ field, op: 'IN', value });
export const and = (...parts: (Filter | undefined | false)[]): Filter => ({ and: parts.filter((p): p is Filter => !!p) });
export const or = (...parts: Filter[]): Filter => ({ or: parts });

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fieldName(field: string): string {
  if (!FIELD.test(field)) throw new SearchEngineError(`"${field}" is not a field name a filter may use.`, 'invalid_filter');
  return field;
}

/** A value as Meilisearch's filter syntax takes it: strings double-quoted with `"` and `\` escaped. */
export function quote(value: Scalar): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SearchEngineError(`${value} is not a number a filter may use.`, 'invalid_filter');
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The filter in Meilisearch's expression syntax, or undefined when it filters nothing. */
export function toMeiliFilter(filter: Filter | undefined): string | undefined {
  if (!filter) return undefined;
  if ('and' in filter || 'or' in filter) {
    const parts = ('and' in filter ? filter.and : filter.or).map(toMeiliFilter).filter((p): p is string => p !== undefined);
    if (parts.length === 0) return 'and' in filter ? undefined : 'id IN []';
    return parts.length === 1 ? parts[0] : `(${parts.join(` ${'and' in filter ? 'AND' : 'OR'} `)})`;
  }
  if ('not' in filter) {
    const inner = toMeiliFilter(filter.not);
    return inner === undefined ? 'id IN []' : `NOT ${inner}`;
  }
  const field = fieldName(filter.field);
  if (filter.op === 'IN') return `${field} IN [${filter.value.map(quote).join(', ')}]`;
  return `${field} ${filter.op} ${quote(filter.value)}`;
}

/** Whether a document passes the filter; array fields pass when any element does, as in Meilisearch. */
export function matchesFilter(filter: Filter | undefined, doc: Record<string, unknown>): boolean {
  if (!filter) return true;
  if ('and' in filter) return filter.and.every((f) => matchesFilter(f, doc));
  if ('or' in filter) return filter.or.some((f) => matchesFilter(f, doc));
  if ('not' in filter) return !matchesFilter(filter.not, doc);
  const raw = doc[filter.field];
  const values = Array.isArray(raw) ? raw : [raw];
  // `a != x` is `NOT a = x` in Meilisearch: an array holding x fails it.
  if (filter.op === '!=') return !values.some((v) => v === filter.value);
  return values.some((v) => compare(filter, v));
}

function compare(filter: Exclude<Extract<Filter, { field: string }>, { op: '!=' }>, value: unknown): boolean {
  switch (filter.op) {
    case '=':
      return value === filter.value;
    case 'IN':
      return filter.value.includes(value as Scalar);
    default: {
      if (typeof value !== 'number') return false;
      const v = filter.value as number;
      return filter.op === '>' ? value > v : filter.op === '>=' ? value >= v : filter.op === '<' ? value < v : value <= v;
    }
  }
}

/** Fields a filter reads, so an adapter can refuse one on a field the index does not filter by. */
export function filterFields(filter: Filter | undefined): string[] {
  if (!filter) return [];
  if ('and' in filter) return filter.and.flatMap(filterFields);
  if ('or' in filter) return filter.or.flatMap(filterFields);
  if ('not' in filter) return filterFields(filter.not);
  return [filter.field];
}
