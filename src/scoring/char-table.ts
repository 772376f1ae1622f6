/**
 * One table lookup per UTF-16 unit for the fast scan: what the unit folds to and what it is to the
 * tokenizer (letter, digit, space, a symbol that disguises words…). Built lazily from the same
 * folding as {@link normalize} and the same classes as the tokenizer, so the two can never disagree.
 */
import { foldedUnit, foldText } from './normalize.js';
import { classOf, C_DIGIT, C_LETTER, C_SPACE } from './tokenize.js';

/** A letter after folding (Unicode `\p{L}`). */
export const K_LETTER = 1;
/** An ASCII digit after folding: next to a letter it is leetspeak. */
export const K_DIGIT = 2;
/** Whitespace other than a line break. */
export const K_SPACE = 4;
/** `\n` or `\r`: whitespace that never joins a split word. */
export const K_NEWLINE = 8;
/** `*`, `#`, `@`, `$`, `_`: masks, leet, mentions or wildcards — the tokenizer must see the text. */
export const K_TRIGGER = 16;
/** `!`, `%`, `&`: censor symbols, or glue inside a token when a letter or digit sits on both sides. */
export const K_MASK_SYMBOL = 32;
export const K_DOT = 64;
export const K_APOSTROPHE = 128;
/** Folding changes the number of units here (marks, zero-width, surrogates, ligatures): use {@link normalize}. */
export const K_COMPLEX = 256;
const K_KNOWN = 512;
/** A letter that folds to two, the folded one then `e`: `œ` → `oe`, `æ` → `ae`. */
export const K_PLUS_E = 1024;
/** `…`: it folds to `...`, three sentence-ending dots (the folded unit is `.`). */
export const K_ELLIPSIS = 2048;
const KIND_MASK = 0xffff;

const TRIGGERS = new Set([...'*#@$_'].map((c) => c.charCodeAt(0)));
const MASK_SYMBOLS = new Set([...'!%&'].map((c) => c.charCodeAt(0)));

// Per unit: folded code << 16 | kind bits; 0 until first seen.
const TABLE = new Int32Array(0x10000);

/** The entry of a unit that folds to several: œ/æ and `…` are common enough in French to read here. */
function computeExpanding(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return K_COMPLEX | K_KNOWN;
  const out = foldText(String.fromCharCode(code));
  if (out === '...') return (0x2e << 16) | K_ELLIPSIS | K_KNOWN;
  const first = out.charCodeAt(0);
  if (out.length === 2 && out[1] === 'e' && (classOf(first) & C_LETTER) !== 0) return (first << 16) | K_LETTER | K_PLUS_E | K_KNOWN;
  return K_COMPLEX | K_KNOWN;
}

function compute(code: number): number {
  const folded = foldedUnit(code);
  if (folded < 0) return computeExpanding(code);
  const cls = classOf(folded);
  let kind = K_KNOWN;
  if ((cls & C_LETTER) !== 0) kind |= K_LETTER;
  else if ((cls & C_DIGIT) !== 0) kind |= K_DIGIT;
  else if (folded === 0x0a || folded === 0x0d) kind |= K_NEWLINE;
  else if ((cls & C_SPACE) !== 0) kind |= K_SPACE;
  else if (TRIGGERS.has(folded)) kind |= K_TRIGGER;
  else if (MASK_SYMBOLS.has(folded)) kind |= K_MASK_SYMBOL;
  else if (folded === 0x2e) kind |= K_DOT;
  else if (folded === 0x27) kind |= K_APOSTROPHE;
  return (folded << 16) | kind;
}

/**
 * The packed entry of a UTF-16 unit: read it with {@link kindOf} and {@link foldedOf}.
 *
 * @example
 * const e = charEntry('É'.charCodeAt(0));
 * kindOf(e) & K_LETTER; // K_LETTER
 * foldedOf(e);          // 0x65 ('e')
 */
export function charEntry(code: number): number {
  const e = TABLE[code] as number;
  if (e !== 0) return e;
  return (TABLE[code] = compute(code));
}

/** The K_ bits of an entry. */
export function kindOf(entry: number): number {
  return entry & KIND_MASK;
}

/** The folded UTF-16 unit of an entry (the first of two with K_PLUS_E; meaningless with K_COMPLEX). */
export function foldedOf(entry: number): number {
  return entry >>> 16;
}
