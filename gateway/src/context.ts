import type { Viewer } from '@hub/common';

export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
  /** Aborts when the request's time is up (REQUEST_TIMEOUT_MS); subgraph calls still out end then. */
  deadline: AbortSignal;
}
