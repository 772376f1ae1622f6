/**
 * What a moderator types in the search box, as terms both databases' full-text indexes answer:
 * words (case and accents folded), `"quoted phrases"`, `mot*` for a word's beginning; several
 * terms must all be found (in the body, the author's name or the article's title).
 */

/** One term: its words in order (one for a plain word, several for a phrase), the last maybe a prefix. */
export interface SearchTerm {
  words: readonly string[];
  prefix: boolean;
}

/** Terms beyond this many are ignored: each one is another lookup in the index. */
export const MAX_SEARCH_TERMS = 8;

/** Letters and digits make words; anything else separates them, as both databases' tokenizers do. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Lower case, accents removed, œ and æ spelled out: the form the indexes store.
 *
 * @example
 * foldSearchText('Élu ŒUVRE'); // 'elu oeuvre'
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae');
}

function toTerm(text: string, prefix: boolean): SearchTerm | null {
  const words = foldSearchText(text).match(WORD) ?? [];
  if (words.length === 0) return null;
  // A prefix of one letter would read most of the index: it counts as the letter itself.
  return { words, prefix: prefix && words.at(-1)!.length >= 2 };
}

/**
 * The terms of a search text. A chunk joined by punctuation (`l'axe`, `Kayes-Bamako`) is a phrase
 * of its words; an unclosed quote runs to the end; terms without a letter or digit are dropped.
 *
 * @example
 * parseSearchQuery('élu* "ta gueule" Bamako');
 * // [{ words: ['elu'], prefix: true }, { words: ['ta', 'gueule'], prefix: false }, { words: ['bamako'], prefix: false }]
 */
export function parseSearchQuery(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const chunk = /"([^"]*)"?|(\S+)/g;
  for (const found of text.matchAll(chunk)) {
    const phrase = found[1];
    const word = found[2];
    let term: SearchTerm | null;
    if (phrase !== undefined) term = toTerm(phrase, /\*\s*$/.test(phrase));
    else term = toTerm(word!, word!.endsWith('*'));
    if (term) terms.push(term);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}
