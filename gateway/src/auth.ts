import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { ErrorCode, HubError, viewerSchema, type Viewer } from '@hub/common';

/** Twelve hours: a working day, so a token lost with a laptop is dead by the next morning. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

export interface TokenSettings {
  secret: string;
  jwksUrl?: string | undefined;
  issuer: string;
  audience: string;
  /** Longest accepted `exp` - `iat` (or `exp` - now without `iat`). */
  maxLifetimeSeconds: number;
}

/**
 * Reads a bearer token into a viewer. No token is an anonymous viewer (regions only);
 * a token that is present but invalid is refused outright rather than downgraded, and so is
 * one that never expires or lives longer than the configured maximum.
 */
export function createTokenVerifier(settings: TokenSettings) {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(settings.secret);
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];

  return async function viewerFrom(authorization: string | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new HubError(ErrorCode.UNAUTHENTICATED, 'Send the token as "Authorization: Bearer <token>".');
    try {
      const { payload } = await jwtVerify(match[1]!, key as Uint8Array, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms,
        requiredClaims: ['exp'],
      });
      // Counted from now when `iat` is missing or claims a future issue, which would stretch the life unseen.
      const now = Math.floor(Date.now() / 1000);
      const lifetime = payload.exp! - Math.min(payload.iat ?? now, now);
      if (lifetime > settings.maxLifetimeSeconds) {
        throw new HubError(ErrorCode.UNAUTHENTICATED, 'This token lives longer than the hub allows; please sign in again.');
      }
      return viewerSchema.parse({ ...payload, sub: payload.sub });
    } catch (error) {
      if (error instanceof HubError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new HubError(ErrorCode.UNAUTHENTICATED, 'Your sign-in has expired; please sign in again.');
      }
      throw new HubError(ErrorCode.UNAUTHENTICATED, 'The token is not valid here; please sign in again.');
    }
  };
}

/** Issues an HS256 token for a viewer, living the longest the gateway accepts by default: for development, the demo and tests. */
export async function issueToken(
  viewer: Viewer,
  settings: Pick<TokenSettings, 'secret' | 'issuer' | 'audience'>,
  expires: string | number = `${DEFAULT_TOKEN_LIFETIME_SECONDS}s`,
) {
  const { sub, ...claims } = viewer;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(settings.secret));
}
