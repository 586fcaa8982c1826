import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { actorOf, addDays, ErrorCode, HubError, isUuid, loaderFor, todayIso } from '@hub/common';
import { builder, type SubsidiesContext } from '../builder';
import { applications, idempotencyKeys, policyKinds, subsidyPolicies } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { amountSchema, describeAmount, maxPeriods, type AmountRule } from '../policies/amount';
import { conditionLabels, ruleSchema } from '../policies/rule';

export type PolicyRow = typeof subsidyPolicies.$inferSelect;

export const policyLoader = (ctx: SubsidiesContext) =>
  loaderFor<string, PolicyRow>(
    ctx,
    'policy',
    (ids) => ctx.db.select().from(subsidyPolicies).where(inArray(subsidyPolicies.id, ids.filter(isUuid))),
    (row) => row.id,
  );

const isInForce = (p: PolicyRow, on: string) => p.validFrom <= on && (p.validTo === null || p.validTo >= on);

/** The versions in force on `on`, one per programme: loaded once per request and shared by every check in it. */
export async function policiesInForce(ctx: SubsidiesContext, on: string): Promise<PolicyRow[]> {
  const all = await loaderFor<'all', PolicyRow[]>(
    ctx,
    'policies',
    async () => [await ctx.db.select().from(subsidyPolicies).orderBy(asc(subsidyPolicies.code), asc(subsidyPolicies.version))],
    () => 'all',
  ).load('all');
  return (all ?? []).filter((p) => isInForce(p, on));
}

/** The date a question is asked for: today, or a date up to 90 days back (a paper application received earlier). */
export function applicationDate(on: string | null | undefined): string {
  const today = todayIso();
  const date = on ?? today;
  if (date > today) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Eligibility is judged for today or an earlier date, not a future one.', { field: 'on' });
  if (date < addDays(today, -90)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Applications may be dated at most 90 days back.', { field: 'on' });
  return date;
}

export const PolicyKindEnum = builder.enumType('SubsidyPolicyKind', {
  description: 'PERSON: paid to or for a person; EMPLOYER: paid to an employer.',
  values: policyKinds,
});

const AmountKindEnum = builder.enumType('SubsidyAmountKind', {
  description: 'FIXED: a sum per period; MONTHLY: a sum a month, for a limited number of months; SHARE: a share of a base the application states, capped.',
  values: ['FIXED', 'MONTHLY', 'SHARE'] as const,
});

const AmountType = builder.objectRef<AmountRule>('SubsidyAmountRule').implement({
  description: 'How much a policy pays for one period (a month). Amounts are integer fen (分).',
  fields: (t) => ({
    kind: t.expose('kind', { type: AmountKindEnum }),
    fen: t.int({ nullable: true, description: 'FIXED: fen per period (per unit, if `per` is set).', resolve: (a) => (a.kind === 'FIXED' ? a.fen : null) }),
    fenPerMonth: t.int({ nullable: true, resolve: (a) => (a.kind === 'MONTHLY' ? a.fenPerMonth : null) }),
    maxMonths: t.int({ nullable: true, description: 'MONTHLY: the most months ever paid.', resolve: (a) => (a.kind === 'MONTHLY' ? a.maxMonths : null) }),
    maxPeriods: t.int({
      nullable: true,
      description: 'FIXED and MONTHLY: the most periods (approved applications) ever paid to one beneficiary; a FIXED sum is paid once unless its rule says otherwise. Null for SHARE.',
      resolve: (a) => maxPeriods(a),
    }),
    per: t.string({ nullable: true, description: 'The fact the sum is multiplied by, e.g. hardToEmployHires.', resolve: (a) => (a.kind === 'SHARE' ? null : (a.per ?? null)) }),
    basisPoints: t.int({ nullable: true, description: 'SHARE: the share, in 1/10,000.', resolve: (a) => (a.kind === 'SHARE' ? a.basisPoints : null) }),
    capFen: t.int({ nullable: true, resolve: (a) => (a.kind === 'SHARE' ? a.capFen : null) }),
    base: t.string({ nullable: true, description: 'SHARE: what the share is of.', resolve: (a) => (a.kind === 'SHARE' ? a.base : null) }),
    description: t.string({ resolve: (a) => describeAmount(a) }),
  }),
});

export const SubsidyPolicyType = builder.objectRef<PolicyRow>('SubsidyPolicy').implement({
  description: '补贴政策: one version of a subsidy programme, with its eligibility rule and amount.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code', { description: 'The programme; its versions share the code.' }),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: PolicyKindEnum }),
    legalBasis: t.exposeString('legalBasis'),
    version: t.exposeInt('version'),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
    conditions: t.stringList({ description: 'The eligibility conditions, in words.', resolve: (p) => conditionLabels(p.rule) }),
    rule: t.string({ description: 'The eligibility rule as data (JSON), as `publishSubsidyPolicy` takes it.', resolve: (p) => JSON.stringify(p.rule) }),
    amount: t.field({ type: AmountType, resolve: (p) => p.amount }),
    publishedBy: t.exposeString('publishedBy'),
  }),
});

