import { asc, inArray } from 'drizzle-orm';
import { groupLoaderFor } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { residentEventKinds, residentEvents } from '../db/schema';
import { ResidentRef } from './household';
import { reveal } from '../access/resident-policy';

type EventRow = typeof residentEvents.$inferSelect;

const historyLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, EventRow>(
    ctx,
    'history',
    (ids) => ctx.db.select().from(residentEvents).where(inArray(residentEvents.residentId, [...ids])).orderBy(asc(residentEvents.id)),
    (row) => row.residentId,
  );

const EventKindEnum = builder.enumType('ResidentEventKind', { values: residentEventKinds });

const SUMMARIES: Partial<Record<EventRow['kind'], (d: Record<string, any>) => string>> = {
  REGISTERED: (d) => `Registered as ${String(d.employmentStatus).toLowerCase()}`,
  SURVEYED: (d) => `Surveyed${d.changed?.length ? `: ${d.changed.join(', ')} changed` : ', nothing changed'}`,
  INCOME_CHANGED: (d) => `Monthly income ${d.from ?? 'unknown'} → ${d.to ?? 'unknown'} yuan`,
  JOB_INTENTION_CHANGED: (d) => `Job intention now ${(d.to?.occupations ?? []).join('、') || 'unspecified'}`,
  SKILLS_CHANGED: (d) => `Skills now ${(d.to ?? []).join('、') || 'none'}`,
  MIGRATION_DESTINATION_CHANGED: (d) => `Working away in ${d.to ?? 'unknown'}`,
  HOUSEHOLD_SITUATION_CHANGED: (d) => `Household situation: ${d.to ?? ''}`,
  UNEMPLOYMENT_REGISTERED: (d) => `Registered as unemployed${d.certificateNumber ? `, certificate ${d.certificateNumber}` : ''}`,
  EMPLOYED: (d) => `Started work (${String(d.to).toLowerCase()})`,
  MIGRATED: (d) => `Went to work in ${d.destination}`,
  EXITED: (d) => `Left the register: ${String(d.to).toLowerCase()}`,
  GROUP_DECLARED: (d) => `Declared ${d.group}: ${d.evidence}`,
  GROUP_WITHDRAWN: (d) => `Withdrew ${d.group}: ${d.reason}`,
  CASE_OPENED: (d) => `Assistance case opened (${(d.reasons ?? []).join(', ')})`,
  CASE_CLOSED: (d) => `Assistance case closed: ${d.reason}`,
  SERVICE_DELIVERED: (d) => `Service delivered: ${d.kind}${d.note ? ` (${d.note})` : ''}`,
  TRAINING_REQUESTED: () => 'Asked for training',
  TRAINING_REQUEST_ANSWERED: (d) => `Training request answered: ${d.answer}`,
};

const ResidentEventType = builder.objectRef<EventRow>('ResidentEvent').implement({
  description: 'One dated, attributed change in a person\'s record (动态跟踪).',
  fields: (t) => ({
    id: t.id({ resolve: (e) => String(e.id) }),
    kind: t.expose('kind', { type: EventKindEnum }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date', description: 'When the change took effect.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    recordedBy: t.exposeString('recordedBy'),
    summary: t.string({ resolve: (e) => SUMMARIES[e.kind]?.(e.details) ?? e.kind }),
    details: t.string({ description: 'The change as JSON.', resolve: (e) => JSON.stringify(e.details) }),
  }),
});

builder.objectField(ResidentRef, 'history', (t) =>
  t.field({
    type: [ResidentEventType],
    nullable: true,
    description: 'Everything recorded about the person, oldest first.',
    resolve: (r, _a, ctx, info) => reveal(ctx, info, r, () => historyLoader(ctx).load(r.id)),
  }),
);
