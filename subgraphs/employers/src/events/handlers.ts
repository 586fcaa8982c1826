import { residentProfileHandler, type EventHandler } from '@hub/common';
import type { schema } from '../db';
import { jobseekers } from '../db/schema';

/** What the employers service does with other services' events. Each runs once per event id. */
export const employerEventHandlers: Record<string, EventHandler<typeof schema>> = {
  /** Keeps the latest profile of each person, for checking vacancy requirements at referral. */
  'resident.profile': residentProfileHandler(jobseekers),
};
