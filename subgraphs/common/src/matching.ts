import { canonicalOccupation, canonicalSkill, normaliseWord, occupationTerm } from './vocabulary';

/**
 * How well a person fits a vacancy, and why: one scoring rule for both directions (jobs for a
 * person, people for a vacancy), so a coordinator and an employer see the same numbers.
 * Hard requirements (age, sex, education, public-welfare eligibility, status) are filters and
 * never reach this function; what is scored is how good a fit is among the allowed ones.
 */

export interface MatchPerson {
  communityCode: string;
  skills: { name: string; certificateLevel?: number | null }[];
  intention: {
    occupations: string[];
    keywords: string[];
    districtCodes: string[];
    minMonthlyWage: number | null;
  } | null;
}

export interface MatchVacancy {
  occupation: string;
  skills: string[];
  niceToHaveSkills: string[];
  locationCode: string;
  wageMin: number;
  wageMax: number;
  /** The vacancy's words (title, description, employer), for the person's keywords. */
  text: string;
}

export type MatchFactor = 'SKILLS' | 'NICE_TO_HAVE_SKILLS' | 'OCCUPATION' | 'KEYWORDS' | 'LOCATION' | 'WAGE';

export interface MatchComponent {
  factor: MatchFactor;
  points: number;
  maxPoints: number;
  /** The reason in words a coordinator can read out. */
  reason: string;
}

export interface MatchExplanation {
  /** 0 to 100. */
  score: number;
  matchedSkills: string[];
  missingSkills: string[];
  matchedNiceToHaveSkills: string[];
  components: MatchComponent[];
}

/** Points per factor: must-have skills weigh most, as a person lacking them will not be hired. */
export const MATCH_WEIGHTS: Record<MatchFactor, number> = {
  SKILLS: 40,
  NICE_TO_HAVE_SKILLS: 10,
  OCCUPATION: 15,
  KEYWORDS: 10,
  LOCATION: 15,
  WAGE: 10,
};

const list = (items: string[]) => items.join('、');

/** Same community, street, district or city: the shorter the way to work, the better. */
export function locationTier(personCommunity: string, vacancyLocation: string): 'COMMUNITY' | 'STREET' | 'DISTRICT' | 'CITY' | 'ELSEWHERE' {
  if (vacancyLocation === personCommunity) return 'COMMUNITY';
  if (vacancyLocation.length >= 9 && vacancyLocation.slice(0, 9) === personCommunity.slice(0, 9)) return 'STREET';
  if (vacancyLocation.slice(0, 6) === personCommunity.slice(0, 6)) return 'DISTRICT';
  if (vacancyLocation.slice(0, 4) === personCommunity.slice(0, 4)) return 'CITY';
  return 'ELSEWHERE';
}

