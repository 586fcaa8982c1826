import { and, eq, isNull } from 'drizzle-orm';
import { registrations, serviceDeliveries, type ServiceKind } from '../db/schema';
import { recordEvents } from '../register/history';
import type { Tx } from '../register/tx';

/**
 * Records a service delivered to a person, counted against their open registration if they
 * have one, with the matching history event. Used by coordinators and by event consumers.
 */
export async function recordDelivery(
  tx: Tx,
  delivery: { residentId: string; kind: ServiceKind; deliveredOn: string; source: string; note: string | null; by: string },
) {
  const [open] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.residentId, delivery.residentId), isNull(registrations.closedOn)));
  const [row] = await tx
    .insert(serviceDeliveries)
    .values({
      residentId: delivery.residentId,
      registrationId: open?.id ?? null,
      kind: delivery.kind,
      deliveredOn: delivery.deliveredOn,
      source: delivery.source,
      note: delivery.note,
      recordedBy: delivery.by,
    })
    .returning();
  await recordEvents(tx, [
    { residentId: delivery.residentId, kind: 'SERVICE_DELIVERED', effectiveOn: delivery.deliveredOn, by: delivery.by, details: { kind: delivery.kind, note: delivery.note, source: delivery.source } },
  ]);
  return row!;
}
