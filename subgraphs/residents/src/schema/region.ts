import { asc, eq, inArray, like, and } from 'drizzle-orm';
import { ErrorCode, HubError, loaderFor, groupLoaderFor, parseRegionCode } from '@hub/common';
import { builder, type ResidentsContext } from '../builder';
import { regions } from '../db/schema';
import { CommunityKindEnum, RegionLevelEnum } from './enums';

export type RegionRow = typeof regions.$inferSelect;

export const regionLoader = (ctx: ResidentsContext) =>
  loaderFor<string, RegionRow>(
    ctx,
    'region',
    (codes) => ctx.db.select().from(regions).where(inArray(regions.code, [...codes])),
    (row) => row.code,
  );

const childrenLoader = (ctx: ResidentsContext) =>
  groupLoaderFor<string, RegionRow>(
    ctx,
    'regionChildren',
    (codes) => ctx.db.select().from(regions).where(inArray(regions.parentCode, [...codes])).orderBy(asc(regions.code)),
    (row) => row.parentCode!,
  );

/** Validates the format first, so a typo gets a clear error rather than an empty answer. */
export function checkRegionCode(raw: string, field = 'regionCode'): string {
  const parsed = parseRegionCode(raw);
  if (!parsed.ok) throw new HubError(ErrorCode.INVALID_REGION_CODE, parsed.reason, { field });
  return parsed.value.code;
}

/** A region that must exist, optionally at a given level. */
export async function requireRegion(ctx: ResidentsContext, raw: string, level?: RegionRow['level'], field?: string) {
  const code = checkRegionCode(raw, field);
  const region = await regionLoader(ctx).load(code);
  if (!region) throw new HubError(ErrorCode.INVALID_REGION_CODE, `Region ${code} is not part of this city.`, { field });
  if (level && region.level !== level) {
    throw new HubError(ErrorCode.INVALID_REGION_CODE, `${region.name} (${code}) is a ${region.level.toLowerCase()}, not a ${level.toLowerCase()}.`, { field });
  }
  return region;
}

/** 行政区划: public reference data, readable without signing in. */
export const RegionType = builder.objectRef<RegionRow>('Region');

RegionType.implement({
  description: 'A region of the four-level tree: city, district/county, street/township, community/village.',
  fields: (t) => ({
    code: t.exposeID('code', { description: 'GB/T 2260 code (4 or 6 digits) or statistical code (9 or 12 digits).' }),
    name: t.exposeString('name'),
    level: t.expose('level', { type: RegionLevelEnum }),
    communityKind: t.expose('communityKind', { type: CommunityKindEnum, nullable: true }),
    parent: t.field({
      type: RegionType,
      nullable: true,
      resolve: (region, _args, ctx) => (region.parentCode ? regionLoader(ctx).load(region.parentCode) : null),
    }),
    children: t.field({
      type: [RegionType],
      resolve: (region, _args, ctx) => childrenLoader(ctx).load(region.code),
    }),
    ancestors: t.field({
      type: [RegionType],
      description: 'From the city down to the parent.',
      resolve: async (region, _args, ctx) => {
        const chain: RegionRow[] = [];
        let parent = region.parentCode;
        while (parent) {
          const row = await regionLoader(ctx).load(parent);
          if (!row) break;
          chain.unshift(row);
          parent = row.parentCode;
        }
        return chain;
      },
    }),
  }),
});

builder.asEntity(RegionType, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, ctx) => regionLoader(ctx).load(code),
});

builder.queryFields((t) => ({
  region: t.field({
    type: RegionType,
    nullable: true,
    skipTypeScopes: true,
    args: { code: t.arg.id({ required: true }) },
    resolve: (_root, { code }, ctx) => regionLoader(ctx).load(checkRegionCode(String(code), 'code')),
  }),
  regions: t.field({
    type: [RegionType],
    skipTypeScopes: true,
    description: 'Regions below `parentCode` (its whole subtree when `level` is given, its children otherwise).',
    args: {
      parentCode: t.arg.id({ required: false }),
      level: t.arg({ type: RegionLevelEnum, required: false }),
    },
    resolve: async (_root, { parentCode, level }, ctx) => {
      if (parentCode == null && level == null) {
        return ctx.db.select().from(regions).where(eq(regions.level, 'CITY')).orderBy(asc(regions.code));
      }
      if (parentCode == null) {
        return ctx.db.select().from(regions).where(eq(regions.level, level!)).orderBy(asc(regions.code));
      }
      const code = checkRegionCode(String(parentCode), 'parentCode');
      if (level == null) return childrenLoader(ctx).load(code);
      return ctx.db
        .select()
        .from(regions)
        .where(and(like(regions.code, `${code}%`), eq(regions.level, level)))
        .orderBy(asc(regions.code));
    },
  }),
}));
