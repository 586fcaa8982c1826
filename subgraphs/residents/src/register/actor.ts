import type { Viewer } from '@hub/common';

/** How a change is attributed in history: the role and subject of the signed-in viewer. */
export function actor(viewer: Viewer | null): string {
  if (!viewer) return 'system';
  return viewer.role === 'COORDINATOR' ? `COORDINATOR:${viewer.sub}@${viewer.regionCode}` : `${viewer.role}:${viewer.sub}`;
}
