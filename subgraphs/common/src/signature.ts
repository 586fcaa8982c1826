import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The gateway signs every request it sends to a subgraph; subgraphs refuse anything else.
 * The signature covers the exact body bytes, the viewer, the request id, a timestamp, a nonce
 * and the audience (the service and endpoint it is meant for), so neither a forged identity
 * header nor a captured request replayed later, or sent to another service, gets in.
 */
export const SignatureHeader = {
  signature: 'x-hub-signature',
  timestamp: 'x-hub-timestamp',
  nonce: 'x-hub-nonce',
  viewer: 'x-hub-viewer',
  requestId: 'x-request-id',
} as const;

/** Who a signed request is for: `residents/graphql` for the gateway's calls, `training/events` for an event. */
export const signatureAudience = (service: string, endpoint: 'graphql' | 'events') => `${service}/${endpoint}`;

interface Signed {
  audience: string;
  body: string;
  viewer: string;
  requestId: string;
  timestamp: string;
  nonce: string;
}

function mac(secret: string, s: Signed): Buffer {
  const bodyHash = createHash('sha256').update(s.body).digest('hex');
  return createHmac('sha256', secret)
    .update(['v2', s.audience, s.timestamp, s.nonce, s.requestId, s.viewer, bodyHash].join('\n'))
    .digest();
}

export function signRequest(
  secret: string,
  input: { audience: string; body: string; viewer: string; requestId: string },
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('hex');
  const signature = mac(secret, { ...input, timestamp, nonce }).toString('hex');
  return {
    [SignatureHeader.signature]: `v2=${signature}`,
    [SignatureHeader.timestamp]: timestamp,
    [SignatureHeader.nonce]: nonce,
    [SignatureHeader.viewer]: input.viewer,
    [SignatureHeader.requestId]: input.requestId,
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Checks signatures made for one audience and remembers nonces for as long as a timestamp stays acceptable. */
export class SignatureVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly maxAgeMs: number,
    private readonly audience: string,
  ) {}

  verify(headers: (name: string) => string | undefined, body: string, now = Date.now()): VerifyResult {
    const given = headers(SignatureHeader.signature);
    const timestamp = headers(SignatureHeader.timestamp);
    const nonce = headers(SignatureHeader.nonce);
    if (!given || !timestamp || !nonce) return { ok: false, reason: 'missing signature' };
    const ts = Number(timestamp);
    if (!Number.isSafeInteger(ts) || Math.abs(now - ts) > this.maxAgeMs) return { ok: false, reason: 'stale signature' };
    if (!/^[0-9a-f]{32}$/.test(nonce)) return { ok: false, reason: 'malformed nonce' };
    const expected = mac(this.secret, {
      audience: this.audience,
      body,
      viewer: headers(SignatureHeader.viewer) ?? '',
      requestId: headers(SignatureHeader.requestId) ?? '',
      timestamp,
      nonce,
    });
    const match = /^v2=([0-9a-f]{64})$/.exec(given);
    const actual = match ? Buffer.from(match[1]!, 'hex') : Buffer.alloc(expected.length);
    // Compare even when malformed so timing says nothing about which part was wrong.
    const equal = timingSafeEqual(actual, expected) && match !== null;
    if (!equal) return { ok: false, reason: 'bad signature' };
    this.forgetExpired(now);
    if (this.seen.has(nonce)) return { ok: false, reason: 'replayed request' };
    this.seen.set(nonce, ts + this.maxAgeMs);
    return { ok: true };
  }

  private forgetExpired(now: number) {
    if (this.seen.size < 1024) return;
    for (const [nonce, expires] of this.seen) if (expires < now) this.seen.delete(nonce);
  }
}
