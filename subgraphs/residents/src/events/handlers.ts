import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { EventHandler } from '@hub/common';
import type { schema } from '../db';
import { residents } from '../db/schema';
import { recordDelivery } from '../services/deliveries';

const referralMade = z.object({
  referralId: z.string().uuid(),
  residentId: z.string().uuid(),
  vacancyTitle: z.string(),
  referredOn: z.string(),
  referredBy: z.string(),
});

/** What the residents service does with other services' events. Each runs once per event id. */
export const residentEventHandlers: Record<string, EventHandler<typeof schema>> = {
  /** A referral by the employers service is a job delivered (送岗位) on the person's "311" clock. */
  'referral.made': async (tx, envelope) => {
    const referral = referralMade.parse(envelope.payload);
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, referral.residentId));
    if (!person) return; // Referred by id to someone not in this register: nothing to count.
    await recordDelivery(tx, {
      residentId: person.id,
      kind: 'JOB_REFERRAL',
      deliveredOn: referral.referredOn,
      source: envelope.source,
      note: `推荐至「${referral.vacancyTitle}」`,
      by: referral.referredBy,
    });
  },
};
