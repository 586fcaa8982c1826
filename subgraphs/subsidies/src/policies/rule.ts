import type { DifficultyGroup, EmploymentStatus } from '@hub/common';

/** What a rule may look at: fields the residents subgraph provides through federation. */
export interface PersonFacts {
  age: number;
  gender: 'MALE' | 'FEMALE';
  employmentStatus: EmploymentStatus;
  difficultyGroups: DifficultyGroup[];
}

/**
 * An eligibility rule held as data: conditions over a person's facts, combined with all/any.
 * Every leaf carries the sentence a coordinator reads out when it is met or missing.
 */
export type Rule =
  | { all: Rule[] }
  | { any: Rule[]; label: string }
  | { fact: 'age'; op: 'atLeast' | 'below'; value: number; label: string }
  | { fact: 'gender'; op: 'is'; value: PersonFacts['gender']; label: string }
  | { fact: 'employmentStatus'; op: 'in'; value: EmploymentStatus[]; label: string }
  | { fact: 'difficultyGroups'; op: 'includesAny'; value: DifficultyGroup[]; label: string };

export interface Verdict {
  eligible: boolean;
  met: string[];
  missing: string[];
}

export function evaluate(rule: Rule, facts: PersonFacts): Verdict {
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

function holds(rule: Exclude<Rule, { all: Rule[] } | { any: Rule[] }>, facts: PersonFacts): boolean {
  switch (rule.fact) {
    case 'age':
      return rule.op === 'atLeast' ? facts.age >= rule.value : facts.age < rule.value;
    case 'gender':
      return facts.gender === rule.value;
    case 'employmentStatus':
      return rule.value.includes(facts.employmentStatus);
    case 'difficultyGroups':
      return rule.value.some((group) => facts.difficultyGroups.includes(group));
  }
}
