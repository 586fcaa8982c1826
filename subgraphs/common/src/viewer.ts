import { z } from 'zod';
import { forbidden, HubError, ErrorCode } from './errors';

/** Who is asking, as the gateway established from a verified token. */
export const viewerSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('ADMIN'), sub: z.string() }),
  /** 协理员 and street/district/city staff: their region code bounds what they may see. */
  z.object({ role: z.literal('COORDINATOR'), sub: z.string(), regionCode: z.string().regex(/^\d{2,12}$/) }),
  z.object({ role: z.literal('EMPLOYER'), sub: z.string(), employerId: z.string().uuid() }),
  z.object({ role: z.literal('TRAINING_CENTRE'), sub: z.string(), centreId: z.string().uuid() }),
]);
export type Viewer = z.infer<typeof viewerSchema>;
export type Role = Viewer['role'];

/**
 * Region codes nest by prefix (GB/T 2260 and the statistical village codes): a community
 * 211402001001 lies in street 211402001, district 211402 and city 2114.
 */
export function regionContains(ancestor: string, code: string): boolean {
  return code.startsWith(ancestor);
}

/** May this viewer see the personal data of someone registered in `communityCode`? */
export function canSeePersonalData(viewer: Viewer | null, communityCode: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'ADMIN') return true;
  return viewer.role === 'COORDINATOR' && regionContains(viewer.regionCode, communityCode);
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Please sign in: this needs a valid token.');
  return viewer;
}

export function requireRole<R extends Role>(viewer: Viewer | null, ...roles: R[]): Extract<Viewer, { role: R }> {
  const v = requireViewer(viewer);
  if (!(roles as Role[]).includes(v.role)) {
    throw forbidden(`Only ${roles.join(' or ')} may do this; you are signed in as ${v.role}.`);
  }
  return v as Extract<Viewer, { role: R }>;
}

/** Staff may act in `code` only when it lies inside their own region. */
export function requireRegionAccess(viewer: Viewer | null, code: string): Viewer {
  const v = requireRole(viewer, 'ADMIN', 'COORDINATOR');
  if (v.role === 'COORDINATOR' && !regionContains(v.regionCode, code)) {
    throw forbidden(`Region ${code} is outside your region ${v.regionCode}.`);
  }
  return v;
}

export function encodeViewer(viewer: Viewer | null): string {
  return viewer ? Buffer.from(JSON.stringify(viewer)).toString('base64url') : '';
}

export function decodeViewer(header: string): Viewer | null {
  if (!header) return null;
  return viewerSchema.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
}

/** How a change is attributed in records: the role and subject of the signed-in viewer. */
export function actorOf(viewer: Viewer | null): string {
  if (!viewer) return 'system';
  return viewer.role === 'COORDINATOR' ? `COORDINATOR:${viewer.sub}@${viewer.regionCode}` : `${viewer.role}:${viewer.sub}`;
}

/**
 * Facts read from another service through `@requires`: nothing is worked out from part of them.
 * A fact that service withheld from the viewer comes as null. One that never came is the query
 * planner's doing: it skips a field's own `@requires` when that field is itself required by
 * another service's field on an entity reached inside the same subgraph (Referral.resident).
 */
export function requireReleasedFacts<T extends object>(facts: T, fields: (keyof T & string)[]): T {
  if (fields.some((field) => facts[field] === undefined)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'This cannot be worked out on this path; ask for it through resident(id) or residents.');
  }
  const withheld = fields.filter((field) => facts[field] === null);
  if (withheld.length) throw forbidden(`The ${withheld.join(', ')} this needs are withheld from you, so it cannot be worked out.`);
  return facts;
}
