import type { ResidentEventKind } from '../db/schema';
import { residentEvents } from '../db/schema';
import type { Tx } from './tx';

export interface EventInput {
  residentId: string;
  kind: ResidentEventKind;
  effectiveOn: string;
  by: string;
  details?: Record<string, unknown>;
}

/** Appends to a person's history, in the transaction of the change it records. */
export async function recordEvents(tx: Tx, events: EventInput[]) {
  if (!events.length) return;
  await tx.insert(residentEvents).values(
    events.map((e) => ({ residentId: e.residentId, kind: e.kind, effectiveOn: e.effectiveOn, recordedBy: e.by, details: e.details ?? {} })),
  );
}
