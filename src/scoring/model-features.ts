/**
 * What the learned model reads of a comment: hashed features of its folded words, the same for
 * training (model-train.ts) and at run time (model.ts), so what was learned is what is looked up.
 *
 * A word is a run of letters, digits and the symbols people hide letters with, folded like the
 * lexicon folds text (normalize.ts: case, accents, œ → oe, look-alike letters). Inside a word
 * with letters, leet is decoded (`c0nn4rd` → `connard`, `@` → `a`, `$` → `s`), masks become `*`
 * (`abr*ti`), and runs of 3+ identical letters shrink to 2 (`connnnard` → `connard`). Three or
 * more one-letter words in a row are also read glued (`c o n n a r d` → `connard`). A run of
 * masks alone (`****`) is the word `*`.
 *
 * Features of each word: the word itself, its character n-grams of 3 to 5 letters with `<`
 * and `>` marking its edges (subwords see through misspellings, SMS spelling and inflection),
 * and the pair it forms with the previous word. Each feature is a 32-bit hash; the model takes
 * its low bits as a bucket and its top bit as a sign (signed hashing: collisions cancel out on
 * average instead of piling up).
 */
import { charEntry, K_COMPLEX, K_DIGIT, K_LETTER, K_PLUS_E, K_TRIGGER } from './char-table.js';
import { normalize, type NormalizedText } from './normalize.js';

export const MIN_GRAM = 3;
export const MAX_GRAM = 5;
/** Longer words are cut to their first `MAX_WORD` letters (no French word is longer). */
export const MAX_WORD = 30;

const LEFT_EDGE = 0x3c; // '<'
const RIGHT_EDGE = 0x3e; // '>'
const MASK = 0x2a; // '*'
const AT = 0x40;
const SEED_WORD = 0x2f1b3c4d;
const SEED_GRAM = 0x6a09e667;
const SEED_PAIR = 0x3c6ef372;

