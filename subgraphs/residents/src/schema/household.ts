import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { ErrorCode, HubError, loaderFor, requireRegionAccess, todayIso } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { households, idempotencyKeys } from '../db/schema';
import { idempotencyKeyArg, idempotent } from '@hub/common/idempotency';
import { loadHouseholdFacts, type MemberFacts, type ResidentRow } from '../register/household-facts';
import { isZeroEmploymentHousehold } from '@hub/common';
import { regionLoader, requireRegion, RegionType } from './region';
import { mayReadPersonal } from '../access/resident-policy';

export type HouseholdRow = typeof households.$inferSelect;
export type { ResidentRow };

export const householdLoader = (ctx: ResidentsContext) =>
  loaderFor<string, HouseholdRow>(
    ctx,
    'household',
    (ids) => ctx.db.select().from(households).where(inArray(households.id, [...ids])),
    (row) => row.id,
  );

/** Each household's members with their declared groups, oldest first: what group rules read. */
export const householdMembersLoader = (ctx: ResidentsContext): DataLoader<string, MemberFacts[]> => {
  let loader = ctx.loaders.get('householdMembers') as DataLoader<string, MemberFacts[]> | undefined;
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const facts = await loadHouseholdFacts(ctx.db, ids);
      return ids.map((id) => (facts.get(id) ?? []).sort((a, b) => a.birthDate.localeCompare(b.birthDate)));
    });
    ctx.loaders.set('householdMembers', loader as DataLoader<unknown, unknown>);
  }
  return loader;
};

/** A household as a whole, with its members; its details are personal data. */
export const HouseholdType = builder.objectRef<HouseholdRow>('Household').implement({
  description: '家庭: the people registered at one address in a community.',
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    address: t.exposeString('address'),
    situation: t.exposeString('situation', { nullable: true, description: '家庭状况, as last surveyed.' }),
    lastSurveyedOn: t.expose('lastSurveyedOn', { type: 'Date', nullable: true }),
    community: t.field({ type: RegionType, resolve: async (h, _a, ctx) => (await regionLoader(ctx).load(h.communityCode))! }),
    members: t.field({
      type: [ResidentRef],
      resolve: (h, _a, ctx) => householdMembersLoader(ctx).load(h.id),
    }),
    zeroEmployment: t.boolean({
      description: '零就业家庭: someone able and willing to work, nobody in work.',
      resolve: async (h, _a, ctx) => isZeroEmploymentHousehold(await householdMembersLoader(ctx).load(h.id), todayIso()),
    }),
  }),
});

// Declared here and implemented in resident.ts, so the two types can refer to each other.
export const ResidentRef = builder.objectRef<ResidentRow>('Resident');

/** Loads a household the viewer may see, or explains why not. */
export async function visibleHousehold(ctx: ResidentsContext, id: string): Promise<HouseholdRow | null> {
  const household = await householdLoader(ctx).load(id);
  if (!household) return null;
  return mayReadPersonal(ctx, household.communityCode) ? household : null;
}

builder.asEntity(HouseholdType, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => visibleHousehold(ctx, id),
});

const RegisterHouseholdInput = builder.inputType('RegisterHouseholdInput', {
  fields: (t) => ({
    communityCode: t.id({ required: true, description: 'The 12-digit code of the community or village.' }),
    address: t.string({ required: true }),
  }),
});

builder.queryField('household', (t) =>
  t.field({
    type: HouseholdType,
    nullable: true,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const household = await householdLoader(ctx).load(String(id));
      if (!household) return null;
      requireRegionAccess(ctx.viewer, household.communityCode);
      return household;
    },
  }),
);

builder.mutationField('registerHousehold', (t) =>
  t.field({
    type: HouseholdType,
    authScopes: { staff: true },
    description: 'Registers a household at an address in a community (实名制登记 starts here).',
    args: { input: t.arg({ type: RegisterHouseholdInput, required: true }), idempotencyKey: t.arg.string(idempotencyKeyArg) },
    resolve: idempotent({ table: idempotencyKeys, load: households }, async (_root, { input }, ctx) => {
      const community = await requireRegion(ctx, String(input.communityCode), 'COMMUNITY', 'communityCode');
      requireRegionAccess(ctx.viewer, community.code);
      const address = input.address.trim();
      if (address.length < 2 || address.length > 200) {
        throw new HubError(ErrorCode.BAD_USER_INPUT, 'Enter the household address (2 to 200 characters).', { field: 'address' });
      }
      const [row] = await ctx.db.insert(households).values({ communityCode: community.code, address }).returning();
      return row!;
    }),
  }),
);
