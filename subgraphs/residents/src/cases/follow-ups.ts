import { addDays, addMonths, daysBetween } from '@hub/common';
import type { CaseRow } from './sync';

/** Visits are monthly while a case is open, and monthly for six months of stable work after it closes. */
export const VISIT_INTERVAL_DAYS = 30;
export const STABILITY_MONTHS = 6;
/** An agreement (帮扶协议书) should be signed within a week of opening. */
export const AGREEMENT_DAYS = 7;

export type FollowUpKind = 'AGREEMENT' | 'VISIT' | 'STABILITY_VISIT';

export interface FollowUp {
  kind: FollowUpKind;
  dueOn: string;
}

/** The next follow-up a case needs, or null when none is due any more. */
export function nextFollowUp(c: CaseRow, visits: { visitedOn: string }[], asOf: string): FollowUp | null {
  if (c.status === 'OPEN') {
    if (!c.agreementSignedOn && addDays(c.openedOn, AGREEMENT_DAYS) < asOf) return { kind: 'AGREEMENT', dueOn: addDays(c.openedOn, AGREEMENT_DAYS) };
    const last = latest(visits.map((v) => v.visitedOn).filter((d) => d >= c.openedOn)) ?? c.openedOn;
    return { kind: 'VISIT', dueOn: addDays(last, VISIT_INTERVAL_DAYS) };
  }
  if (c.closeReason !== 'EMPLOYED' || !c.closedOn) return null;
  const until = addMonths(c.closedOn, STABILITY_MONTHS);
  const last = latest(visits.map((v) => v.visitedOn).filter((d) => d >= c.closedOn!)) ?? c.closedOn;
  const due = addDays(last, VISIT_INTERVAL_DAYS);
  return due <= until ? { kind: 'STABILITY_VISIT', dueOn: due } : null;
}

export function overdueBy(followUp: FollowUp | null, asOf: string): number {
  return followUp && followUp.dueOn < asOf ? daysBetween(followUp.dueOn, asOf) : 0;
}

const latest = (dates: string[]) => (dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : undefined);
