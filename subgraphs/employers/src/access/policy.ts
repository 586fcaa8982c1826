import { eq, inArray } from 'drizzle-orm';
import { ErrorCode, forbidden, HubError, isUuid, loaderFor, regionContains, requireRole, type Viewer } from '@hub/common';
import type { EmployersContext } from '../builder';
import { employers, jobseekers, referrals, vacancies } from '../db/schema';

/**
 * Who may see and change what in the employers service, decided per entity and used by every
 * path that reaches it: root fields, nested fields, references and mutations alike.
 * Staff act where their region contains the thing's place (region codes nest by prefix).
 */

type EmployerRow = typeof employers.$inferSelect;
type VacancyRow = typeof vacancies.$inferSelect;
type ReferralRow = typeof referrals.$inferSelect;

const staffIn = (viewer: Viewer | null, ...codes: string[]) =>
  viewer?.role === 'ADMIN' || (viewer?.role === 'COORDINATOR' && codes.some((code) => regionContains(viewer.regionCode, code)));

/** An employer's record, hiring plan and vacancies: the employer itself, and staff of its district. */
export const mayManageEmployer = (viewer: Viewer | null, employer: Pick<EmployerRow, 'id' | 'districtCode'>) =>
  (viewer?.role === 'EMPLOYER' && viewer.employerId === employer.id) || staffIn(viewer, employer.districtCode);

/** A vacancy: its employer, and staff of the place of work or of the employer's district. */
export const mayManageVacancy = (viewer: Viewer | null, vacancy: VacancyRow, employer: Pick<EmployerRow, 'id' | 'districtCode'>) =>
  (viewer?.role === 'EMPLOYER' && viewer.employerId === vacancy.employerId) || staffIn(viewer, vacancy.locationCode, employer.districtCode);

/**
 * A referral, and its outcome: the employer of the vacancy, staff of the person's region (who
 * referred them) and staff of the place of work. Nobody else learns that the person was referred.
 */
export const mayHandleReferral = (viewer: Viewer | null, vacancy: VacancyRow, personCommunity: string | undefined) =>
  (viewer?.role === 'EMPLOYER' && viewer.employerId === vacancy.employerId) || staffIn(viewer, vacancy.locationCode, ...(personCommunity ? [personCommunity] : []));

/** The community each referred person lives in, as the register last told this service. */
export const communityLoader = (ctx: EmployersContext) =>
  loaderFor<string, { residentId: string; communityCode: string }>(
    ctx,
    'jobseekerCommunity',
    (ids) => ctx.db.select({ residentId: jobseekers.residentId, communityCode: jobseekers.communityCode }).from(jobseekers).where(inArray(jobseekers.residentId, ids.filter(isUuid))),
    (row) => row.residentId,
  );

/** The referrals of a vacancy this viewer may see. */
export async function visibleReferrals(ctx: EmployersContext, vacancy: VacancyRow, rows: ReferralRow[]): Promise<ReferralRow[]> {
  const people = await communityLoader(ctx).loadMany(rows.map((r) => r.residentId));
  return rows.filter((r, i) => {
    const person = people[i];
    return mayHandleReferral(ctx.viewer, vacancy, person && !(person instanceof Error) ? person.communityCode : undefined);
  });
}

/** Refuses anyone but the employer itself and staff of its district; NOT_FOUND when there is no such employer. */
export async function requireEmployerManager(ctx: EmployersContext, employerId: string, field = 'employerId'): Promise<EmployerRow> {
  const viewer = requireRole(ctx.viewer, 'ADMIN', 'COORDINATOR', 'EMPLOYER');
  if (viewer.role === 'EMPLOYER' && viewer.employerId !== employerId) throw forbidden('You can act only for your own organisation.');
  const [employer] = isUuid(employerId) ? await ctx.db.select().from(employers).where(eq(employers.id, employerId)) : [];
  if (!employer) throw new HubError(ErrorCode.NOT_FOUND, `Employer ${employerId} does not exist.`, { field });
  if (!mayManageEmployer(viewer, employer)) {
    throw forbidden(`This employer belongs to district ${employer.districtCode}, which your region does not contain.`);
  }
  return employer;
}
