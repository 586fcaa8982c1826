import { ErrorCode, HubError } from './errors';
import { isUuid } from './identifiers';

/** A page of a list ordered by id, with the total the filters match. */
export interface Page<T> {
  totalCount: number;
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE = 500;

/** The page size asked for, checked against the ceiling every list shares. */
export function pageSize(first: number | null | undefined, what: string, fallback = 50, min = 0): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < min || size > MAX_PAGE) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `Ask for ${min} to ${MAX_PAGE} ${what} at a time.`, { field: 'first' });
  }
  return size;
}

/** How a keyset page names its position: a row's key as text, and back (undefined when it is no cursor). */
export interface Cursor<T, K> {
  of(row: T): string;
  parse(text: string): K | undefined;
}

const byUuid = <T extends { id: string }>(): Cursor<T, string> => ({ of: (row) => row.id, parse: (text) => (isUuid(text) ? text : undefined) });

/**
 * Keyset pagination: stable under inserts, no OFFSET scans. `fetch` gets the cursor and asks for
 * one row more than the page, which tells whether another page follows.
 */
export async function pageByKey<T, K>(
  args: { first?: number | null; after?: string | null },
  what: string,
  cursor: Cursor<T, K>,
  total: () => Promise<number>,
  fetch: (after: K | null, limit: number) => Promise<T[]>,
): Promise<Page<T>> {
  const first = pageSize(args.first, what);
  const after = args.after ? cursor.parse(args.after) : null;
  if (after === undefined) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That cursor is not valid.', { field: 'after' });
  const [totalCount, rows] = await Promise.all([total(), fetch(after, first + 1)]);
  const nodes = rows.slice(0, first);
  return { totalCount, nodes, endCursor: nodes.length ? cursor.of(nodes.at(-1)!) : null, hasNextPage: rows.length > first };
}

/** Keyset pagination by uuid id, the order of most lists. */
export const pageById = <T extends { id: string }>(
  args: { first?: number | null; after?: string | null },
  what: string,
  total: () => Promise<number>,
  fetch: (after: string | null, limit: number) => Promise<T[]>,
): Promise<Page<T>> => pageByKey(args, what, byUuid<T>(), total, fetch);

/** Escapes LIKE wildcards in user text, so "50%" searches for "50%". */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
