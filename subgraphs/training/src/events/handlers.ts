import { z } from 'zod';
import { residentProfileHandler, type EventHandler } from '@hub/common';
import type { schema } from '../db';
import { jobseekers, placements } from '../db/schema';

const placementHired = z.object({
  referralId: z.string().uuid(),
  residentId: z.string().uuid(),
  employerId: z.string().uuid(),
  vacancyId: z.string().uuid(),
  hiredOn: z.string(),
});

/** What the training service does with other services' events. Each runs once per event id. */
export const trainingEventHandlers: Record<string, EventHandler<typeof schema>> = {
  'resident.profile': residentProfileHandler(jobseekers),
  /** Hires are what course outcomes are measured by. */
  'placement.hired': async (tx, envelope) => {
    const hire = placementHired.parse(envelope.payload);
    await tx.insert(placements).values(hire).onConflictDoNothing();
  },
};
