import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { ErrorCode, HubError, viewerSchema, type Viewer } from '@hub/common';

export interface TokenSettings {
  secret: string;
  jwksUrl?: string | undefined;
  issuer: string;
  audience: string;
}

/**
 * Reads a bearer token into a viewer. No token is an anonymous viewer (regions only);
 * a token that is present but invalid is refused outright rather than downgraded.
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
      });
      return viewerSchema.parse({ ...payload, sub: payload.sub });
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new HubError(ErrorCode.UNAUTHENTICATED, 'Your sign-in has expired; please sign in again.');
      }
      throw new HubError(ErrorCode.UNAUTHENTICATED, 'The token is not valid here; please sign in again.');
    }
  };
}

/** Issues an HS256 token for a viewer: for development, the demo and tests. */
export async function issueToken(viewer: Viewer, settings: Pick<TokenSettings, 'secret' | 'issuer' | 'audience'>, expires: string | number = '12h') {
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
