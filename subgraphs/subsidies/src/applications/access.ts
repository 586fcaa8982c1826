import { regionContains, requireRegionAccess, requireViewer, type Viewer } from '@hub/common';
import type { applications } from '../db/schema';

type Application = Pick<typeof applications.$inferSelect, 'regionCode' | 'beneficiaryKind' | 'beneficiaryId'>;

/** Officials whose region contains the applicant; an employer, its own applications. */
export function maySeeApplication(viewer: Viewer | null, application: Application): boolean {
  if (viewer?.role === 'ADMIN') return true;
  if (viewer?.role === 'COORDINATOR') return regionContains(viewer.regionCode, application.regionCode);
  return viewer?.role === 'EMPLOYER' && application.beneficiaryKind === 'EMPLOYER' && viewer.employerId === application.beneficiaryId;
}

/** Only officials whose region contains the applicant decide on, pay or reverse an application. */
export const requireOfficialFor = (viewer: Viewer | null, application: Application) => requireRegionAccess(requireViewer(viewer), application.regionCode);
