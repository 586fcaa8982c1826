import { loadGatewayConfig } from '@hub/gateway';
import { issueToken } from '@hub/gateway/auth';
import { graphql } from '@hub/common/testing';

/** The hub's search indexes and the admin fields each one has (see addSearchAdminFields). */
export const INDEXES = {
  vacancies: 'vacancy',
  jobseekers: 'jobseeker',
  courses: 'course',
} as const;
export type IndexName = keyof typeof INDEXES;

export const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** An admin client of the running hub's gateway (GATEWAY_URL, default port 4000). */
export async function adminClient() {
  const config = loadGatewayConfig();
  const token = await issueToken({ role: 'ADMIN', sub: 'search-admin' }, { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  return async function call<T>(query: string): Promise<T> {
    const result = await graphql<T>(url, query, {}, { token });
    if (result.errors?.length || !result.data) throw new Error(result.errors?.map((e) => e.message).join('; ') ?? `HTTP ${result.status}`);
    return result.data;
  };
}

export function indexNamesFrom(args: string[]): IndexName[] {
  const names = args.filter((a) => !a.startsWith('-'));
  for (const n of names) if (!(n in INDEXES)) throw new Error(`Unknown index ${n}; the indexes are ${Object.keys(INDEXES).join(', ')}.`);
  return (names.length ? names : Object.keys(INDEXES)) as IndexName[];
}
