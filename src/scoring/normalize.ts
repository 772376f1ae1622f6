/**
 * Stage 1 of scoring: fold the text into a matching alphabet while keeping, for every folded
 * UTF-16 unit, the span of the original text it came from.
 *
 * Folding: NFKC (full-width, ligatures), lowercase, accents stripped, œ→oe / æ→ae / ß→ss,
 * Cyrillic and Greek look-alike letters mapped to Latin, every apostrophe to `'`, zero-width
 * characters and soft hyphens removed. Leetspeak, masks and repeated letters depend on the
 * whole word, so they belong to the tokenizer, not here.
 */

/** Folded text plus its map back to the original. */
export interface NormalizedText {
  /** The folded text. */
  readonly text: string;
  /**
   * `starts[i]`: offset in the original where the character that produced `text[i]` starts;
   * null when folding kept every UTF-16 unit in place (the common case: the map is the identity).
   */
  readonly starts: Uint32Array | null;
  /** `ends[i]`: offset in the original just after that character (half-open); null with `starts`. */
  readonly ends: Uint32Array | null;
}

// Look-alike letters of other scripts, after lowercasing (so uppercase look-alikes are covered).
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', з: '3', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o',
  р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ь: 'b',
  // Greek
  α: 'a', β: 'b', γ: 'y', δ: 'd', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o',
  ρ: 'p', σ: 'o', ς: 's', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  // Latin small capitals (phonetic block), which NFKC leaves alone: ᴄᴏɴɴᴀʀᴅ
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  // Latin letters NFD does not decompose, and ligatures NFKC keeps
  œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', ı: 'i', þ: 'th', ŀ: 'l',
};

// Apostrophe look-alikes: they all mark an elision in French comments.
const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x02b9, 0x0060, 0x00b4, 0x2032, 0xff07]);
// Invisible characters used to split words past filters.
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e, 0x034f]);
const HYPHENS = new Set([0x2010, 0x2011]);
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;

interface Folded {
  readonly out: string;
  /** A combining mark: it belongs to the previous character's span. */
  readonly attach: boolean;
}

const ASCII: readonly Folded[] = Array.from({ length: 128 }, (_, cp) => ({
  out: String.fromCharCode(cp).toLowerCase(),
  attach: false,
}));
const EMPTY: Folded = { out: '', attach: false };
const ATTACH: Folded = { out: '', attach: true };
const cache = new Map<number, Folded>();
const CACHE_LIMIT = 20_000;

function computeFold(cp: number): Folded {
  if (INVISIBLE.has(cp)) return EMPTY;
  if (APOSTROPHES.has(cp)) return { out: "'", attach: false };
  if (HYPHENS.has(cp)) return { out: '-', attach: false };
  const ch = String.fromCodePoint(cp);
  if (MARK.test(ch)) return ATTACH;
  const base = ch.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '');
  let out = '';
  for (const c of base) out += LOOKALIKES[c] ?? c;
  return { out, attach: false };
}

function foldCodePoint(cp: number): Folded {
  if (cp < 0x80) return ASCII[cp] as Folded;
  let f = cache.get(cp);
  if (f === undefined) {
    f = computeFold(cp);
    // Bounded so hostile inputs with many distinct code points cannot grow memory forever.
    if (cache.size < CACHE_LIMIT) cache.set(cp, f);
  }
  return f;
}

// Per UTF-16 unit: the one unit it folds to, or COMPLEX when folding adds, drops or merges units
// (œ, ligatures, marks, zero-width, surrogates). 0 means not computed yet.
const COMPLEX = 0xffff;
const UNIT = new Uint16Array(0x10000);
const decoder = new TextDecoder('utf-16le');

function foldUnit(code: number): number {
  let f = UNIT[code] as number;
  if (f === 0) {
    if (code >= 0xd800 && code <= 0xdfff) {
      f = COMPLEX;
    } else {
      const folded = foldCodePoint(code);
      f = !folded.attach && folded.out.length === 1 ? folded.out.charCodeAt(0) : COMPLEX;
      if (f === 0) f = COMPLEX;
    }
    UNIT[code] = f;
  }
  return f;
}

/**
 * The one UTF-16 unit `code` folds to, or -1 when folding adds, drops or merges units there
 * (œ, ligatures, combining marks, zero-width characters, surrogates): such text needs {@link normalize}.
 *
 * @example
 * foldedUnit(0x00c9); // 0x65 ('É' → 'e')
 * foldedUnit(0x0153); // -1 ('œ' → 'oe')
 */
export function foldedUnit(code: number): number {
  const f = foldUnit(code);
  return f === COMPLEX ? -1 : f;
}

/** Folding that keeps every unit in place: no offset map needed. Null when some unit is complex. */
function foldInPlace(original: string): string | null {
  const n = original.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const f = foldUnit(original.charCodeAt(i));
    if (f === COMPLEX) return null;
    out[i] = f;
  }
  return decoder.decode(out);
}

/**
 * Folds `original` and records where each folded unit came from.
 *
 * @example
 * const n = normalize('Œuvre d’ÉTÉ');
 * n.text;                                  // "oeuvre d'ete"
 * toOriginalSpan(n, 0, 2);                 // [0, 1] — both "o" and "e" come from "Œ"
 */
export function normalize(original: string): NormalizedText {
  const simple = foldInPlace(original);
  if (simple !== null) return { text: simple, starts: null, ends: null };
  const n = original.length;
  let cap = n + 16;
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  const codes: number[] = [];
  let len = 0;
  let i = 0;
  while (i < n) {
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (f.attach) {
      if (len > 0 && ends[len - 1] === i) ends[len - 1] = i + width;
    } else {
      const out = f.out;
      for (let k = 0; k < out.length; k++) {
        if (len === cap) {
          cap *= 2;
          const s2 = new Uint32Array(cap);
          s2.set(starts);
          starts = s2;
          const e2 = new Uint32Array(cap);
          e2.set(ends);
          ends = e2;
        }
        codes.push(out.charCodeAt(k));
        starts[len] = i;
        ends[len] = i + width;
        len++;
      }
    }
    i += width;
  }
  return { text: decoder.decode(Uint16Array.from(codes)), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/**
 * Folds a lexicon word exactly like text is folded (no offsets).
 *
 * @example
 * foldText('Enculé'); // "encule"
 */
export function foldText(s: string): string {
  let out = '';
  for (const ch of s) out += foldCodePoint(ch.codePointAt(0) as number).out;
  return out;
}

/**
 * Maps a half-open span of folded text back to a half-open span of the original.
 *
 * @example
 * const n = normalize('Cœur');
 * toOriginalSpan(n, 0, n.text.length); // [0, 4]
 */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  if (n.starts === null || n.ends === null) return [start, end];
  return [n.starts[start] as number, n.ends[end - 1] as number];
}
