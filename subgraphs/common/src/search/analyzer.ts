import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { dictionaryWords, normaliseWord, termsOf } from '../vocabulary';

/**
 * Chinese segmentation on our side, the same for both engines: jieba (the segmenter Meilisearch
 * itself uses for Chinese) with the vocabulary loaded as its custom dictionary, so 绿化工 is one
 * word and not 绿 + 化工.
 *
 * Documents are segmented in search mode (中国农业发展银行 → 中国 农业 发展 银行 农业发展银行) into
 * a searchable field, because Meilisearch matches Chinese only at word starts: without it 农业
 * would not find 中国农业发展银行, nor 处理 find 待处理 (meilisearch#2499, #4874, #4935).
 */
let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // A high frequency makes jieba prefer the vocabulary's words over splitting them.
    jieba.loadDict(Buffer.from(dictionaryWords().map((w) => `${w} 50000 n`).join('\n')));
  }
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * The longest word the index keeps, in characters. Real words are far shorter (the longest
 * vocabulary term has 7); a longer run (a pasted hash, 120,000 letters without a space) is cut,
 * because a prefix index costs the square of a word's length: uncut, one such word filled the heap.
 */
export const MAX_WORD_LENGTH = 32;

/** `word` cut to MAX_WORD_LENGTH characters (code points, so no surrogate pair is split). */
export function boundedWord(word: string): string {
  if (word.length <= MAX_WORD_LENGTH) return word;
  return Array.from(word.slice(0, 2 * MAX_WORD_LENGTH)).slice(0, MAX_WORD_LENGTH).join('');
}

/** Words of a query, as a person typed them, segmented precisely (no overlapping pieces). */
export function queryWords(text: string): string[] {
  const words = segmenter()
    .cut(text.normalize('NFKC').toLowerCase(), true)
    .map((w) => boundedWord(w.trim()))
    .filter((w) => WORD.test(w));
  return [...new Set(words)];
}

/**
 * Every token a document should be found by: the search-mode pieces of its text, and for each
 * piece the canonical vocabulary terms it stands for (炊事员 → 厨师), so synonyms meet in the index.
 */
export function indexTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const piece of segmenter().cutForSearch(text.normalize('NFKC').toLowerCase(), true)) {
      const word = boundedWord(piece.trim());
      if (!WORD.test(word)) continue;
      tokens.add(word);
      for (const term of termsOf(word)) tokens.add(normaliseWord(term));
    }
  }
  return [...tokens];
}

/** The searchable text field both engines index: the tokens, space-separated. */
export function searchableText(...texts: (string | null | undefined)[]): string {
  return indexTokens(...texts).join(' ');
}
