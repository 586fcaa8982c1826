import { queueForIndex } from '@hub/common/search';
import type { ResidentEventKind } from '../db/schema';
import { residentEvents, searchQueue } from '../db/schema';
import { JOBSEEKER_INDEX } from '../search/jobseeker-index';
import type { Tx } from './tx';

export interface EventInput {
  residentId: string;
  kind: ResidentEventKind;
  effectiveOn: string;
  by: string;
  details?: Record<string, unknown>;
}

/**
 * Appends to a person's history, in the transaction of the change it records. Every change to a
 * person passes here, so here the person is queued for the jobseeker index too.
 */
export async function recordEvents(tx: Tx, events: EventInput[]) {
  if (!events.length) return;
  await queueForIndex(tx, searchQueue, JOBSEEKER_INDEX, events.map((e) => e.residentId));
  await tx.insert(residentEvents).values(
    events.map((e) => ({ residentId: e.residentId, kind: e.kind, effectiveOn: e.effectiveOn, recordedBy: e.by, details: e.details ?? {} })),
  );
}
