import { and, asc, desc, eq, inArray, like, lt, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { SubsidiesDb } from '../db';
import { applications, payouts, subsidyPolicies } from '../db/schema';

export interface MonthLine {
  month: number;
  policyCode: string;
  approvedCount: number;
  approvedFen: number;
  paidCount: number;
  /** Payments less reversals recorded in the month. */
  paidFen: number;
}

const inRegion = (code: string) => like(applications.regionCode, `${code}%`);

/**
 * Amounts approved (by the month of the decision) and paid (by the month of the ledger entry,
 * reversals subtracted) per programme and month of `year`, for applicants in the region.
 */
export async function monthLines(db: SubsidiesDb, regionCode: string, year: number): Promise<MonthLine[]> {
  // Months are counted in UTC, as every date in the hub is (todayIso).
  const approvedMonth = sql<number>`extract(month from ${applications.decidedAt} at time zone 'UTC')::int`;
  const paidMonth = sql<number>`extract(month from ${payouts.paidOn})::int`;
  const [approved, paid] = await Promise.all([
    db
      .select({ month: approvedMonth, policyCode: applications.policyCode, n: sql<number>`count(*)::int`, fen: sql<number>`sum(${applications.amountFen})::bigint` })
      .from(applications)
      .where(and(inRegion(regionCode), inArray(applications.status, ['APPROVED', 'PAID']), sql`extract(year from ${applications.decidedAt} at time zone 'UTC') = ${year}`))
      .groupBy(approvedMonth, applications.policyCode),
    db
      .select({
        month: paidMonth,
        policyCode: payouts.policyCode,
        n: sql<number>`count(*) filter (where ${payouts.kind} = 'PAYMENT')::int`,
        fen: sql<number>`sum(${payouts.amountFen})::bigint`,
      })
      .from(payouts)
      .innerJoin(applications, eq(applications.id, payouts.applicationId))
      .where(and(inRegion(regionCode), sql`extract(year from ${payouts.paidOn}) = ${year}`))
      .groupBy(paidMonth, payouts.policyCode),
  ]);
  const lines = new Map<string, MonthLine>();
  const line = (month: number, policyCode: string) => {
    const key = `${month}/${policyCode}`;
    let found = lines.get(key);
    if (!found) lines.set(key, (found = { month, policyCode, approvedCount: 0, approvedFen: 0, paidCount: 0, paidFen: 0 }));
    return found;
  };
  for (const a of approved) Object.assign(line(a.month, a.policyCode), { approvedCount: a.n, approvedFen: Number(a.fen) });
  for (const p of paid) Object.assign(line(p.month, p.policyCode), { paidCount: p.n, paidFen: Number(p.fen) });
  return [...lines.values()].sort((a, b) => a.month - b.month || a.policyCode.localeCompare(b.policyCode));
}

/** People and employers paid under each programme in `year`, counting payments not reversed. */
export async function peopleHelped(db: SubsidiesDb, regionCode: string, year: number): Promise<{ policyCode: string; beneficiaries: number }[]> {
  const reversal = alias(payouts, 'reversal');
  return db
    .select({ policyCode: payouts.policyCode, beneficiaries: sql<number>`count(distinct ${payouts.beneficiaryId})::int` })
    .from(payouts)
    .innerJoin(applications, eq(applications.id, payouts.applicationId))
    .where(
      and(
        inRegion(regionCode),
        eq(payouts.kind, 'PAYMENT'),
        sql`extract(year from ${payouts.paidOn}) = ${year}`,
        notExists(db.select({ id: reversal.id }).from(reversal).where(eq(reversal.reverses, payouts.id))),
      ),
    )
    .groupBy(payouts.policyCode)
    .orderBy(asc(payouts.policyCode));
}

/** Applications in the region still undecided, or approved and unpaid, after `limitDays` days: the oldest first. */
export function waitingTooLong(db: SubsidiesDb, regionCode: string, limitDays: number) {
  const before = sql`now() - (${limitDays}::int * interval '1 day')`;
  return db
    .select()
    .from(applications)
    .where(
      and(
        inRegion(regionCode),
        or(and(eq(applications.status, 'SUBMITTED'), lt(applications.submittedAt, before)), and(eq(applications.status, 'APPROVED'), lt(applications.decidedAt, before))),
      ),
    )
    .orderBy(asc(applications.submittedAt));
}

/** The name each programme goes by now (its latest version's). */
export async function programmeNames(db: SubsidiesDb): Promise<Map<string, string>> {
  const rows = await db.selectDistinctOn([subsidyPolicies.code], { code: subsidyPolicies.code, name: subsidyPolicies.name }).from(subsidyPolicies).orderBy(subsidyPolicies.code, desc(subsidyPolicies.version));
  return new Map(rows.map((r) => [r.code, r.name]));
}
