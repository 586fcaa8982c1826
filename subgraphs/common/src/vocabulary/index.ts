import { OCCUPATIONS, PHRASES, SKILLS, type OccupationTerm } from './terms';

export { OCCUPATIONS, PHRASES, SKILLS, type OccupationTerm, type SkillTerm } from './terms';

/**
 * Free text is normalised before it is compared or indexed: full-width letters and digits made
 * half-width (ＣＮＣ → cnc), case folded, inner spaces dropped, so 电脑 维修 and 电脑维修 agree.
 */
export function normaliseWord(text: string): string {
  return memo(normalised, text, () => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').trim());
}

// Matching normalises the same few thousand words for every candidate: remember them.
const normalised = new Map<string, string>();
const canonicalSkills = new Map<string, string>();
const canonicalOccupations = new Map<string, string>();

function memo(cache: Map<string, string>, key: string, compute: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 50_000) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function byWord<T extends { name: string; synonyms: string[] }>(terms: T[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const term of terms) {
    map.set(normaliseWord(term.name), term.name);
    for (const synonym of term.synonyms) if (!map.has(normaliseWord(synonym))) map.set(normaliseWord(synonym), term.name);
  }
  return map;
}

const occupationByWord = byWord(OCCUPATIONS);
// Skills named by an occupation but without an entry of their own are still known skills.
const skillByWord = byWord([
  ...SKILLS,
  ...OCCUPATIONS.flatMap((o) => o.skills).filter((s) => !SKILLS.some((k) => k.name === s)).map((name) => ({ name, synonyms: [] })),
]);
const occupationByName = new Map(OCCUPATIONS.map((o) => [o.name, o]));

/** The canonical name of a skill as typed (保洁 → 日常保洁); an unknown skill is kept as typed, tidied. */
export function canonicalSkill(text: string): string {
  return memo(canonicalSkills, text, () => skillByWord.get(normaliseWord(text)) ?? text.normalize('NFKC').trim());
}

/** Every name a skill goes by (its canonical name first): what to look for in text typed by others. */
export function namesOfSkill(text: string): string[] {
  const name = canonicalSkill(text);
  return [name, ...[...skillByWord.entries()].filter(([word, canonical]) => canonical === name && word !== normaliseWord(name)).map(([word]) => word)];
}

/** The canonical name of an occupation as typed (炊事员 → 厨师); an unknown one is kept as typed, tidied. */
export function canonicalOccupation(text: string): string {
  return memo(canonicalOccupations, text, () => occupationByWord.get(normaliseWord(text)) ?? text.normalize('NFKC').trim());
}

export function occupationTerm(text: string): OccupationTerm | undefined {
  return occupationByName.get(canonicalOccupation(text));
}

/** The skills that an occupation usually asks for (empty for an occupation the vocabulary does not know). */
export function skillsForOccupation(text: string): string[] {
  return occupationTerm(text)?.skills ?? [];
}

/**
 * Every canonical term a word stands for, as occupation and as skill (保洁 is both the work of a
 * 保洁员 and the skill 日常保洁); a word the vocabulary does not know stands for itself.
 */
export function termsOf(word: string): string[] {
  const key = normaliseWord(word);
  const found = [occupationByWord.get(key), skillByWord.get(key)].filter((t): t is string => t !== undefined);
  return found.length ? [...new Set(found)] : [key];
}

/** Every name and other name in the vocabulary: the custom dictionary of the Chinese segmenter. */
export function dictionaryWords(): string[] {
  return [...new Set([...occupationByWord.keys(), ...skillByWord.keys(), ...PHRASES])].filter((w) => /[\u4e00-\u9fff]/.test(w));
}

/**
 * Synonym lists as Meilisearch takes them: each word maps to the others of its group, both ways,
 * so a query for 炊事员 finds 厨师 and one for 厨师 finds 炊事员.
 */
export function synonymGroups(): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  const add = (name: string, words: string[]) => {
    const group = groups.get(name) ?? new Set([normaliseWord(name)]);
    for (const w of words) group.add(normaliseWord(w));
    groups.set(name, group);
  };
  for (const o of OCCUPATIONS) add(`o:${o.name}`, [o.name, ...o.synonyms]);
  for (const s of SKILLS) add(`s:${s.name}`, [s.name, ...s.synonyms]);
  const synonyms: Record<string, string[]> = {};
  for (const group of groups.values()) {
    for (const word of group) {
      const others = [...group].filter((w) => w !== word);
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...others])];
    }
  }
  return synonyms;
}
