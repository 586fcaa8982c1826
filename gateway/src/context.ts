import type { Viewer } from '@hub/common';

export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
}
