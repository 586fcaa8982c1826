import { z } from 'zod';
import { DIFFICULTY_GROUPS, EMPLOYMENT_STATUSES, GENDERS, regionContains, type DifficultyGroup, type EmploymentStatus } from '@hub/common';

/**
 * What a rule may look at. Person facts come from the residents service (and course passes from
 * training), employer facts from the employers and training services, all through federation
 * (`@requires`); the policy calculator takes them as typed in. A fact that is not known fails
 * every condition on it.
 */
export interface Facts {
  age?: number | null;
  gender?: 'MALE' | 'FEMALE' | null;
  employmentStatus?: EmploymentStatus | null;
  difficultyGroups?: DifficultyGroup[] | null;
  /** Whole months since registering unemployed; 0 for anyone not unemployed. */
  monthsUnemployed?: number | null;
  /** Courses passed at a centre accredited on the day (职业培训补贴). */
  accreditedCoursesPassed?: number | null;
  /** The person's community or the employer's district. */
  regionCode?: string | null;
  /** People hired through referrals who were hard-to-employ that day (招用就业困难人员). */
  hardToEmployHires?: number | null;
  /** Graduates of the employer's order-based courses at accredited centres (订单式培训). */
  orderedTrainingGraduates?: number | null;
}

export const NUMERIC_FACTS = ['age', 'monthsUnemployed', 'accreditedCoursesPassed', 'hardToEmployHires', 'orderedTrainingGraduates'] as const;
export type NumericFact = (typeof NUMERIC_FACTS)[number];

/**
 * An eligibility rule held as data: conditions over facts, combined with all/any. Every leaf
 * carries the sentence a coordinator reads out when it is met or missing.
 */
export type Rule =
  | { all: Rule[] }
  | { any: Rule[]; label: string }
  | { fact: NumericFact; op: 'atLeast' | 'below'; value: number; label: string }
  | { fact: 'gender'; op: 'is'; value: 'MALE' | 'FEMALE'; label: string }
  | { fact: 'employmentStatus'; op: 'in'; value: EmploymentStatus[]; label: string }
  | { fact: 'difficultyGroups'; op: 'includesAny'; value: DifficultyGroup[]; label: string }
  | { fact: 'regionCode'; op: 'within'; value: string[]; label: string };

const label = z.string().trim().min(2).max(200);

/** The same shape as `Rule`, for rules an administrator publishes. */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ruleSchema).min(1) }).strict(),
    z.object({ any: z.array(ruleSchema).min(1), label }).strict(),
    z.object({ fact: z.enum(NUMERIC_FACTS), op: z.enum(['atLeast', 'below']), value: z.number().int().min(0), label }).strict(),
    z.object({ fact: z.literal('gender'), op: z.literal('is'), value: z.enum(GENDERS), label }).strict(),
    z.object({ fact: z.literal('employmentStatus'), op: z.literal('in'), value: z.array(z.enum(EMPLOYMENT_STATUSES)).min(1), label }).strict(),
    z.object({ fact: z.literal('difficultyGroups'), op: z.literal('includesAny'), value: z.array(z.enum(DIFFICULTY_GROUPS)).min(1), label }).strict(),
    z.object({ fact: z.literal('regionCode'), op: z.literal('within'), value: z.array(z.string().regex(/^\d{2,12}$/)).min(1), label }).strict(),
  ]),
) as z.ZodType<Rule>;

export interface Verdict {
  eligible: boolean;
  met: string[];
  missing: string[];
}

export function evaluate(rule: Rule, facts: Facts): Verdict {
  if ('all' in rule) {
    const parts = rule.all.map((r) => evaluate(r, facts));
    return {
      eligible: parts.every((p) => p.eligible),
      met: parts.flatMap((p) => p.met),
      missing: parts.flatMap((p) => p.missing),
    };
  }
  if ('any' in rule) {
    const parts = rule.any.map((r) => evaluate(r, facts));
    const passed = parts.find((p) => p.eligible);
    return passed ? { eligible: true, met: [rule.label, ...passed.met], missing: [] } : { eligible: false, met: [], missing: [rule.label] };
  }
  const ok = holds(rule, facts);
  return { eligible: ok, met: ok ? [rule.label] : [], missing: ok ? [] : [rule.label] };
}

function holds(rule: Exclude<Rule, { all: Rule[] } | { any: Rule[] }>, facts: Facts): boolean {
  switch (rule.fact) {
    case 'gender':
      return facts.gender === rule.value;
    case 'employmentStatus':
      return facts.employmentStatus != null && rule.value.includes(facts.employmentStatus);
    case 'difficultyGroups':
      return rule.value.some((group) => facts.difficultyGroups?.includes(group) ?? false);
    case 'regionCode':
      return facts.regionCode != null && rule.value.some((code) => regionContains(code, facts.regionCode!));
    default: {
      const value = facts[rule.fact];
      if (value == null) return false;
      return rule.op === 'atLeast' ? value >= rule.value : value < rule.value;
    }
  }
}

/** The conditions in words, as the policy lists them. */
export function conditionLabels(rule: Rule): string[] {
  if ('all' in rule) return rule.all.flatMap(conditionLabels);
  return [rule.label];
}
