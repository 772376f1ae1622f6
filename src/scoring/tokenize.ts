/**
 * Stage 2 of scoring: cut folded text into tokens, without looking at the lexicon.
 *
 * A token is a run of letters (Unicode `\p{L}`, never JS `\b`), digits and the symbols people put
 * inside words to dodge filters. `'`, `-` and `.` end a token (`t'es` → `t` `es`); the matcher may
 * glue tokens back together (`c.o.n`, `ban dits`) when the lexicon says it is worth it.
 * Inside a token: leetspeak is decoded when the token also has letters (`c0nn4rd`, `s@lope`; `2020`
 * stays a number), runs of 3+ identical letters give squeezed variants (`connnnard` → `connard`,
 * `conard`), and `*`, `#`, `_` become wildcards (`c*nnard` → `c?nnard`).
 */

export type TokenKind = 'word' | 'number' | 'mask' | 'mention';

export interface Token {
  readonly kind: TokenKind;
  /** Forms to look up, best first: the leet-decoded word, then its variants. */
  readonly forms: readonly string[];
  /** For a word with masked letters: the word with `?` at each masked position. */
  readonly wildcard?: string;
  /** Letters (and decoded leet characters) visible in the token. */
  readonly visible: number;
  /** Half-open span in the folded text. */
  readonly start: number;
  readonly end: number;
  /** The token was written with an elision apostrophe after it (`t'`, `l'`, `qu'`). */
  readonly elided: boolean;
  /** What separates it from the previous / next token (see {@link Tokenized.gaps}); set by `tokenize`. */
  gapBefore: string;
  gapAfter: string;
}

export interface Tokenized {
  readonly tokens: readonly Token[];
  /**
   * `gaps[i]` is what separates `tokens[i - 1]` from `tokens[i]` (`gaps[0]` leads, the last one
   * trails): whitespace runs are reduced to `' '` (one space), `'  '` (more) or `'\n'`, and each
   * gap is cut to 16 characters so a 100k-space input stays small.
   */
  readonly gaps: readonly string[];
}

const LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's',
};
const WILDCARDS = new Set(['*', '#', '_']);
// Symbols that alone, 3 or more, stand for a word the site or the author censored.
const FULL_MASK = new Set(['*', '#', '@', '!', '%', '$', '&']);
const WORDISH = new Set(['@', '$', '*', '#', '_', '.', "'", '-', '!', '%', '&']);
const LETTER = /\p{L}/u;
const SPACE = /\s/u;
/** Gaps are cut to this many characters (after whitespace runs are shrunk). */
export const MAX_GAP = 16;
// Punctuation trimmed off a token's ends, by ASCII code (typed arrays: no hashing per character).
const LEAD_TRIM = asciiSet('!%&*#_');
const TRAIL_TRIM = asciiSet('!%&@');
const FULL_MASK_CODES = asciiSet('*#@!%$&');

function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (const c of chars) set[c.charCodeAt(0)] = 1;
  return set;
}

function inSet(set: Uint8Array, code: number): boolean {
  return code < 128 && set[code] === 1;
}
const MAX_SQUEEZE_RUNS = 4;

// Character classes of UTF-16 units, computed on first sight.
export const C_LETTER = 1;
export const C_DIGIT = 2;
export const C_WORDISH = 4;
export const C_SPACE = 8;
const C_KNOWN = 16;
const CLASS = new Uint8Array(0x10000);

/** Class bits of a UTF-16 unit (see the C_ constants). */
export function classOf(code: number): number {
  let c = CLASS[code] as number;
  if (c === 0) {
    const ch = String.fromCharCode(code);
    c = C_KNOWN;
    if (LETTER.test(ch)) c |= C_LETTER;
    else if (code >= 0x30 && code <= 0x39) c |= C_DIGIT;
    else if (WORDISH.has(ch)) c |= C_WORDISH;
    else if (SPACE.test(ch)) c |= C_SPACE;
    CLASS[code] = c;
  }
  return c;
}

