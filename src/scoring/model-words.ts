/**
 * The words the learned layer reads: maximal runs of letters of the original text, folded through
 * {@link charEntry} (lowercase, accents stripped, `œ` → `oe`). Anything else — space, punctuation,
 * apostrophe, digit, a unit folding needs the full normalizer for (marks, surrogates) — ends a word.
 * A word is read in place, so its span in the original is exact; it is kept from 2 folded letters on.
 *
 * Deliberately simpler than the tokenizer: no leet, masks or glued words (the lexicon handles
 * disguises). The trainer and the runtime layer both read text through {@link eachModelWord}, so
 * what was learned is what is looked up.
 */
import { charEntry, K_LETTER, K_PLUS_E } from './char-table.js';

/** Shortest word the layer reads, in folded letters: `l'`, `d'`, `j'` carry nothing. */
export const MIN_MODEL_WORD = 2;
/** Longest word the layer reads; longer runs are skipped (no vocabulary word is that long). */
export const MAX_MODEL_WORD = 32;

const LOWER_E = 0x65;

/**
 * Calls `visit(folded, start, end)` for every word of `text`, in order; `start`/`end` are half-open
 * UTF-16 offsets into `text`.
 *
 * @example
 * eachModelWord("L'Œil du Maître", (w, s, e) => console.log(w, s, e));
 * // oeil 2 5 · du 6 8 · maitre 9 15
 */
export function eachModelWord(text: string, visit: (folded: string, start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let entry = charEntry(text.charCodeAt(i));
    if ((entry & K_LETTER) === 0) {
      i++;
      continue;
    }
    const start = i;
    let word = '';
    while ((entry & K_LETTER) !== 0) {
      word += String.fromCharCode(entry >>> 16);
      if ((entry & K_PLUS_E) !== 0) word += String.fromCharCode(LOWER_E);
      if (++i === n) break;
      entry = charEntry(text.charCodeAt(i));
    }
    if (word.length >= MIN_MODEL_WORD && word.length <= MAX_MODEL_WORD) visit(word, start, i);
  }
}

/**
 * The distinct words of `text`, in order of first appearance: a comment's features.
 *
 * @example
 * modelWords('Nul, nul et archi-nul'); // ['nul', 'et', 'archi']
 */
export function modelWords(text: string): string[] {
  const seen = new Set<string>();
  eachModelWord(text, (w) => seen.add(w));
  return [...seen];
}
