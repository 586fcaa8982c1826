/**
 * Identifiers that must be valid and unique: identity numbers, credit codes, mobile numbers,
 * and names and addresses that would look wrong if repeated.
 */
import { creditCodeCheckCharacter, identityCheckDigit } from '@hub/common';
import type { Rng } from './random';
import type { Gender } from './types';

const USCC_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS_OR_X = [...'0123456789X'];
const MOBILE_SECOND_DIGITS = ['3', '5', '8'];
const MAX_ATTEMPTS = 1000;

/** Hands out values no one else has received. `make` gets the attempt number, so it can widen its range when crowded. */
export class Registry {
  private readonly used = new Set<string>();

  constructor(private readonly what: string) {}

  /** `scope` separates namespaces, such as the same house number in two villages of the same name. */
  claim(make: (attempt: number) => string, scope = ''): string {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const value = make(attempt);
      const key = scope + value;
      if (!this.used.has(key)) {
        this.used.add(key);
        return value;
      }
    }
    throw new Error(`Ran out of distinct ${this.what} after ${MAX_ATTEMPTS} attempts.`);
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Local keys (E001, V0001) that sort in order whatever the count. */
export const localKey = (prefix: string, index: number, count: number) =>
  prefix + pad(index + 1, Math.max(3, String(count).length));

/** GB 11643: region, birth date, a sequence whose last digit is odd for men and even for women, check digit. */
export function identityNumber(rng: Rng, registry: Registry, districtCode: string, birthDate: string, gender: Gender): string {
  return registry.claim(() => {
    // 002..998 even, 003..999 odd: never 000, which no office issues.
    const sequence = 2 * rng.int(1, 499) + (gender === 'MALE' ? 1 : 0);
    const first17 = districtCode + birthDate.replaceAll('-', '') + pad(sequence, 3);
    return first17 + identityCheckDigit(first17);
  });
}

/**
 * GB 32100: 9 (registered by market regulation) 1 (company), the district, the organisation code,
 * check character. Companies registered since 2015 have organisation codes starting MA.
 */
export function creditCode(rng: Rng, registry: Registry, districtCode: string): string {
  return registry.claim(() => {
    let organisation = '';
    if (rng.chance(0.7)) {
      organisation = 'MA';
      for (let i = 0; i < 7; i++) organisation += rng.pick(USCC_CHARS);
    } else {
      organisation = pad(rng.int(0, 99_999_999), 8) + rng.pick(DIGITS_OR_X);
    }
    const first17 = `91${districtCode}${organisation}`;
    return first17 + creditCodeCheckCharacter(first17);
  });
}

/** 11-digit mobile numbers in the 13x, 15x and 18x ranges. */
export function mobile(rng: Rng, registry: Registry): string {
  return registry.claim(() => `1${rng.pick(MOBILE_SECOND_DIGITS)}${rng.int(0, 9)}${pad(rng.int(0, 99_999_999), 8)}`);
}
