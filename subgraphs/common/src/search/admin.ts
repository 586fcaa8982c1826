import type { createHubBuilder } from '../builder';
import { ErrorCode, HubError } from '../errors';
import type { SubgraphContext } from '../context';
import type { IndexCheck, IndexStatus, QuarantinedDocument } from './indexer';

function searchOf(ctx: SubgraphContext<unknown>) {
  if (!ctx.search) throw new HubError(ErrorCode.INTERNAL_SERVER_ERROR, 'This service keeps no search index.');
  return ctx.search;
}

/**
 * Admin fields for one index: its status (documents, queue, lag), a full rebuild, and a check
 * that compares it with the database and can repair it. `scripts/reindex.ts` and
 * `scripts/check-index.ts` call these through the gateway, so they work on either engine.
 * `label` names the fields: `vacancy` gives vacancyIndex, reindexVacancyIndex, checkVacancyIndex.
 */
export function addSearchAdminFields<B extends { objectRef: Function }>(builder: B, index: string, label: string) {
  const b = builder as unknown as ReturnType<typeof createHubBuilder>;
  const Quarantined = b.objectRef<QuarantinedDocument>('QuarantinedSearchDocument').implement({
    shareable: true,
    description: 'A document the search engine could not index: kept out of the index with the reason, until it is changed or the index is rebuilt.',
    fields: (t) => ({
      documentId: t.exposeString('documentId'),
      attempts: t.exposeInt('attempts'),
      lastError: t.exposeString('lastError', { description: "The engine's reason, as it gave it." }),
      quarantinedAt: t.expose('quarantinedAt', { type: 'DateTime' }),
    }),
  });
  const Status = b.objectRef<IndexStatus>('SearchIndexStatus').implement({
    shareable: true,
    description: 'A search index: how many documents it holds, how many wait, and how far it lags behind the database.',
    fields: (t) => ({
      index: t.exposeString('index'),
      engine: t.exposeString('engine', { description: 'embedded or meilisearch.' }),
      documents: t.exposeInt('documents'),
      queued: t.exposeInt('queued', { description: 'Changes committed but not yet searchable.' }),
      oldestQueuedAt: t.expose('oldestQueuedAt', { type: 'DateTime', nullable: true }),
      quarantined: t.exposeInt('quarantined', { description: 'Documents the engine could not index after several attempts; they are no longer tried.' }),
      quarantine: t.field({ type: [Quarantined], description: 'The most recently quarantined documents (20 at most).', resolve: (s) => s.quarantine }),
      lagP50Ms: t.exposeInt('lagP50Ms', { nullable: true, description: 'Median time from a committed change to its being searchable, over the last 1,000.' }),
      lagP95Ms: t.exposeInt('lagP95Ms', { nullable: true }),
    }),
  });
  const Check = b.objectRef<IndexCheck>('SearchIndexCheck').implement({
    shareable: true,
    description: 'What a comparison of the database with a search index found.',
    fields: (t) => ({
      index: t.exposeString('index'),
      expected: t.exposeInt('expected', { description: 'Documents the database says belong in the index.' }),
      indexed: t.exposeInt('indexed'),
      missing: t.exposeInt('missing'),
      stale: t.exposeInt('stale'),
      orphaned: t.exposeInt('orphaned'),
      repaired: t.exposeBoolean('repaired', { description: 'Whether the differences were queued for repair.' }),
    }),
  });
  const capital = label[0]!.toUpperCase() + label.slice(1);
  b.queryField(`${label}Index`, (t) =>
    t.field({ type: Status, authScopes: { admin: true }, resolve: (_r, _a, ctx) => searchOf(ctx).indexer.status(index) }),
  );
  b.mutationField(`reindex${capital}Index`, (t) =>
    t.int({
      authScopes: { admin: true },
      description: 'Empties the index and queues every document again; returns how many were queued.',
      resolve: (_r, _a, ctx) => searchOf(ctx).indexer.reindex(index),
    }),
  );
  b.mutationField(`check${capital}Index`, (t) =>
    t.field({
      type: Check,
      authScopes: { admin: true },
      args: { repair: t.arg.boolean({ required: false, defaultValue: false }) },
      resolve: (_r, { repair }, ctx) => searchOf(ctx).indexer.check(index, repair ?? false),
    }),
  );
}
