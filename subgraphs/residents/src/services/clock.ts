import { addDays, daysBetween } from '@hub/common';
import type { ServiceKind } from '../db/schema';

/**
 * The "311" standard from the day of registration: three job referrals, one guidance session,
 * one training offer, and a policy explained; with the seed's limits: a job every week
 * (送岗位不过周), a policy within the month (送政策不过月), and a training request answered by
 * the next day (送培训不过夜).
 */
export const SERVICE_STANDARD: { kind: ServiceKind; dueAfterDays: number[] }[] = [
  { kind: 'JOB_REFERRAL', dueAfterDays: [7, 14, 21] },
  { kind: 'GUIDANCE', dueAfterDays: [30] },
  { kind: 'TRAINING_OFFER', dueAfterDays: [30] },
  { kind: 'POLICY', dueAfterDays: [30] },
];
export const TRAINING_REQUEST_ANSWER_DAYS = 1;

export type ClockKind = ServiceKind | 'TRAINING_REQUEST_ANSWER';
export type ClockState = 'DONE' | 'DONE_LATE' | 'PENDING' | 'OVERDUE';

export interface ClockItem {
  kind: ClockKind;
  /** 1 for the first of its kind, 2 for the second… */
  ordinal: number;
  dueOn: string;
  doneOn: string | null;
  state: ClockState;
  /** Days past the due date: how late it was done, or how late it is now. */
  daysLate: number;
}

function item(kind: ClockKind, ordinal: number, dueOn: string, doneOn: string | null, asOf: string): ClockItem {
  if (doneOn) {
    const late = Math.max(0, daysBetween(dueOn, doneOn));
    return { kind, ordinal, dueOn, doneOn, state: late ? 'DONE_LATE' : 'DONE', daysLate: late };
  }
  const late = Math.max(0, daysBetween(dueOn, asOf));
  return { kind, ordinal, dueOn, doneOn: null, state: late ? 'OVERDUE' : 'PENDING', daysLate: late };
}

/** Where a registered person's service clock stands on `asOf`. */
export function serviceClock(
  registeredOn: string,
  deliveries: { kind: ServiceKind; deliveredOn: string }[],
  trainingRequests: { requestedOn: string; answeredOn: string | null }[],
  asOf: string,
): ClockItem[] {
  const items: ClockItem[] = [];
  for (const { kind, dueAfterDays } of SERVICE_STANDARD) {
    const done = deliveries
      .filter((d) => d.kind === kind && d.deliveredOn >= registeredOn)
      .map((d) => d.deliveredOn)
      .sort();
    dueAfterDays.forEach((days, i) => items.push(item(kind, i + 1, addDays(registeredOn, days), done[i] ?? null, asOf)));
  }
  trainingRequests
    .filter((r) => r.requestedOn >= registeredOn)
    .sort((a, b) => a.requestedOn.localeCompare(b.requestedOn))
    .forEach((r, i) => items.push(item('TRAINING_REQUEST_ANSWER', i + 1, addDays(r.requestedOn, TRAINING_REQUEST_ANSWER_DAYS), r.answeredOn, asOf)));
  return items;
}
