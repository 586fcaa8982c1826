import { z } from 'zod';
import type { Facts } from './rule';

/** Facts an amount may be multiplied by: per person hired, per graduate. */
export const UNIT_FACTS = ['hardToEmployHires', 'orderedTrainingGraduates'] as const;
export type UnitFact = (typeof UNIT_FACTS)[number];

/**
 * How much a policy pays for one period (a month), in integer fen (分): a fixed sum, a sum per
 * month with a cap on the number of months paid, or a share of a base the application states
 * (a loan's principal, a course fee) with a cap. Fixed and monthly sums may be per unit; the cap
 * counts periods (applications approved), whatever the number of units in each.
 */
export type AmountRule =
  /** `maxPeriods`: how many periods are ever paid to one beneficiary; a fixed sum is one-off unless it says otherwise. */
  | { kind: 'FIXED'; fen: number; per?: UnitFact; maxPeriods?: number }
  | { kind: 'MONTHLY'; fenPerMonth: number; maxMonths: number; per?: UnitFact }
  | { kind: 'SHARE'; basisPoints: number; capFen: number; base: string };

const fen = z.number().int().min(1).max(100_000_000);

export const amountSchema: z.ZodType<AmountRule> = z.union([
  z.object({ kind: z.literal('FIXED'), fen, per: z.enum(UNIT_FACTS).optional(), maxPeriods: z.number().int().min(1).max(120).optional() }).strict(),
  z.object({ kind: z.literal('MONTHLY'), fenPerMonth: fen, maxMonths: z.number().int().min(1).max(120), per: z.enum(UNIT_FACTS).optional() }).strict(),
  z.object({ kind: z.literal('SHARE'), basisPoints: z.number().int().min(1).max(10_000), capFen: fen, base: z.string().trim().min(2).max(50) }).strict(),
]);

/** The most periods ever paid to one beneficiary under a programme, or null for no cap (SHARE). */
export function maxPeriods(rule: AmountRule): number | null {
  if (rule.kind === 'MONTHLY') return rule.maxMonths;
  if (rule.kind === 'FIXED') return rule.maxPeriods ?? 1;
  return null;
}

/** One period's amount, or null when it depends on a base that was not given. */
export function amountFor(rule: AmountRule, facts: Facts, baseFen?: number | null): number | null {
  if (rule.kind === 'SHARE') return baseFen == null ? null : Math.min(rule.capFen, Math.floor((baseFen * rule.basisPoints) / 10_000));
  const units = rule.per ? Math.max(0, facts[rule.per] ?? 0) : 1;
  return (rule.kind === 'FIXED' ? rule.fen : rule.fenPerMonth) * units;
}

/** ¥1,234.50 */
export const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}¥${Math.floor(Math.abs(fen) / 100).toLocaleString('en')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

const PER: Record<UnitFact, string> = { hardToEmployHires: 'per hard-to-employ person hired', orderedTrainingGraduates: 'per graduate of its order-based courses' };

/** The amount rule in words, for the coordinator explaining it. */
export function describeAmount(rule: AmountRule): string {
  switch (rule.kind) {
    case 'FIXED':
      return `${yuan(rule.fen)}${rule.per ? ` ${PER[rule.per]}` : ''}, ${(rule.maxPeriods ?? 1) === 1 ? 'once' : `for at most ${rule.maxPeriods} periods`}`;
    case 'MONTHLY':
      return `${yuan(rule.fenPerMonth)} a month${rule.per ? ` ${PER[rule.per]}` : ''}, for at most ${rule.maxMonths} months`;
    case 'SHARE':
      return `${rule.basisPoints / 100}% of ${rule.base}, at most ${yuan(rule.capFen)}`;
  }
}
