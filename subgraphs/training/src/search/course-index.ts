import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { todayIso, type Db } from '@hub/common';
import { searchableText, type IndexDefinition, type SearchDocument } from '@hub/common/search';
import { canonicalOccupation, canonicalSkill } from '@hub/common/vocabulary';
import type { schema } from '../db';
import { courses, trainingCentres } from '../db/schema';

export const COURSE_INDEX = 'courses';

/** A course open for enrolment, as the search engine holds it: what gap-filling and recommendations look for. */
export interface CourseDocument extends SearchDocument {
  centreId: string;
  centreName: string;
  title: string;
  mode: string;
  trade: string | null;
  skills: string[];
  searchText: string;
  locationCode: string;
  streetCode: string;
  districtCode: string;
  employerId: string | null;
  vacancyId: string | null;
  /** YYYYMMDD, for soonest first. */
  startDay: number;
  fee: number;
  freeForHardToEmploy: boolean;
  /** Whether the centre's accreditation covers the course's start (only those qualify for the training subsidy). */
  accredited: boolean;
}

type TrainingSchema = typeof schema;

export const courseIndex: IndexDefinition<TrainingSchema, CourseDocument> = {
  name: COURSE_INDEX,
  settings: {
    searchableAttributes: ['searchText'],
    filterableAttributes: ['centreId', 'mode', 'trade', 'skills', 'locationCode', 'streetCode', 'districtCode', 'employerId', 'vacancyId', 'accredited', 'startDay'],
    sortableAttributes: ['startDay'],
  },
  async load(db: Db<TrainingSchema>, ids: string[]) {
    const rows = await db
      .select({ course: courses, centre: trainingCentres })
      .from(courses)
      .innerJoin(trainingCentres, eq(trainingCentres.id, courses.centreId))
      .where(and(inArray(courses.id, ids), eq(courses.status, 'OPEN')));
    const today = todayIso();
    return rows.map(({ course: c, centre }) => ({
      id: c.id,
      centreId: c.centreId,
      centreName: centre.name,
      title: c.title,
      mode: c.mode,
      trade: c.trade ? canonicalOccupation(c.trade) : null,
      skills: c.skills.map(canonicalSkill),
      searchText: searchableText(c.title, c.trade, c.targetOccupation, centre.name, ...c.skills),
      locationCode: c.locationCode,
      streetCode: c.locationCode.slice(0, 9),
      districtCode: c.locationCode.slice(0, 6),
      employerId: c.employerId,
      vacancyId: c.vacancyId,
      startDay: Number(c.startDate.replaceAll('-', '')),
      fee: c.fee,
      freeForHardToEmploy: c.freeForHardToEmploy,
      accredited: centre.accreditedUntil !== null && centre.accreditedUntil >= (c.startDate > today ? c.startDate : today),
    }));
  },
  async ids(db: Db<TrainingSchema>, afterId: string | null, limit: number) {
    const rows = await db
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.status, 'OPEN'), afterId ? gt(courses.id, afterId) : undefined))
      .orderBy(asc(courses.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
};
