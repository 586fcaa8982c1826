import { sql } from 'drizzle-orm';
import type { Logger } from '@hub/common';
import type { SubsidiesDb } from '../db';
import { subsidyPolicies } from '../db/schema';
import { PROGRAMMES } from './programmes';

/**
 * Puts the shipped programmes in the policy table. Idempotent: an unchanged programme is left
 * alone; a changed one is updated and its version goes up.
 */
export async function seedPolicies(db: SubsidiesDb, log: Logger) {
  await db
    .insert(subsidyPolicies)
    .values(PROGRAMMES.map((p) => ({ ...p, validFrom: '2010-01-01' })))
    .onConflictDoUpdate({
      target: subsidyPolicies.code,
      set: {
        name: sql`excluded.name`,
        kind: sql`excluded.kind`,
        legalBasis: sql`excluded.legal_basis`,
        rule: sql`excluded.rule`,
        version: sql`${subsidyPolicies.version} + 1`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${subsidyPolicies.name}, ${subsidyPolicies.legalBasis}, ${subsidyPolicies.rule}) is distinct from (excluded.name, excluded.legal_basis, excluded.rule)`,
    });
  log.debug({ policies: PROGRAMMES.length }, 'subsidy policies in place');
}