builder.asEntity(SubsidyPolicyType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => policyLoader(ctx).load(id),
});

builder.queryFields((t) => ({
  subsidyPolicies: t.field({
    type: [SubsidyPolicyType],
    description: 'The policy versions in force on `on` (default today), one per programme.',
    args: { on: t.arg({ type: 'Date', required: false }) },
    resolve: (_root, args, ctx) => policiesInForce(ctx, args.on ?? todayIso()),
  }),
  subsidyPolicyVersions: t.field({
    type: [SubsidyPolicyType],
    description: 'Every version of a programme, oldest first.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.db.select().from(subsidyPolicies).where(eq(subsidyPolicies.code, args.code)).orderBy(asc(subsidyPolicies.version)),
  }),
}));

const PublishSubsidyPolicyInput = builder.inputType('PublishSubsidyPolicyInput', {
  description: 'A new programme, or the next version of one: it applies from `validFrom`, and the version before it ends the day before.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'UPPER_SNAKE_CASE; an existing code gets a new version.' }),
    name: t.string({ required: true }),
    kind: t.field({ type: PolicyKindEnum, required: true }),
    legalBasis: t.string({ required: true }),
    validFrom: t.field({ type: 'Date', required: true }),
    rule: t.string({ required: true, description: 'The eligibility rule as JSON: {"all": [...]}, {"any": [...], "label"}, or a condition {"fact", "op", "value", "label"}.' }),
    amount: t.string({ required: true, description: 'The amount rule as JSON: {"kind": "FIXED", "fen", "maxPeriods" (default 1)}, {"kind": "MONTHLY", "fenPerMonth", "maxMonths"} or {"kind": "SHARE", "basisPoints", "capFen", "base"}.' }),
  }),
});

function parseJson<T>(text: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, field: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `The ${what} is not valid JSON.`, { field });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HubError(ErrorCode.BAD_USER_INPUT, `The ${what} is not one the hub understands${issue.path.length ? ` (at ${issue.path.join('.')})` : ''}: ${issue.message}.`, { field });
  }
  return parsed.data;
}

builder.mutationField('publishSubsidyPolicy', (t) =>
  t.field({
    type: SubsidyPolicyType,
    authScopes: { admin: true },
    description: 'Publishes a programme or its next version (administrators). Never retroactive over applications already judged.',
    args: { input: t.arg({ type: PublishSubsidyPolicyInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: subsidyPolicies }, async (_root, { input }, ctx) => {
      const code = input.code.trim();
      if (!/^[A-Z][A-Z0-9_]{2,49}$/.test(code)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Write the code in capitals with underscores, e.g. SOCIAL_INSURANCE_4050.', { field: 'code' });
      const name = input.name.trim();
      if (name.length < 2 || name.length > 100) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Give the policy a name of 2 to 100 characters.', { field: 'name' });
      const legalBasis = input.legalBasis.trim();
      if (legalBasis.length < 4) throw new HubError(ErrorCode.BAD_USER_INPUT, 'Cite the legal basis of the policy.', { field: 'legalBasis' });
      const rule = parseJson(input.rule, ruleSchema, 'rule', 'eligibility rule');
      const amount = parseJson(input.amount, amountSchema, 'amount', 'amount rule');
      return ctx.db.transaction(async (tx) => {
        // Versions of a programme are published one at a time.
        const versions = await tx.select().from(subsidyPolicies).where(eq(subsidyPolicies.code, code)).orderBy(desc(subsidyPolicies.version)).for('update');
        const latest = versions[0];
        if (latest) {
          if (latest.kind !== input.kind) throw new HubError(ErrorCode.BAD_USER_INPUT, `${code} is a ${latest.kind.toLowerCase()} programme; a new version keeps its kind.`, { field: 'kind' });
          if (input.validFrom <= latest.validFrom) {
            throw new HubError(ErrorCode.BAD_USER_INPUT, `Version ${latest.version} applies from ${latest.validFrom}; the next one must start later.`, { field: 'validFrom' });
          }
          const [judged] = await tx
            .select({ appliedOn: applications.appliedOn })
            .from(applications)
            .where(and(eq(applications.policyCode, code), gte(applications.appliedOn, input.validFrom)))
            .orderBy(desc(applications.appliedOn))
            .limit(1);
          if (judged) {
            throw new HubError(ErrorCode.CONFLICT, `Applications dated up to ${judged.appliedOn} were judged by the current version; the new one can start on ${addDays(judged.appliedOn, 1)} at the earliest.`, { field: 'validFrom' });
          }
          await tx
            .update(subsidyPolicies)
            .set({ validTo: addDays(input.validFrom, -1), updatedAt: sql`now()` })
            .where(and(eq(subsidyPolicies.id, latest.id), or(isNull(subsidyPolicies.validTo), gte(subsidyPolicies.validTo, input.validFrom))));
        }
        const [row] = await tx
          .insert(subsidyPolicies)
          .values({ code, name, kind: input.kind, legalBasis, rule, amount, version: (latest?.version ?? 0) + 1, validFrom: input.validFrom, publishedBy: actorOf(ctx.viewer) })
          .returning();
        return row!;
      });
    }),
  }),
);