function isLetter(c: string): boolean {
  return (classOf(c.charCodeAt(0)) & C_LETTER) !== 0;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isChunkCode(code: number): boolean {
  return (classOf(code) & (C_LETTER | C_DIGIT | C_WORDISH)) !== 0;
}

/** `****`, `#@!%`: 3+ mask symbols, not just `!!!` or `$$$`. */
export function isFullMask(s: string): boolean {
  if (s.length < 3 || !FULL_MASK.has(s[0] as string)) return false;
  const distinct = new Set<string>();
  for (const c of s) {
    if (!FULL_MASK.has(c)) return false;
    if (c !== '!') distinct.add(c);
  }
  return distinct.has('*') || distinct.has('#') || distinct.size >= 2;
}

/**
 * Every way to shorten runs of 3+ identical letters to 2 or 1 letters.
 *
 * @example
 * squeezeVariants('connnnaaaard'); // ['connaard', 'connard', 'conaard', 'conard']
 */
export function squeezeVariants(form: string): string[] {
  if (!hasTripleRun(form)) return [form];
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < form.length) {
    let j = i + 1;
    while (j < form.length && form[j] === form[i]) j++;
    if (j - i >= 3 && isLetter(form[i] as string)) runs.push([i, j]);
    i = j;
  }
  if (runs.length === 0) return [form];
  const build = (keep: (r: number) => number): string => {
    let out = '';
    let pos = 0;
    runs.forEach(([a, b], r) => {
      out += form.slice(pos, a) + (form[a] as string).repeat(keep(r));
      pos = b;
    });
    return out + form.slice(pos);
  };
  if (runs.length > MAX_SQUEEZE_RUNS) return [build(() => 2), build(() => 1)];
  const out: string[] = [];
  for (let mask = 0; mask < 1 << runs.length; mask++) {
    out.push(build((r) => ((mask >> (runs.length - 1 - r)) & 1 ? 1 : 2)));
  }
  return out;
}

function hasTripleRun(form: string): boolean {
  for (let i = 2; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (c === form.charCodeAt(i - 1) && c === form.charCodeAt(i - 2)) return true;
  }
  return false;
}

const gapCache = new Map<string, string>();

function compressGap(raw: string): string {
  if (raw === ' ' || raw === '') return raw;
  if (raw.length > 8) return squashGap(raw);
  let g = gapCache.get(raw);
  if (g === undefined) {
    g = squashGap(raw);
    if (gapCache.size < 10_000) gapCache.set(raw, g);
  }
  return g;
}

