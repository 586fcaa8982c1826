import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueViolation } from '@hub/common';
import { databaseRefusal as refusal, serviceTestDatabase } from '@hub/common/testing';
import { subsidiesSubgraph } from '../src/app';
import type { schema } from '../src/db';
import { applicationEvents, applications, payouts, subsidyPolicies } from '../src/db/schema';

/**
 * The audit trail and the payout ledger refuse edits in the database itself, whatever code runs
 * against it: on PostgreSQL when DATABASE_URL names a server, on embedded PGlite otherwise.
 */

describe('append-only tables', () => {
  let database: Awaited<ReturnType<typeof serviceTestDatabase<typeof schema>>>;

  beforeAll(async () => {
    database = await serviceTestDatabase(subsidiesSubgraph);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the audit trail and the ledger, and keeps the rows', async () => {
    const db = database.db;
    const [policy] = await db
      .insert(subsidyPolicies)
      .values({ code: 'TEST', name: '测试', kind: 'PERSON', legalBasis: '测试', rule: { all: [] }, amount: { kind: 'FIXED', fen: 100 }, validFrom: '2020-01-01' })
      .returning();
    const [application] = await db
      .insert(applications)
      .values({
        idempotencyKey: 'k-00000001', requestHash: 'h', policyId: policy!.id, policyCode: 'TEST', beneficiaryKind: 'PERSON',
        beneficiaryId: '00000000-0000-4000-8000-000000000001', regionCode: '211402001001', appliedOn: '2026-11-01', period: '2026-11',
        amountFen: 100, documents: [], facts: {}, metConditions: [], status: 'PAID', submittedBy: 'a', submittedBySub: 'a',
      })
      .returning();
    await db.insert(applicationEvents).values({ applicationId: application!.id, step: 'SUBMITTED', by: 'a' });
    const [payment] = await db
      .insert(payouts)
      .values({ applicationId: application!.id, kind: 'PAYMENT', beneficiaryId: application!.beneficiaryId, policyCode: 'TEST', period: '2026-11', amountFen: 100, reference: 'YH-1', paidOn: '2026-11-02', recordedBy: 'b' })
      .returning();

    for (const statement of [
      sql`update subsidies.application_events set by = 'someone else'`,
      sql`delete from subsidies.application_events`,
      sql`truncate subsidies.application_events`,
      sql`update subsidies.payouts set amount_fen = 1 where id = ${payment!.id}`,
      sql`delete from subsidies.payouts`,
      sql`truncate subsidies.payouts`,
    ]) {
      expect(await refusal(() => db.execute(statement))).toMatch(/append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    expect(await db.select({ by: applicationEvents.by }).from(applicationEvents)).toEqual([{ by: 'a' }]);
    expect(await db.select({ amountFen: payouts.amountFen }).from(payouts)).toEqual([{ amountFen: 100 }]);
    // A second payment for the same beneficiary, policy and month is refused by the unique index.
    const again = () =>
      db.insert(payouts).values({ applicationId: application!.id, kind: 'PAYMENT', beneficiaryId: application!.beneficiaryId, policyCode: 'TEST', period: '2026-11', amountFen: 100, reference: 'YH-2', paidOn: '2026-11-03', recordedBy: 'b' });
    let error: unknown;
    await again().catch((e: unknown) => (error = e));
    expect(uniqueViolation(error)).toBe('payouts_once_per_period');
  });
});
