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

/**
 * Keyset pagination by id: stable under inserts, no OFFSET scans. `fetch` gets the cursor and
 * asks for one row more than the page, which tells whether another page follows.
 */
export async function pageById<T extends { id: string }>(
  args: { first?: number | null; after?: string | null },
  what: string,
  total: () => Promise<number>,
  fetch: (after: string | null, limit: number) => Promise<T[]>,
): Promise<Page<T>> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `Ask for 0 to ${MAX_PAGE} ${what} at a time.`, { field: 'first' });
  }
  if (args.after && !isUuid(args.after)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'That cursor is not valid.', { field: 'after' });
  const [totalCount, rows] = await Promise.all([total(), fetch(args.after ?? null, first + 1)]);
  const nodes = rows.slice(0, first);
  return { totalCount, nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > first };
}

/** Escapes LIKE wildcards in user text, so "50%" searches for "50%". */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