const LEET = new Int32Array(128);
for (const [from, to] of Object.entries({ 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' })) {
  LEET[from.charCodeAt(0)] = to.charCodeAt(0);
}

/** Murmur3's finalizer: spreads a hash's bits so its low bits (the bucket) and top bit (the sign) are fair. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const step = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/**
 * The features of one comment, in reused typed arrays (scoring is synchronous: one buffer serves
 * every call). `hashes[k]` is feature k; `wordOf[k]` the word it belongs to, or `-(i + 1)` for the
 * pair of words i and i + 1. Word spans are half-open offsets into the text given to
 * {@link readFeatures}, already mapped back through the folding when it changed lengths.
 */
export class FeatureBuffer {
  count = 0;
  words = 0;
  hashes = new Int32Array(1024);
  wordOf = new Int32Array(1024);
  wordStart = new Int32Array(128);
  wordEnd = new Int32Array(128);
  /** The folded word, kept only when asked (explanations and tests). */
  wordText: string[] = [];
  keepText = false;

  push(hash: number, word: number): void {
    if (this.count === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.wordOf = grow(this.wordOf);
    }
    this.hashes[this.count] = hash;
    this.wordOf[this.count++] = word;
  }

  addWord(start: number, end: number): number {
    if (this.words === this.wordStart.length) {
      this.wordStart = grow(this.wordStart);
      this.wordEnd = grow(this.wordEnd);
    }
    this.wordStart[this.words] = start;
    this.wordEnd[this.words] = end;
    return this.words++;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Reads one text into a buffer: the state of the word being read and of the one-letter run. */
class Reader {
  readonly codes = new Uint16Array(MAX_WORD + 2);
  readonly glued = new Uint16Array(MAX_WORD + 2);
  len = 0;
  letters = 0;
  start = 0;
  previousHash = 0;
  previousWord = -1;
  gluedLen = 0;
  gluedStart = 0;
  gluedEnd = 0;
  lastEnd = -10;
  map: NormalizedText | null = null;

  constructor(readonly out: FeatureBuffer) {}

  reset(map: NormalizedText | null): void {
    this.len = 0;
    this.letters = 0;
    this.previousWord = -1;
    this.gluedLen = 0;
    this.lastEnd = -10;
    this.map = map;
    this.out.count = 0;
    this.out.words = 0;
    this.out.wordText.length = 0;
  }

  /** Ends the word read so far, at `end`. */
  endWord(end: number): void {
    const n = this.len;
    if (n === 0) return;
    this.len = 0;
    const codes = this.codes;
    if (this.letters === 0) {
      // Digits alone are a number (no feature); masks alone are a masked word.
      let masks = 0;
      for (let i = 0; i < n; i++) if (codes[i] === MASK || codes[i] === 0x23) masks++;
      this.letters = 0;
      if (masks < 3) return;
      codes[0] = MASK;
      this.emit(1, this.start, end);
      return;
    }
    this.letters = 0;
    // Leet, masks and stretched letters, in place.
    let m = 0;
    for (let i = 0; i < n; i++) {
      let c = codes[i] as number;
      if (c === AT && i === 0) continue; // a mention's @ (`@paul`) is not a letter
      if (c < 128 && LEET[c] !== 0) c = LEET[c] as number;
      else if (c === 0x23 || c === 0x5f) c = MASK;
      if (m >= 2 && codes[m - 1] === c && codes[m - 2] === c) continue;
      codes[m++] = c;
    }
    if (m === 0) return;
    // A one-letter word right after another one: part of a glued run (`c o n`).
    const start = this.start;
    if (m === 1 && this.gluedLen > 0 && start - this.lastEnd <= 2) {
      if (this.gluedLen < MAX_WORD) this.glued[this.gluedLen++] = codes[0] as number;
      this.gluedEnd = end;
    } else {
      this.flushGlued();
      if (m === 1) {
        this.glued[0] = codes[0] as number;
        this.gluedLen = 1;
        this.gluedStart = start;
        this.gluedEnd = end;
      }
    }
    this.lastEnd = m === 1 ? end : -10;
    this.emit(m, start, end);
  }

  /** Reads a run of 3+ one-letter words as one word. */
  flushGlued(): void {
    const n = this.gluedLen;
    this.gluedLen = 0;
    if (n < 3) return;
    this.codes.set(this.glued.subarray(0, n));
    this.emit(n, this.gluedStart, this.gluedEnd);
  }

  /** The features of the word `codes[0..n)` at `[start, end)` of the text read. */
  emit(n: number, start: number, end: number): void {
    const out = this.out;
    const codes = this.codes;
    let s = start;
    let e = end;
    if (this.map !== null && this.map.starts !== null) {
      s = this.map.starts[start] as number;
      e = (this.map.ends as Uint32Array)[end - 1] as number;
    }
    const word = out.addWord(s, e);
    if (out.keepText) out.wordText[word] = String.fromCharCode(...codes.subarray(0, n));
    let h = SEED_WORD;
    for (let i = 0; i < n; i++) h = step(h, codes[i] as number);
    out.push(mix(h), word);
    if (this.previousWord >= 0) out.push(mix(step(step(SEED_PAIR, this.previousHash), h)), -(this.previousWord + 1));
    this.previousHash = h;
    this.previousWord = word;
    // Character n-grams of `<word>`.
    const padded = n + 2;
    for (let i = 0; i + MIN_GRAM <= padded; i++) {
      let g = SEED_GRAM;
      for (let k = 0; k < MAX_GRAM && i + k < padded; k++) {
        const p = i + k;
        g = step(g, p === 0 ? LEFT_EDGE : p === padded - 1 ? RIGHT_EDGE : (codes[p - 1] as number));
        if (k + 1 >= MIN_GRAM) out.push(mix(g), word);
      }
    }
  }
}

/** True when some unit of `text` folds to more or fewer units (marks, ligatures, surrogates, zero-width). */
function needsFullFolding(text: string): boolean {
  for (let i = 0; i < text.length; i++) if ((charEntry(text.charCodeAt(i)) & K_COMPLEX) !== 0) return true;
  return false;
}

const WORDISH = K_LETTER | K_DIGIT | K_TRIGGER;

function read(reader: Reader, text: string): void {
  const n = text.length;
  const codes = reader.codes;
  for (let i = 0; i < n; i++) {
    const e = charEntry(text.charCodeAt(i));
    if ((e & WORDISH) === 0 || (e & K_COMPLEX) !== 0) {
      reader.endWord(i);
      continue;
    }
    if (reader.len === 0) reader.start = i;
    if (reader.len >= MAX_WORD) continue;
    codes[reader.len++] = e >>> 16;
    if ((e & K_LETTER) !== 0) {
      reader.letters++;
      if ((e & K_PLUS_E) !== 0 && reader.len < MAX_WORD) codes[reader.len++] = 0x65;
    }
  }
  reader.endWord(n);
  reader.flushGlued();
}

const readers = new WeakMap<FeatureBuffer, Reader>();

/**
 * Fills `out` with the features of `text` (see the module's doc) and returns it. Plain text is
 * read in place; text whose folding changes lengths is folded by {@link normalize} first, and the
 * word spans are mapped back, so they always point into `text`.
 *
 * @example
 * const f = readFeatures('T es un c0nnard', new FeatureBuffer());
 * f.words;                           // 4: t, es, un, connard
 * [f.wordStart[3], f.wordEnd[3]];    // [8, 15]
 */
export function readFeatures(text: string, out: FeatureBuffer): FeatureBuffer {
  let reader = readers.get(out);
  if (reader === undefined) readers.set(out, (reader = new Reader(out)));
  if (needsFullFolding(text)) {
    const folded = normalize(text);
    reader.reset(folded);
    read(reader, folded.text);
  } else {
    reader.reset(null);
    read(reader, text);
  }
  return out;
}
