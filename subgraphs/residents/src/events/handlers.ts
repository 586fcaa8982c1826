import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { HubError, type EventHandler, type Viewer } from '@hub/common';
import type { schema } from '../db';
import { centreGrants, employerGrants, residents, residentSkills, trainingRequests } from '../db/schema';
import { recordEvents } from '../register/history';
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

const enrolmentMade = z.object({
  residentId: z.string().uuid(),
  /** Sent since the centre grant; events from before it name no centre and grant nothing. */
  centreId: z.string().uuid().optional(),
  courseTitle: z.string(),
  enrolledOn: z.string(),
  enrolledBy: z.string(),
});

const trainingCompleted = z.object({
  residentId: z.string().uuid(),
  courseTitle: z.string(),
  skills: z.array(z.string()),
  certificateLevel: z.number().int().min(1).max(5).nullable(),
  certificateNumber: z.string().nullable(),
  completedOn: z.string(),
});

const policyDelivered = z.object({
  residentId: z.string().uuid(),
  policyName: z.string(),
  channel: z.string(),
  deliveredOn: z.string(),
  deliveredBy: z.string(),
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
  /**
   * An enrolment is a training offer (送培训) on the clock, and the answer to any open training request;
   * the centre may now see what running the course needs of the person.
   */
  'enrolment.made': async (tx, envelope) => {
    const enrolment = enrolmentMade.parse(envelope.payload);
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, enrolment.residentId));
    if (!person) return;
    if (enrolment.centreId) {
      await tx.insert(centreGrants).values({ residentId: person.id, centreId: enrolment.centreId, grantedOn: enrolment.enrolledOn }).onConflictDoNothing();
    }
    const note = `报名「${enrolment.courseTitle}」`;
    await recordDelivery(tx, { residentId: person.id, kind: 'TRAINING_OFFER', deliveredOn: enrolment.enrolledOn, source: envelope.source, note, by: enrolment.enrolledBy });
    const answered = await tx
      .update(trainingRequests)
      .set({ answeredOn: enrolment.enrolledOn, answer: note })
      .where(and(eq(trainingRequests.residentId, person.id), isNull(trainingRequests.answeredOn), lte(trainingRequests.requestedOn, enrolment.enrolledOn)))
      .returning();
    await recordEvents(
      tx,
      answered.map((r) => ({ residentId: person.id, kind: 'TRAINING_REQUEST_ANSWERED' as const, effectiveOn: enrolment.enrolledOn, by: enrolment.enrolledBy, details: { requestId: r.id, answer: note } })),
    );
  },
  /** A policy explained by the subsidies service is the policy delivered (送政策) on the person's "311" clock. */
  'policy.delivered': async (tx, envelope) => {
    const delivery = policyDelivered.parse(envelope.payload);
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, delivery.residentId));
    if (!person) return;
    await recordDelivery(tx, {
      residentId: person.id,
      kind: 'POLICY',
      deliveredOn: delivery.deliveredOn,
      source: envelope.source,
      note: `讲解「${delivery.policyName}」（${delivery.channel}）`,
      by: delivery.deliveredBy,
    });
  },
  /** A passed course adds its skills at the certificate level (a better level already held is kept). */
  'training.completed': async (tx, envelope) => {
    const done = trainingCompleted.parse(envelope.payload);
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, done.residentId));
    if (!person) return;
    const held = await tx.select().from(residentSkills).where(eq(residentSkills.residentId, person.id));
    const before = held.map((s) => s.name);
    for (const name of done.skills) {
      await tx
        .insert(residentSkills)
        .values({ residentId: person.id, name, certificateLevel: done.certificateLevel })
        .onConflictDoUpdate({
          target: [residentSkills.residentId, residentSkills.name],
          set: { certificateLevel: sql`least(coalesce(${residentSkills.certificateLevel}, excluded.certificate_level), coalesce(excluded.certificate_level, ${residentSkills.certificateLevel}))` },
        });
    }
    await recordEvents(tx, [
      {
        residentId: person.id,
        kind: 'SKILLS_CHANGED',
        effectiveOn: done.completedOn,
        by: `service:${envelope.source}`,
        details: { from: before, to: [...new Set([...before, ...done.skills])], course: done.courseTitle, certificateNumber: done.certificateNumber, level: done.certificateLevel },
      },
    ]);
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
