import type { Logger } from '@hub/common';
import type { SubsidiesDb } from '../db';
import { subsidyPolicies } from '../db/schema';
import { PROGRAMMES } from './programmes';

/**
 * Puts the shipped programme versions in the policy table. Idempotent, and a version already in
 * place is left as it is: applications may have been judged by it.
 */
export async function seedPolicies(db: SubsidiesDb, log: Logger) {
  const rows = PROGRAMMES.flatMap(({ versions, ...programme }) => versions.map((v) => ({ ...programme, ...v, validTo: v.validTo ?? null })));
  await db.insert(subsidyPolicies).values(rows).onConflictDoNothing({ target: [subsidyPolicies.code, subsidyPolicies.version] });
  log.debug({ versions: rows.length }, 'subsidy policies in place');
}
