/** Calendar arithmetic on YYYY-MM-DD strings in UTC, so results do not depend on the machine's time zone. */

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDay(dayNumber(iso) + days);
}

/** The same month and day `years` later; 29 February becomes 1 March, as `ageOn` counts birthdays. */
export function addYears(iso: string, years: number): string {
  return isoDay(dayNumber(`${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`));
}

export const laterOf = (a: string, b: string): string => (a > b ? a : b);
export const earlierOf = (a: string, b: string): string => (a < b ? a : b);