export function scoreMatch(person: MatchPerson, vacancy: MatchVacancy): MatchExplanation {
  const has = new Set(person.skills.map((s) => canonicalSkill(s.name)));
  const required = [...new Set(vacancy.skills.map(canonicalSkill))];
  const nice = [...new Set(vacancy.niceToHaveSkills.map(canonicalSkill))].filter((s) => !required.includes(s));
  const matchedSkills = required.filter((s) => has.has(s));
  const missingSkills = required.filter((s) => !has.has(s));
  const matchedNice = nice.filter((s) => has.has(s));
  const components: MatchComponent[] = [];
  const add = (factor: MatchFactor, share: number, reason: string) =>
    components.push({ factor, points: Math.round(MATCH_WEIGHTS[factor] * share * 10) / 10, maxPoints: MATCH_WEIGHTS[factor], reason });

  if (required.length === 0) add('SKILLS', 0.5, 'The vacancy asks for no particular skill.');
  else if (missingSkills.length === 0) add('SKILLS', 1, `Has every required skill (${list(matchedSkills)}).`);
  else
    add(
      'SKILLS',
      matchedSkills.length / required.length,
      `Has ${matchedSkills.length} of the ${required.length} required skills${matchedSkills.length ? ` (${list(matchedSkills)})` : ''}; lacks ${list(missingSkills)}.`,
    );

  if (nice.length === 0) add('NICE_TO_HAVE_SKILLS', 0, 'No further skills are asked for.');
  else add('NICE_TO_HAVE_SKILLS', matchedNice.length / nice.length, matchedNice.length ? `Also has ${list(matchedNice)}, which the employer would like.` : `Has none of the skills the employer would also like (${list(nice)}).`);

  const wanted = (person.intention?.occupations ?? []).map(canonicalOccupation);
  const occupation = canonicalOccupation(vacancy.occupation);
  const trade = occupationTerm(occupation)?.trade;
  if (wanted.includes(occupation)) add('OCCUPATION', 1, `Wants to work as ${occupation}.`);
  else if (trade && wanted.some((w) => occupationTerm(w)?.trade === trade)) add('OCCUPATION', 0.5, `Wants work in the same trade (${trade}).`);
  else if (wanted.length === 0) add('OCCUPATION', 0.3, 'Has not said what work they want.');
  else add('OCCUPATION', 0, `Wants other work (${list(wanted)}).`);

  const keywords = (person.intention?.keywords ?? []).map(normaliseWord).filter(Boolean);
  const text = normaliseWord(vacancy.text);
  const metKeywords = keywords.filter((k) => text.includes(k));
  if (keywords.length === 0) add('KEYWORDS', 0.5, 'Gave no further wishes.');
  else add('KEYWORDS', metKeywords.length / keywords.length, metKeywords.length ? `Offers what they asked for: ${list(metKeywords)}.` : `Offers none of what they asked for (${list(keywords)}).`);

  const tier = locationTier(person.communityCode, vacancy.locationCode);
  const wantedDistrict = (person.intention?.districtCodes ?? []).some((d) => vacancy.locationCode.startsWith(d));
  const LOCATION: Record<typeof tier, [number, string]> = {
    COMMUNITY: [1, 'The work is in their own community.'],
    STREET: [0.8, 'The work is in their own street.'],
    DISTRICT: [0.6, 'The work is in their own district.'],
    CITY: [0.25, 'The work is elsewhere in the city.'],
    ELSEWHERE: [0, 'The work is outside the city.'],
  };
  const [share, reason] = LOCATION[tier];
  if (wantedDistrict && share < 0.8) add('LOCATION', 0.8, 'The work is in a district they asked for.');
  else add('LOCATION', share, reason);

  const minimum = person.intention?.minMonthlyWage ?? null;
  if (minimum === null) add('WAGE', 1, 'Named no minimum wage.');
  else if (vacancy.wageMin >= minimum) add('WAGE', 1, `Pays at least the ${minimum} yuan they want (${vacancy.wageMin}–${vacancy.wageMax}).`);
  else if (vacancy.wageMax >= minimum) add('WAGE', 0.5, `May pay the ${minimum} yuan they want (${vacancy.wageMin}–${vacancy.wageMax}).`);
  else add('WAGE', 0, `Pays less than the ${minimum} yuan they want (at most ${vacancy.wageMax}).`);

  const score = Math.round(components.reduce((sum, c) => sum + c.points, 0) * 10) / 10;
  return { score, matchedSkills, missingSkills, matchedNiceToHaveSkills: matchedNice, components };
}

/** The one-line reading of a score: its strongest reasons, then what is missing. */
export function matchSummary(match: MatchExplanation): string {
  const strongest = [...match.components].sort((a, b) => b.points / b.maxPoints - a.points / a.maxPoints).slice(0, 2);
  const missing = match.missingSkills.length ? ` Lacks ${match.missingSkills.join('、')}.` : '';
  return `${Math.round(match.score)} of 100. ${strongest.map((c) => c.reason).join(' ')}${missing}`;
}

/** What a JobMatch id carries: the person, the vacancy, its employer and the skills the person lacks. */
export interface JobMatchKey {
  residentId: string;
  vacancyId: string;
  employerId: string;
  missingSkills: string[];
}

export function encodeJobMatchId(key: JobMatchKey): string {
  return Buffer.from(JSON.stringify([key.residentId, key.vacancyId, key.employerId, key.missingSkills])).toString('base64url');
}

/** The key inside a JobMatch id, or null for an id that was not made by encodeJobMatchId. */
export function decodeJobMatchId(id: string): JobMatchKey | null {
  try {
    const [residentId, vacancyId, employerId, missingSkills] = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown[];
    if (typeof residentId !== 'string' || typeof vacancyId !== 'string' || typeof employerId !== 'string') return null;
    if (!Array.isArray(missingSkills) || !missingSkills.every((s) => typeof s === 'string')) return null;
    return { residentId, vacancyId, employerId, missingSkills: missingSkills as string[] };
  } catch {
    return null;
  }
}
