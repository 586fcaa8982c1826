import { and, asc, eq, like } from 'drizzle-orm';
import { cityCode, todayIso } from '@hub/common';
import { regions } from '../db/schema';
import { builder, type ResidentsContext } from '../builder';
import { residentsSettings } from '../config';
import { assessCommunity, type Assessment } from '../stats/certification';
import { addFigures, communityFigures, emptyFigures, employmentRate, type RegionFigures } from '../stats/statistics';
import { RegionType, type RegionRow } from './region';

const criteria = residentsSettings();

/** Every community's figures for `asOf`, computed once per request and summed up the tree. */
function figuresOn(ctx: ResidentsContext, asOf: string): Promise<Map<string, RegionFigures>> {
  const key = `figures:${asOf}`;
  let cached = ctx.loaders.get(key) as unknown as Promise<Map<string, RegionFigures>> | undefined;
  if (!cached) {
    cached = communityFigures(ctx.db, cityCode(), asOf);
    ctx.loaders.set(key, cached as never);
  }
  return cached;
}

async function figuresOf(ctx: ResidentsContext, region: RegionRow, asOf: string): Promise<RegionFigures> {
  const all = await figuresOn(ctx, asOf);
  const total = emptyFigures();
  for (const [community, figures] of all) if (community.startsWith(region.code)) addFigures(total, figures);
  return total;
}

function communitiesBelow(ctx: ResidentsContext, region: RegionRow): Promise<RegionRow[]> {
  return ctx.db
    .select()
    .from(regions)
    .where(and(like(regions.code, `${region.code}%`), eq(regions.level, 'COMMUNITY')))
    .orderBy(asc(regions.code));
}

const RegionStatisticsType = builder.objectRef<RegionFigures>('RegionStatistics').implement({
  description: 'Labour-market figures of a region, rolled up from its communities.',
  fields: (t) => ({
    labourForce: t.exposeInt('labourForce', { description: 'Able and willing: working age, in work or unemployed.' }),
    employed: t.exposeInt('employed'),
    unemployed: t.exposeInt('unemployed'),
    employmentRate: t.float({ nullable: true, description: '就业率: employed ÷ labour force.', resolve: (f) => employmentRate(f) }),
    zeroEmploymentHouseholds: t.exposeInt('zeroEmploymentHouseholds'),
    fortyFifty: t.exposeInt('fortyFifty', { description: 'Unemployed 4050 people.' }),
    longTermUnemployed: t.exposeInt('longTermUnemployed'),
    openCases: t.exposeInt('openCases'),
  }),
});

const AssessmentType = builder.objectRef<Assessment & { region: RegionRow; figures: RegionFigures }>('FullEmploymentAssessment').implement({
  description: '充分就业社区 assessment of a community against the configured criteria.',
  fields: (t) => ({
    community: t.field({ type: RegionType, resolve: (a) => a.region }),
    certified: t.exposeBoolean('certified'),
    employmentRate: t.exposeFloat('employmentRate', { nullable: true }),
    reasons: t.exposeStringList('reasons', { description: 'Why it fails; empty when certified.' }),
    statistics: t.field({ type: RegionStatisticsType, resolve: (a) => a.figures }),
  }),
});

const SummaryType = builder
  .objectRef<{ assessed: number; certified: number; averageCommunityEmploymentRate: number | null }>('FullEmploymentSummary')
  .implement({
    fields: (t) => ({
      assessed: t.exposeInt('assessed', { description: 'Communities with a registered labour force.' }),
      certified: t.exposeInt('certified'),
      averageCommunityEmploymentRate: t.exposeFloat('averageCommunityEmploymentRate', { nullable: true, description: 'Mean of the communities\' rates, as the bureau reports it.' }),
    }),
  });

async function assessmentsBelow(ctx: ResidentsContext, region: RegionRow, asOf: string) {
  const all = await figuresOn(ctx, asOf);
  const communities = region.level === 'COMMUNITY' ? [region] : await communitiesBelow(ctx, region);
  return communities.map((community) => {
    const figures = all.get(community.code) ?? emptyFigures();
    return { region: community, figures, ...assessCommunity(figures, criteria) };
  });
}

builder.objectFields(RegionType, (t) => ({
  statistics: t.field({
    type: RegionStatisticsType,
    authScopes: { authenticated: true },
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: (region, { asOf }, ctx) => figuresOf(ctx, region, asOf ?? todayIso()),
  }),
  fullEmploymentAssessment: t.field({
    type: AssessmentType,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'For a community: whether it qualifies as a full-employment community, and why not.',
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (region, { asOf }, ctx) => (region.level === 'COMMUNITY' ? (await assessmentsBelow(ctx, region, asOf ?? todayIso()))[0]! : null),
  }),
  fullEmploymentCommunities: t.field({
    type: [AssessmentType],
    authScopes: { authenticated: true },
    description: 'Certified full-employment communities in this region.',
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (region, { asOf }, ctx) => (await assessmentsBelow(ctx, region, asOf ?? todayIso())).filter((a) => a.certified),
  }),
  fullEmployment: t.field({
    type: SummaryType,
    authScopes: { authenticated: true },
    description: 'How many communities below are certified, and their average employment rate (the seed city: 161 certified, 96 %).',
    args: { asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (region, { asOf }, ctx) => {
      const assessments = (await assessmentsBelow(ctx, region, asOf ?? todayIso())).filter((a) => a.employmentRate !== null);
      const rates = assessments.map((a) => a.employmentRate!);
      return {
        assessed: assessments.length,
        certified: assessments.filter((a) => a.certified).length,
        averageCommunityEmploymentRate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
      };
    },
  }),
}));

