import { describe, expect, it } from 'vitest';
import { and, anyOf, eq, meiliSearchParams, meiliSettings, or, toMeiliFilter } from '../src/search';

/** What the Meilisearch adapter sends, checked without a server (none can be installed here). */
describe('Meilisearch requests', () => {
  it('prints filters with every value quoted, so user text cannot change their meaning', () => {
    expect(toMeiliFilter(and(eq('status', 'OPEN'), eq('publicWelfare', true), { field: 'wageMax', op: '>=', value: 3000 }))).toBe(
      '(status = "OPEN" AND publicWelfare = true AND wageMax >= 3000)',
    );
    expect(toMeiliFilter(eq('title', '厨师" OR status = "CLOSED'))).toBe('title = "厨师\\" OR status = \\"CLOSED"');
    expect(toMeiliFilter(eq('title', 'a\\'))).toBe('title = "a\\\\"');
    expect(toMeiliFilter(or(anyOf('skills', ['保洁', '厨师']), { not: eq('district', '211402') }))).toBe(
      '(skills IN ["保洁", "厨师"] OR NOT district = "211402")',
    );
    expect(toMeiliFilter(and())).toBeUndefined();
  });

  it('refuses field names that are not plain identifiers', () => {
    expect(() => toMeiliFilter(eq('status = "OPEN" OR x', 'y'))).toThrow(/not a field name/);
    expect(() => toMeiliFilter({ field: 'wage', op: '>', value: Number.NaN })).toThrow(/not a number/);
  });

  it('sends segmented words, sort, paging, facets and the `last` matching strategy', () => {
    const { q, params } = meiliSearchParams({
      q: '招聘炊事员 包吃住',
      filter: eq('status', 'OPEN'),
      sort: [{ field: 'postedAt', order: 'desc' }],
      limit: 10,
      offset: 20,
      facets: ['districtCode'],
    });
    expect(q).toBe('招聘 炊事员 包吃住');
    expect(params).toEqual({
      filter: 'status = "OPEN"',
      sort: ['postedAt:desc'],
      limit: 10,
      offset: 20,
      facets: ['districtCode'],
      matchingStrategy: 'last',
    });
  });

  it('configures attributes, ranking, synonyms both ways and the custom dictionary', () => {
    const settings = meiliSettings({ searchableAttributes: ['searchText'], filterableAttributes: ['status'], sortableAttributes: ['postedAt'] });
    expect(settings.searchableAttributes).toEqual(['searchText']);
    expect(settings.filterableAttributes).toEqual(['status']);
    expect(settings.sortableAttributes).toEqual(['postedAt']);
    expect(settings.rankingRules?.slice(0, 2)).toEqual(['words', 'sort']);
    expect(settings.synonyms?.['炊事员']).toContain('厨师');
    expect(settings.synonyms?.['厨师']).toContain('炊事员');
    expect(settings.synonyms?.['电脑维修']).toContain('计算机维修');
    expect(settings.dictionary).toEqual(expect.arrayContaining(['绿化工', '保洁员', '电脑维修工']));
  });
});
