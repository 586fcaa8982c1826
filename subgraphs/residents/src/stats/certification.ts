import type { ResidentsSettings } from '../config';
import { employmentRate, type RegionFigures } from './statistics';

export interface Assessment {
  certified: boolean;
  employmentRate: number | null;
  /** Why it is not certified, in words; empty when it is. */
  reasons: string[];
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** 充分就业社区: a community is certified when it meets every criterion. */
export function assessCommunity(figures: RegionFigures, criteria: ResidentsSettings): Assessment {
  const rate = employmentRate(figures);
  const reasons: string[] = [];
  if (rate === null) reasons.push('No able and willing labour force is registered, so the rate cannot be assessed.');
  else if (rate < criteria.FEC_MIN_EMPLOYMENT_RATE) {
    reasons.push(`Employment rate ${percent(rate)} is below ${percent(criteria.FEC_MIN_EMPLOYMENT_RATE)} (${figures.employed} of ${figures.labourForce} employed).`);
  }
  if (figures.zeroEmploymentHouseholds > criteria.FEC_MAX_ZERO_EMPLOYMENT_HOUSEHOLDS) {
    reasons.push(`${figures.zeroEmploymentHouseholds} zero-employment household(s); at most ${criteria.FEC_MAX_ZERO_EMPLOYMENT_HOUSEHOLDS} allowed.`);
  }
  if (figures.longTermUnemployed > criteria.FEC_MAX_LONG_TERM_UNEMPLOYED) {
    reasons.push(`${figures.longTermUnemployed} person(s) unemployed six months or more; at most ${criteria.FEC_MAX_LONG_TERM_UNEMPLOYED} allowed.`);
  }
  return { certified: reasons.length === 0, employmentRate: rate, reasons };
}
