import { and, eq, inArray } from 'drizzle-orm';
import type { GraphQLResolveInfo } from 'graphql';
import { canSeePersonalData, forbidden, isUuid, loaderFor, type Viewer } from '@hub/common';
import type { ResidentsContext } from '../builder';
import { centreGrants, employerGrants } from '../db/schema';
import { noteRead } from './read-log';

/**
 * Who may see which field of a Resident, decided wherever a Resident is resolved: a root field,
 * a household's members, a case, or another service's reference (`_entities`). Every field but
 * `id` and `personalDataVisible` goes through `reveal`; a field the viewer may not see is null
 * with a FORBIDDEN error on its path, and its parent stays.
 */

/** Where a viewer stands towards one person. */
export type Standing =
  /** Administrators, and coordinators whose region contains the person's community. */
  | 'REGION_STAFF'
  /** An employer the person was referred to (the grant comes with `referral.made`). */
  | 'HIRING_EMPLOYER'
  /** A training centre the person enrolled with (the grant comes with `enrolment.made`). */
  | 'TRAINING_CENTRE'
  /** Everyone else: staff of other regions, other employers, other centres. */
  | 'OUTSIDER';

/**
 * What placing a person needs, and all an employer sees of the people referred to it or a training
 * centre of the people enrolled with it: a name to call out, the facts that decide fit, the wish.
 */
const PLACEMENT_FIELDS = new Set(['name', 'age', 'gender', 'skills', 'education', 'jobIntention']);

/** Fields each of whose reads is recorded in `personal_data_access` (who, when, whom, which). */
const RECORDED_FIELDS = new Set(['identityNumber', 'phone', 'monthlyIncome', 'household', 'difficultyGroups', 'declaredGroups', 'certificateNumber']);

export const grantLoader = (ctx: ResidentsContext, employerId: string) =>
  loaderFor<string, typeof employerGrants.$inferSelect>(
    ctx,
    `employerGrants:${employerId}`,
    (ids) => ctx.db.select().from(employerGrants).where(and(inArray(employerGrants.residentId, ids.filter(isUuid)), eq(employerGrants.employerId, employerId))),
    (row) => row.residentId,
  );

const centreGrantLoader = (ctx: ResidentsContext, centreId: string) =>
  loaderFor<string, typeof centreGrants.$inferSelect>(
    ctx,
    `centreGrants:${centreId}`,
    (ids) => ctx.db.select().from(centreGrants).where(and(inArray(centreGrants.residentId, ids.filter(isUuid)), eq(centreGrants.centreId, centreId))),
    (row) => row.residentId,
  );

interface Person {
  id: string;
  communityCode: string;
}

export async function standingOf(ctx: ResidentsContext, person: Person): Promise<Standing> {
  const viewer = ctx.viewer;
  if (canSeePersonalData(viewer, person.communityCode)) return 'REGION_STAFF';
  if (viewer?.role === 'EMPLOYER' && (await grantLoader(ctx, viewer.employerId).load(person.id))) return 'HIRING_EMPLOYER';
  if (viewer?.role === 'TRAINING_CENTRE' && (await centreGrantLoader(ctx, viewer.centreId).load(person.id))) return 'TRAINING_CENTRE';
  return 'OUTSIDER';
}

/** Whether a viewer with this standing sees the field: everything for region staff, what placement needs for an employer or centre. */
export const mayRead = (standing: Standing, field: string) => standing === 'REGION_STAFF' || (standing !== 'OUTSIDER' && PLACEMENT_FIELDS.has(field));

function refusal(viewer: Viewer | null, standing: Standing, field: string) {
  if (standing === 'HIRING_EMPLOYER') {
    return forbidden(`An employer sees only what hiring needs of a referred person (name, age, gender, skills, education, job intention), not their ${field}.`);
  }
  if (standing === 'TRAINING_CENTRE') {
    return forbidden(`A training centre sees only what training needs of an enrolled person (name, age, gender, skills, education, job intention), not their ${field}.`);
  }
  switch (viewer?.role) {
    case 'COORDINATOR':
      return forbidden(`This person lives outside your region ${viewer.regionCode}, so their ${field} is not shown to you.`);
    case 'EMPLOYER':
      return forbidden('An employer sees only the people referred to its vacancies.');
    case 'TRAINING_CENTRE':
      return forbidden('A training centre sees only the people enrolled on its courses.');
    default:
      return forbidden('Please sign in as staff of the person\'s region to see this.');
  }
}

/**
 * The field `info.fieldName` of a person, as `value` computes it, if the viewer may see it; a
 * FORBIDDEN error otherwise. A protected field revealed is recorded here, by the rule that
 * revealed it, in the request's read log.
 */
export async function reveal<T>(ctx: ResidentsContext, info: GraphQLResolveInfo, person: Person, value: () => T | Promise<T>): Promise<T> {
  const field = info.fieldName;
  const standing = await standingOf(ctx, person);
  if (!mayRead(standing, field)) throw refusal(ctx.viewer, standing, field);
  if (RECORDED_FIELDS.has(field)) noteRead(ctx, person.id, field, info.operation.name?.value);
  return value();
}

/** For records that belong to a community rather than a person (a household): region staff only. */
export const mayReadPersonal = (ctx: ResidentsContext, communityCode: string) => canSeePersonalData(ctx.viewer, communityCode);
