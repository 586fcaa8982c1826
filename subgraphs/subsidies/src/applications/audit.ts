import type { Tx } from '@hub/common';
import type { schema } from '../db';
import { applicationEvents, auditSteps } from '../db/schema';

/** Adds a step to the application's audit trail, in the transaction of the step itself. */
export async function recordStep(
  tx: Tx<typeof schema>,
  step: { applicationId: string; step: (typeof auditSteps)[number]; by: string; note?: string | null },
) {
  await tx.insert(applicationEvents).values({ ...step, note: step.note ?? null });
}
