import { asc, inArray } from 'drizzle-orm';
import { isUuid, loaderFor } from '@hub/common';
import { builder, type SubsidiesContext } from '../builder';
import { subsidyPolicies } from '../db/schema';
import type { Rule } from '../policies/rule';

export type PolicyRow = typeof subsidyPolicies.$inferSelect;

const policyLoader = (ctx: SubsidiesContext) =>
  loaderFor<string, PolicyRow>(
    ctx,
    'policy',
    (ids) => ctx.db.select().from(subsidyPolicies).where(inArray(subsidyPolicies.id, ids.filter(isUuid))),
    (row) => row.id,
  );

/** Policies in force, loaded once per request and shared by every eligibility check in it. */
export function policiesInForce(ctx: SubsidiesContext): Promise<PolicyRow[]> {
  return loaderFor<'all', PolicyRow[]>(
    ctx,
    'policiesInForce',
    async () => [await ctx.db.select().from(subsidyPolicies).orderBy(asc(subsidyPolicies.code))],
    () => 'all',
  )
    .load('all')
    .then((rows) => (rows ?? []).filter((p) => isInForce(p)));
}

const isInForce = (p: PolicyRow, on = new Date().toISOString().slice(0, 10)) => p.validFrom <= on && (p.validTo === null || p.validTo >= on);

function conditionLabels(rule: Rule): string[] {
  if ('all' in rule) return rule.all.flatMap(conditionLabels);
  return [rule.label];
}

const PolicyKindEnum = builder.enumType('SubsidyPolicyKind', {
  description: 'PERSON: paid to or for a person; EMPLOYER: paid to an employer.',
  values: ['PERSON', 'EMPLOYER'] as const,
});

export const SubsidyPolicyType = builder.objectRef<PolicyRow>('SubsidyPolicy').implement({
  description: '补贴政策: a subsidy programme with its eligibility rule.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: PolicyKindEnum }),
    legalBasis: t.exposeString('legalBasis'),
    version: t.exposeInt('version'),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
    conditions: t.stringList({ description: 'The eligibility conditions, in words.', resolve: (p) => conditionLabels(p.rule) }),
  }),
});

builder.asEntity(SubsidyPolicyType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => policyLoader(ctx).load(id),
});

builder.queryField('subsidyPolicies', (t) =>
  t.field({
    type: [SubsidyPolicyType],
    description: 'The subsidy policies in force today.',
    resolve: (_root, _args, ctx) => policiesInForce(ctx),
  }),
);
