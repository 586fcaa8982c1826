import { z } from 'zod';
import type { Db } from '../db';
import { graphqlRefusal, json, type RouteHandler } from '../http';
import type { Logger } from '../logger';
import { SignatureVerifier, signatureAudience } from '../signature';
import type { EventEnvelope, Tx } from './outbox';
import type { InboxTable } from './tables';

/** Applies one event inside the transaction that records it in the inbox. */
export type EventHandler<TSchema extends Record<string, unknown>> = (tx: Tx<TSchema>, envelope: EventEnvelope) => Promise<void>;

export interface EventRouteOptions<TSchema extends Record<string, unknown>> {
  /** This service's name: only events signed for it are taken. */
  service: string;
  db: Db<TSchema>;
  inbox: InboxTable;
  secret: string;
  maxAgeMs: number;
  log: Logger;
  handlers: Record<string, EventHandler<TSchema>>;
}

const envelopeSchema = z.object({
  eventId: z.uuid(),
  source: z.string().min(1),
  topic: z.string().min(1),
  aggregateId: z.string(),
  occurredAt: z.string(),
  payload: z.unknown(),
});

/**
 * `POST /events`: takes signed event envelopes from other services' dispatchers. The inbox row
 * and the handler's writes commit together, so an event is applied exactly once however often it
 * arrives; when the handler fails nothing is kept and the sender's retry runs it again.
 */
export function eventRoute<TSchema extends Record<string, unknown>>(options: EventRouteOptions<TSchema>): RouteHandler {
  const { db, inbox, handlers } = options;
  const log = options.log.child({ component: 'inbox' });
  const verifier = new SignatureVerifier(options.secret, options.maxAgeMs, signatureAudience(options.service, 'events'));

  return async (req) => {
    if (req.url.pathname !== '/events') return undefined;
    if (req.method !== 'POST') return graphqlRefusal(405, 'BAD_REQUEST', 'Send events with POST.');
    const verdict = verifier.verify(req.header, req.body);
    if (!verdict.ok) {
      log.warn({ reqId: req.requestId, reason: verdict.reason }, 'refused an event that no hub service signed');
      return graphqlRefusal(401, 'UNSIGNED_REQUEST', 'This endpoint accepts only events signed by a hub service.');
    }
    let envelope: EventEnvelope;
    try {
      envelope = envelopeSchema.parse(JSON.parse(req.body));
    } catch {
      return graphqlRefusal(400, 'BAD_REQUEST', 'The body is not an event envelope.');
    }
    const { eventId, source, topic } = envelope;
    const handler = Object.hasOwn(handlers, topic) ? handlers[topic] : undefined;
    try {
      const duplicate = await db.transaction(async (tx) => {
        const fresh = await tx
          .insert(inbox)
          .values({ source, eventId, topic })
          .onConflictDoNothing()
          .returning({ eventId: inbox.eventId });
        if (fresh.length === 0) return true;
        // Recorded even when nothing here handles the topic, so the inbox shows all that arrived
        // (a handler added later sees these events on replay only once their inbox rows are gone).
        await handler?.(tx, envelope);
        return false;
      });
      if (!handler) log.debug({ reqId: req.requestId, eventId, source, topic }, 'event of a topic this service ignores');
      return json(200, { accepted: true, duplicate });
    } catch (error) {
      log.error({ err: error, reqId: req.requestId, eventId, source, topic }, 'event handler failed');
      return graphqlRefusal(500, 'INTERNAL_SERVER_ERROR', 'The event was not applied; send it again.');
    }
  };
}
