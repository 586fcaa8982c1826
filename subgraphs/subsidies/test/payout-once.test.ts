import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueViolation } from '@hub/common';
import { serviceTestDatabase } from '@hub/common/testing';
import { subsidiesSubgraph } from '../src/app';
import type { schema } from '../src/db';
import { applications, payouts, subsidyPolicies } from '../src/db/schema';

/**
 * Racing payments through the API meet on the application's row lock first, so they never show
 * that the ledger itself pays a period once. Here two applications for the same beneficiary,
 * policy and month each get a payment straight in the database, as code that skipped the checks
 * (or a second application approved by mistake) would write them.
 */
describe('one payment per beneficiary, policy and period', () => {
  let database: Awaited<ReturnType<typeof serviceTestDatabase<typeof schema>>>;

  beforeAll(async () => {
    database = await serviceTestDatabase(subsidiesSubgraph);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('is refused by the unique index (SQLSTATE 23505) even when the payments belong to different applications', async () => {
    const db = database.db;
    const [policy] = await db
      .insert(subsidyPolicies)
      .values({ code: 'TEST_ONCE', name: '测试', kind: 'PERSON', legalBasis: '测试', rule: { all: [] }, amount: { kind: 'MONTHLY', fenPerMonth: 100, maxMonths: 12 }, validFrom: '2020-01-01' })
      .returning();
    const beneficiaryId = '00000000-0000-4000-8000-000000000002';
    const application = (status: 'PAID' | 'SUBMITTED', idempotencyKey: string) => ({
      idempotencyKey, requestHash: 'h', policyId: policy!.id, policyCode: 'TEST_ONCE', beneficiaryKind: 'PERSON' as const,
      beneficiaryId, regionCode: '211402001001', appliedOn: '2026-11-01', period: '2026-11',
      amountFen: 100, documents: [], facts: {}, metConditions: [], status, submittedBy: 'a', submittedBySub: 'a',
    });
    const [first, second] = await db.insert(applications).values([application('PAID', 'k-once-0001'), application('SUBMITTED', 'k-once-0002')]).returning();
    expect(first!.id).not.toBe(second!.id);
    const payment = (applicationId: string, reference: string) => ({
      applicationId, kind: 'PAYMENT' as const, beneficiaryId, policyCode: 'TEST_ONCE', period: '2026-11', amountFen: 100, reference, paidOn: '2026-11-02', recordedBy: 'b',
    });
    await db.insert(payouts).values(payment(first!.id, 'YH-ONCE-1'));

    let error: unknown;
    await db.insert(payouts).values(payment(second!.id, 'YH-ONCE-2')).catch((e: unknown) => (error = e));
    expect(error).toMatchObject({ cause: { code: '23505' } });
    expect(uniqueViolation(error)).toBe('payouts_once_per_period');
    const ledger = await db.select({ reference: payouts.reference }).from(payouts).where(and(eq(payouts.beneficiaryId, beneficiaryId), eq(payouts.period, '2026-11')));
    expect(ledger).toEqual([{ reference: 'YH-ONCE-1' }]);
  });
});
