import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { HubError, type EventHandler, type Viewer } from '@hub/common';
import type { schema } from '../db';
import { employerGrants, residents } from '../db/schema';
import { applyStatusChange } from '../register/status';
import { recordDelivery } from '../services/deliveries';

const referralMade = z.object({
  referralId: z.string().uuid(),
  residentId: z.string().uuid(),
  employerId: z.string().uuid(),
  vacancyTitle: z.string(),
  referredOn: z.string(),
  referredBy: z.string(),
});

const placementHired = z.object({
  residentId: z.string().uuid(),
  employerId: z.string().uuid(),
  vacancyId: z.string().uuid(),
  publicWelfare: z.boolean(),
  hiredOn: z.string(),
});

/** The employers service acts for the register when it reports a hire. */
const serviceViewer = (source: string): Viewer => ({ role: 'ADMIN', sub: `service:${source}` });

/** What the residents service does with other services' events. Each runs once per event id. */
export const residentEventHandlers: Record<string, EventHandler<typeof schema>> = {
  /** A referral by the employers service is a job delivered (送岗位) on the person's "311" clock. */
  'referral.made': async (tx, envelope) => {
    const referral = referralMade.parse(envelope.payload);
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, referral.residentId));
    if (!person) return; // Referred by id to someone not in this register: nothing to count.
    await tx.insert(employerGrants).values({ residentId: person.id, employerId: referral.employerId, grantedOn: referral.referredOn }).onConflictDoNothing();
    await recordDelivery(tx, {
      residentId: person.id,
      kind: 'JOB_REFERRAL',
      deliveredOn: referral.referredOn,
      source: envelope.source,
      note: `推荐至「${referral.vacancyTitle}」`,
      by: referral.referredBy,
    });
  },
  /** A hire through a referral is the person's employment: status, employer, registration closed, case closed. */
  'placement.hired': async (tx, envelope) => {
    const hire = placementHired.parse(envelope.payload);
    const [person] = await tx.select().from(residents).where(eq(residents.id, hire.residentId));
    if (!person) return;
    const next = hire.publicWelfare ? 'PUBLIC_WELFARE' : 'EMPLOYED';
    if (person.employmentStatus === next && person.employerId === hire.employerId) return;
    const effectiveOn = hire.hiredOn > person.statusSince ? hire.hiredOn : person.statusSince;
    try {
      await applyStatusChange(
        tx,
        serviceViewer(envelope.source),
        { residentId: person.id, next, effectiveOn, event: 'EMPLOYED', details: { employerId: hire.employerId, vacancyId: hire.vacancyId, via: 'referral' }, set: { employerId: hire.employerId } },
        `service:${envelope.source}`,
      );
    } catch (error) {
      // A hire the register cannot take (the person has since died or moved away) is kept out, not retried forever.
      if (!(error instanceof HubError)) throw error;
    }
  },
};
