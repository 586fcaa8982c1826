import type { Viewer } from '@hub/common';

/** How a change is attributed: the role and subject of the signed-in viewer. */
export const actorOf = (viewer: Viewer) =>
  viewer.role === 'COORDINATOR' ? `COORDINATOR:${viewer.sub}@${viewer.regionCode}` : `${viewer.role}:${viewer.sub}`;
