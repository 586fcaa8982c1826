import type { HubRequest, HubResponse, RouteHandler } from '@hub/common';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for an explicit list of browser origins (CORS_ORIGINS). A page from anywhere else gets no
 * CORS headers, so the browser keeps the answer from it; its preflight is refused.
 */
export function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  const allowedOrigin = (req: HubRequest) => {
    const origin = req.header('origin');
    return origin !== undefined && allowed.has(origin) ? origin : undefined;
  };

  const headersFor = (req: HubRequest): Record<string, string> => {
    const origin = allowedOrigin(req);
    return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
  };

  /** Answers preflight requests; every other request goes on to the routes. */
  const preflight: RouteHandler = async (req): Promise<HubResponse | undefined> => {
    if (req.method !== 'OPTIONS') return undefined;
    const origin = allowedOrigin(req);
    if (!origin) return { status: 403, headers: { vary: 'Origin' }, body: '' };
    return {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        vary: 'Origin',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type, x-request-id, apollo-require-preflight',
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
      },
      body: '',
    };
  };

  /** The route's answer with CORS headers for an allowed origin. */
  const withHeaders =
    (route: RouteHandler): RouteHandler =>
    async (req) => {
      const response: HubResponse | undefined = await route(req);
      return response && { ...response, headers: { ...response.headers, ...headersFor(req) } };
    };

  return { preflight, withHeaders };
}
