/**
 * The words of one comment as typed arrays, one row per unit, reused from comment to comment: what
 * the id matcher and the target rules read instead of objects and strings. The fast scan fills it
 * for plain text (positions, form ids); the full pipeline fills it from its units.
 */
import { charEntry, K_ELLIPSIS, K_NEWLINE, K_SPACE } from './char-table.js';
import { MAX_GAP } from './tokenize.js';

/** Kinds of a row (see {@link TokenKind}). */
export const W_WORD = 1;
export const W_NUMBER = 2;
export const W_MENTION = 3;
export const W_MASK = 4;

/** Word flags: the word is one of the target words of lexicon/targets.ts, or looks plural. */
export const F_SECOND_SINGULAR = 1;
export const F_SECOND_PLURAL = 2;
export const F_IDENTITY = 4;
export const F_INTERJECTION = 8;
/** A form longer than 3 letters ending in `s` or `x`. */
export const F_PLURAL = 16;
/**
 * A word the tokenizer decodes (leet, squeezed letters, glued symbols) whose forms match nothing:
 * its spelling in the text is not its forms, so no allow phrase may read it (fast scan only).
 */
export const F_OPAQUE = 32;
/** A second-person possessive (`ton`, `votre`…): no address right before a `needsTarget` noun. */
export const F_POSSESSIVE = 64;
/** A word of the learned layer's vocabulary (fast scan only). */
export const F_MODEL = 128;

/** Gap flags: what the (compressed) gap before a row holds. */
export const G_SENTENCE_END = 1; // . ! ? or a line break
export const G_COMMA = 2;
export const G_EXCLAMATION = 4;
export const G_QUESTION = 8;

const PUNCTUATION = new Uint8Array(128);
PUNCTUATION[0x2e] = G_SENTENCE_END;
PUNCTUATION[0x21] = G_SENTENCE_END | G_EXCLAMATION;
PUNCTUATION[0x3f] = G_SENTENCE_END | G_QUESTION;
PUNCTUATION[0x0a] = G_SENTENCE_END;
PUNCTUATION[0x2c] = G_COMMA;

/**
 * Rows of a comment. `gaps` has one more entry than rows: `gaps[k]` is the gap before row `k`,
 * `gaps[count]` the trailing one. Phrase masks (`person`…) hold, at row `k`, bit `L` when a marker
 * phrase of `L` words ends at `k`; they are filled only right before a hit.
 */
export class WordTable {
  count = 0;
  /**
   * Set by the fast scan: true when it read no piece (leet, glued symbols, squeezed letters), so
   * every run of letters of the text is exactly one word row, with its character-trie node.
   */
  plain = false;
  /** Set by the fast scan: how many word rows are words of the learned layer (flag {@link F_MODEL}). */
  modelWords = 0;
  kind = new Uint8Array(0);
  flags = new Uint8Array(0);
  gaps = new Uint8Array(1);
  /** Half-open span of the row in the folded text. */
  start = new Int32Array(0);
  end = new Int32Array(0);
  /** Character-trie node of the word (fast scan only): equal nodes, equal words. */
  node = new Int32Array(0);
  /** The row's form ids are `ids[idFrom[k] .. idTo[k])`: prefix ids by length, then the exact id (fast scan only). */
  idFrom = new Int32Array(0);
  idTo = new Int32Array(0);
  ids = new Int32Array(64);
  idCount = 0;
  person = new Uint32Array(0);
  personSale = new Uint32Array(0);
  group = new Uint32Array(0);
  weakGroup = new Uint32Array(0);
  /** Per row: first and last row of its sentence, and the OR of the word flags of the sentence (at its first row). */
  sentenceStart = new Int32Array(0);
  sentenceEnd = new Int32Array(0);
  sentenceFlags = new Uint8Array(0);

  /**
   * Empties the table, with room for `rows` rows.
   *
   * @example
   * const t = new WordTable();
   * t.reset(10); // t.count === 0
   */
  reset(rows: number): void {
    this.count = 0;
    this.idCount = 0;
    if (this.kind.length >= rows) return;
    const cap = Math.max(rows, 2 * this.kind.length, 16);
    this.kind = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.gaps = new Uint8Array(cap + 1);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.node = new Int32Array(cap);
    this.idFrom = new Int32Array(cap);
    this.idTo = new Int32Array(cap);
    this.person = new Uint32Array(cap);
    this.personSale = new Uint32Array(cap);
    this.group = new Uint32Array(cap);
    this.weakGroup = new Uint32Array(cap);
    this.sentenceStart = new Int32Array(cap);
    this.sentenceEnd = new Int32Array(cap);
    this.sentenceFlags = new Uint8Array(cap);
  }

  /**
   * Makes room for `n` more form ids in `ids` (growing it) and returns where they go: the caller
   * writes them there and moves `idCount` on.
   *
   * @example
   * const at = t.reserveIds(2);
   * t.ids[at] = 7; t.ids[at + 1] = 9; t.idCount = at + 2;
   */
  reserveIds(n: number): number {
    if (this.idCount + n > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, this.idCount + n));
      grown.set(this.ids);
      this.ids = grown;
    }
    return this.idCount;
  }

  /** Clears the phrase masks of the first `count` rows. */
  clearMarkers(): void {
    this.person.fill(0, 0, this.count);
    this.personSale.fill(0, 0, this.count);
    this.group.fill(0, 0, this.count);
    this.weakGroup.fill(0, 0, this.count);
  }
}

/**
 * Gap flags of a gap string of the tokenizer (already compressed).
 *
 * @example
 * gapFlagsOf(', ') === G_COMMA; // true
 */
export function gapFlagsOf(gap: string): number {
  let flags = 0;
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c < 128) flags |= PUNCTUATION[c] as number;
  }
  return flags;
}

/**
 * Gap flags of `text[from, to)` read through the character table, as the tokenizer would see that
 * gap after compressing it: whitespace runs shrink to one or two characters (a line break to `\n`)
 * and only the first {@link MAX_GAP} characters count. `text` must fold unit for unit, but for `…`
 * (three dots).
 *
 * @example
 * gapFlagsIn('a ! b', 1, 4) === (G_SENTENCE_END | G_EXCLAMATION); // true
 */
export function gapFlagsIn(text: string, from: number, to: number): number {
  let flags = 0;
  let out = 0;
  let i = from;
  while (i < to && out < MAX_GAP) {
    const e = charEntry(text.charCodeAt(i));
    if ((e & (K_SPACE | K_NEWLINE)) !== 0) {
      let j = i;
      let newline = false;
      while (j < to) {
        const ej = charEntry(text.charCodeAt(j));
        if ((ej & (K_SPACE | K_NEWLINE)) === 0) break;
        if ((ej & K_NEWLINE) !== 0) newline = true;
        j++;
      }
      if (newline) flags |= G_SENTENCE_END;
      out += newline || j - i === 1 ? 1 : 2;
      i = j;
    } else {
      const f = e >>> 16;
      if (f < 128) flags |= PUNCTUATION[f] as number;
      out += (e & K_ELLIPSIS) !== 0 ? 3 : 1; // `…` folds to `...`
      i++;
    }
  }
  return flags;
}