function squashGap(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length && out.length < MAX_GAP) {
    const c = raw[i] as string;
    if (SPACE.test(c)) {
      let j = i;
      let newline = false;
      while (j < raw.length && SPACE.test(raw[j] as string)) {
        if (raw[j] === '\n' || raw[j] === '\r') newline = true;
        j++;
      }
      out += newline ? '\n' : j - i === 1 ? ' ' : '  ';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * A token, always built here with the same fields in the same order (`wildcard` too, even when
 * undefined): the matcher's hot loops then see one object shape, not one per kind.
 *
 * @example
 * newToken('word', ['con'], undefined, 3, 0, 3, false).gapBefore; // '' until tokenize sets it
 */
export function newToken(
  kind: TokenKind, forms: readonly string[], wildcard: string | undefined, visible: number, start: number, end: number, elided: boolean,
): Token {
  return { kind, forms, wildcard, visible, start, end, elided, gapBefore: '', gapAfter: '' };
}

/** Builds the token for one piece of a chunk, or null when nothing word-like is left. */
function makeToken(text: string, s: number, e: number, elided: boolean, mention: boolean): Token | null {
  // Trim punctuation glued to the word; leading masks too (`**bold**`), trailing ones are kept (`p***`).
  while (s < e && inSet(LEAD_TRIM, text.charCodeAt(s))) s++;
  while (e > s && inSet(TRAIL_TRIM, text.charCodeAt(e - 1))) e--;
  if (s >= e) return null;
  const raw = text.slice(s, e);
  if (mention) {
    return newToken('mention', [raw], undefined, raw.length, s, e, elided);
  }
  let plain = true;
  for (let k = s; k < e && plain; k++) plain = (classOf(text.charCodeAt(k)) & C_LETTER) !== 0;
  if (plain) return newToken('word', hasTripleRun(raw) ? squeezeVariants(raw) : [raw], undefined, raw.length, s, e, elided);
  if (isFullMask(raw)) return newToken('mask', [], undefined, 0, s, e, elided);
  let letters = 0;
  let digits = 0;
  let wild = 0;
  for (const c of raw) {
    if (isLetter(c)) letters++;
    else if (isDigit(c)) digits++;
    else if (WILDCARDS.has(c)) wild++;
  }
  if (letters === 0) {
    // `***` is a censored word; `___` is a blank to fill, not an insult.
    if (digits === 0) return raw.replace(/_/g, '').length >= 3 ? newToken('mask', [], undefined, 0, s, e, elided) : null;
    return newToken('number', [raw], undefined, digits, s, e, elided);
  }
  let decoded = '';
  for (const c of raw) decoded += LEET[c] ?? c;
  const visible = raw.length - wild;
  if (wild > 0) {
    const wildcard = decoded.replace(/[*#_]/g, '?');
    // Masks only at the end (`putain*`): the bare word is tried first.
    const bare = wildcard.replace(/\?+$/, '');
    const forms = bare.includes('?') ? [] : squeezeVariants(bare);
    if (visible < 2 && wild >= 3) return newToken('mask', [], undefined, visible, s, e, elided);
    return newToken('word', forms, wildcard, visible, s, e, elided);
  }
  const forms = squeezeVariants(decoded);
  if (raw.includes('1')) {
    // `1` reads as `i` (c1té) or `l` (sa1ope): try both.
    let alt = '';
    for (const c of raw) alt += c === '1' ? 'l' : (LEET[c] ?? c);
    for (const f of squeezeVariants(alt)) if (!forms.includes(f)) forms.push(f);
  }
  return newToken('word', forms, undefined, visible, s, e, elided);
}

/**
 * Cuts folded text into tokens and the gaps between them.
 *
 * @example
 * const { tokens } = tokenize("t'es un c0nnnard");
 * tokens.map((t) => t.forms[0]); // ['t', 'es', 'un', 'connard']
 */
export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  const gaps: string[] = [];
  let gapStart = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isChunkCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isChunkCode(text.charCodeAt(j))) j++;
    // The chunk [i, j): trim sentence punctuation at its ends before anything else.
    let a = i;
    let b = j;
    while (a < b && isSeparator(text.charCodeAt(a))) a++;
    while (b > a && isSeparator(text.charCodeAt(b - 1))) b--;
    // Only a chunk that starts with a mask symbol can be a full mask: no slice for the others.
    if (a < b && inSet(FULL_MASK_CODES, text.charCodeAt(a)) && isFullMask(text.slice(a, b))) {
      gapStart = pushToken(text, tokens, gaps, gapStart, newToken('mask', [], undefined, 0, a, b, false));
    } else if (a < b) {
      let p = a;
      let first = true;
      while (p < b) {
        let q = p;
        while (q < b && !isSeparator(text.charCodeAt(q))) q++;
        const mention = first && text.charCodeAt(p) === AT && q - p > 1;
        const token = makeToken(text, mention ? p + 1 : p, q, text.charCodeAt(q) === APOSTROPHE, mention);
        if (token !== null) gapStart = pushToken(text, tokens, gaps, gapStart, token);
        first = false;
        p = q + 1;
      }
    }
    i = j;
  }
  const trailing = compressGap(text.slice(gapStart));
  gaps.push(trailing);
  const last = tokens[tokens.length - 1];
  if (last !== undefined) last.gapAfter = trailing;
  return { tokens, gaps };
}

const AT = 0x40;
const APOSTROPHE = 0x27;

/** `'`, `-`, `.`: they end a token. */
function isSeparator(code: number): boolean {
  return code === APOSTROPHE || code === 0x2d || code === 0x2e;
}

/** Appends a token and the gap before it; returns where the next gap starts. */
function pushToken(text: string, tokens: Token[], gaps: string[], gapStart: number, t: Token): number {
  const gap = compressGap(text.slice(gapStart, t.start));
  gaps.push(gap);
  t.gapBefore = gap;
  const prev = tokens[tokens.length - 1];
  if (prev !== undefined) prev.gapAfter = gap;
  tokens.push(t);
  return t.end;
}
