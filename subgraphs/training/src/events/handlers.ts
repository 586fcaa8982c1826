import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { residentProfileHandler, type EventHandler } from '@hub/common';
import type { schema } from '../db';
import { jobseekers, placements, vacancyFacts } from '../db/schema';

const placementHired = z.object({
  referralId: z.string().uuid(),
  residentId: z.string().uuid(),
  employerId: z.string().uuid(),
  vacancyId: z.string().uuid(),
  hiredOn: z.string(),
});

const vacancyChanged = z.object({
  vacancyId: z.string().uuid(),
  employerId: z.string().uuid(),
  title: z.string(),
  occupation: z.string(),
  status: z.string(),
  headcount: z.number().int(),
  filledCount: z.number().int(),
  locationCode: z.string(),
});

/** What the training service does with other services' events. Each runs once per event id. */
export const trainingEventHandlers: Record<string, EventHandler<typeof schema>> = {
  'resident.profile': residentProfileHandler(jobseekers),
  /** Keeps each vacancy as last announced; a late, older announcement changes nothing. */
  'vacancy.changed': async (tx, envelope) => {
    const v = vacancyChanged.parse(envelope.payload);
    const row = { ...v, changedAt: new Date(envelope.occurredAt) };
    const { vacancyId: _key, ...columns } = row;
    await tx
      .insert(vacancyFacts)
      .values(row)
      .onConflictDoUpdate({ target: vacancyFacts.vacancyId, set: columns, setWhere: sql`${vacancyFacts.changedAt} <= excluded.changed_at` });
  },
  /** Hires are what course outcomes are measured by. */
  'placement.hired': async (tx, envelope) => {
    const hire = placementHired.parse(envelope.payload);
    await tx.insert(placements).values(hire).onConflictDoNothing();
  },
};
