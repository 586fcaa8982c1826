import { describe, expect, it } from 'vitest';
import { dateProblem, identityCheckDigit, parseIdentityNumber } from '../src/identifiers';
import { fakeIdentityNumber } from '../src/testing';

/** Identity-number region prefixes and the range of dates, table-driven. */

const withRegion = (region: string) => {
  const first17 = `${region}19800101123`;
  return first17 + identityCheckDigit(first17);
};

describe('the region prefix of an identity number', () => {
  it.each([
    ['Lianshan, Huludao (a current county)', '211402', true],
    ['Beijing Dongcheng', '110101', true],
    ['Xiantao, a city governed by the province (90)', '429004', true],
    ['Chongwen district of Beijing, merged into Dongcheng in 2010 (no longer current)', '110103', true],
    ['no province at all', '999999', false],
    ['province 10 does not exist', '101010', false],
    ['province 47 does not exist', '470101', false],
    ['a province with no city', '210001', false],
  ])('%s (%s)', (_what, region, valid) => {
    const parsed = parseIdentityNumber(withRegion(region));
    expect(parsed.ok).toBe(valid);
    if (!parsed.ok) expect(parsed.reason).toBe(`The first six digits (${region}) are not a region of China: they start with a province (11 to 82) and a city.`);
  });

  it("keeps the test fixtures' generated numbers valid", () => {
    for (const district of ['211402', '211403', '211404', '211421', '211422', '211481']) {
      expect(parseIdentityNumber(fakeIdentityNumber('1975-06-30', 'FEMALE', district)).ok, district).toBe(true);
    }
  });
});

describe('the dates the hub takes', () => {
  const today = new Date('2026-11-30T08:00:00Z');
  it.each([
    ['today', '2026-11-30', undefined],
    ['the first day taken', '1900-01-01', undefined],
    ['a day before it', '1899-12-31', 'is before 1900-01-01; check the year'],
    ['year one', '0001-01-01', 'is before 1900-01-01; check the year'],
    ['ten years ahead', '2036-11-30', undefined],
    ['a day more', '2036-12-01', 'is more than 10 years ahead (after 2036-11-30); check the year'],
    ['a day that does not exist', '2026-02-30', 'is not a date; write it as YYYY-MM-DD'],
    ['a word', 'yesterday', 'is not a date; write it as YYYY-MM-DD'],
  ])('%s: %s', (_what, value, problem) => {
    expect(dateProblem(value, today)).toBe(problem);
  });
});
