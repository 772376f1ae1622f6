/**
 * Stage 3 of scoring: glue tokens into units where the lexicon says a filter was being dodged, then
 * walk the compiled trie from every unit. One pass; each step is a few hash lookups, so the cost
 * grows with the text, never with the size of the lexicon.
 */
import { headKey, type CompiledEntry, type CompiledLexicon, type MaskCandidate, type TrieNode } from './compile.js';
import { newToken, type Token, type TokenKind, type Tokenized } from './tokenize.js';
import { FUNCTION_WORDS } from './lexicon/targets.js';
import { foldText } from './normalize.js';

/**
 * A word as the matcher sees it: one token (most of the time, the token itself), or several glued
 * back (`c o n`, `f.d.p`, `ban dits`).
 */
export interface Unit {
  readonly kind: TokenKind;
  readonly forms: readonly string[];
  /** Half-open span in the folded text. */
  readonly start: number;
  readonly end: number;
  /** Separators before and after (see {@link Tokenized.gaps}). */
  readonly gapBefore: string;
  readonly gapAfter: string;
}

/** A lexicon hit over units `first..last`; `entry` is null for a fully masked word (`****`). */
export interface FoundMatch {
  readonly entry: CompiledEntry | null;
  readonly first: number;
  readonly last: number;
}

const FUNCTION_SET = new Set(FUNCTION_WORDS.map(foldText));
const SPACED_GAPS = new Set([' ', '.', '. ']);
/** A gap holding `.`, `!`, `?` or a line break ends a sentence. */
function endsSentence(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a) return true;
  }
  return false;
}
const MIN_SPACED_RUN = 3;
const MIN_SPLIT_LENGTH = 6;
const MAX_MASK_FORMS = 4;

function consistent(wildcard: string, form: string, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const w = wildcard[i];
    if (w !== '?' && w !== form[i]) return false;
  }
  return true;
}

/** Per lexicon: mask candidates of each length, by `position << 16 | letter`, as indexes in order. */
const candidateIndex = new WeakMap<CompiledLexicon, Map<number, Map<number, number[]>>>();
const NONE: readonly number[] = [];

/** Indexes in `lex.maskCandidates.get(length)` of the forms with `code` at `position`, ascending. */
function candidatesAt(lex: CompiledLexicon, length: number, position: number, code: number): readonly number[] {
  let index = candidateIndex.get(lex);
  if (index === undefined) {
    index = new Map();
    for (const [l, list] of lex.maskCandidates) {
      const byLetter = new Map<number, number[]>();
      list.forEach((c, k) => {
        for (let q = 0; q < l; q++) {
          const key = (q << 16) | c.form.charCodeAt(q);
          const at = byLetter.get(key);
          if (at === undefined) byLetter.set(key, [k]);
          else at.push(k);
        }
      });
      index.set(l, byLetter);
    }
    candidateIndex.set(lex, index);
  }
  return index.get(length)?.get((position << 16) | code) ?? NONE;
}

/**
 * Resolves a masked word (`c?nnard`) to lexicon forms of the same length whose letters agree with
 * every visible one; the most severe single-word form comes first. Needs 2+ visible letters and
 * no more masked than visible ones, or the guess would be a coin toss.
 *
 * @example
 * resolveWildcard(compileLexicon([{ pattern: 'connard', category: 'insult', severity: 2 }]), 'c?nnard'); // ['connard']
 */
export function resolveWildcard(lex: CompiledLexicon, wildcard: string): string[] {
  let hidden = 0;
  for (const c of wildcard) if (c === '?') hidden++;
  const visible = wildcard.length - hidden;
  if (visible < 2 || hidden > visible) return [];
  const hits: MaskCandidate[] = [];
  // Only the forms with the wildcard's first visible letter in place can agree with it.
  const candidates = lex.maskCandidates.get(wildcard.length) ?? [];
  let p = 0;
  while (wildcard[p] === '?') p++;
  for (const k of candidatesAt(lex, wildcard.length, p, wildcard.charCodeAt(p))) {
    const c = candidates[k] as MaskCandidate;
    if (consistent(wildcard, c.form, wildcard.length)) hits.push(c);
  }
  for (const c of lex.maskPrefixes) {
    if (c.form.length <= wildcard.length && consistent(wildcard, c.form, c.form.length)) hits.push(c);
  }
  hits.sort((a, b) => Number(b.single) - Number(a.single) || b.severity - a.severity);
  return hits.slice(0, MAX_MASK_FORMS).map((c) => (c.prefix ? c.form + wildcard.slice(c.form.length) : c.form));
}

function isSingleForm(lex: CompiledLexicon, form: string): boolean {
  if (lex.singleForms.has(form)) return true;
  for (const l of lex.singlePrefixLengths) {
    if (l > form.length) break;
    if (lex.singlePrefixes.has(form.slice(0, l))) return true;
  }
  return false;
}

function anySingle(lex: CompiledLexicon, forms: readonly string[]): boolean {
  return forms.some((f) => isSingleForm(lex, f));
}

/** Does a unit with these forms start any pattern? */
function startsPattern(lex: CompiledLexicon, forms: readonly string[]): boolean {
  const root = lex.root;
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k] as string;
    if (root.next.has(f)) return true;
    // Most words are ruled out by their first three letters before any prefix slice is built.
    if (f.length < 3 || !lex.rootPrefixHeads.has(headKey(f))) continue;
    for (const l of root.prefixLengths) if (l <= f.length && root.prefixes.has(f.slice(0, l))) return true;
  }
  return false;
}

function isPlainWord(t: Token | undefined): t is Token {
  return t !== undefined && t.kind === 'word' && t.wildcard === undefined && t.forms.length > 0;
}

function isSingleLetter(t: Token | undefined): t is Token {
  return isPlainWord(t) && !t.elided && t.end - t.start === 1;
}

/**
 * Turns tokens into units, gluing back words split to dodge filters when — and only when — the
 * glued form is in the lexicon: spaced or dotted single letters (`c o n n a r d`, `f.d.p`; three or
 * more, so `p.d` stays two letters), a word cut in two by a space (`ban dits`, never `pu te`). A dot
 * is never a mask: `P.S.` is `p` `s`, not `p?s`.
 *
 * @example
 * buildUnits(tokenize(normalize('des ban dits').text), lex).map((u) => u.forms[0]); // ['des', 'bandits']
 */
export function buildUnits(tokenized: Tokenized, lex: CompiledLexicon): Unit[] {
  const { tokens, gaps } = tokenized;
  const units: Unit[] = [];
  // Resolved masked words of this text, created on the first one (most texts have none).
  let memo: Map<string, string[]> | null = null;
  let i = 0;
  // Where the current run of spaced single letters ends; runs are tried once, from their start.
  let runTriedUntil = -1;
  while (i < tokens.length) {
    const t = tokens[i] as Token;

    if (isSingleLetter(t) && i > runTriedUntil) {
      let j = i;
      while (isSingleLetter(tokens[j + 1]) && SPACED_GAPS.has(gaps[j + 1] as string)) j++;
      runTriedUntil = j;
      if (j - i + 1 >= MIN_SPACED_RUN) {
        let joined = '';
        for (let k = i; k <= j; k++) joined += (tokens[k] as Token).forms[0];
        if (startsPattern(lex, [joined])) {
          units.push(glued(tokenized, [joined], i, j));
          i = j + 1;
          continue;
        }
      }
    }

    // A dot between two words is never a mask (`P.S.` is not `p?s`): only single letters are
    // glued across dots, above (`f.d.p`).
    const u = tokens[i + 1];
    if (isPlainWord(t) && !t.elided && isPlainWord(u) && gaps[i + 1] === ' ' && lex.stems.has(t.forms[0] as string)) {
      const a = t.forms[0] as string;
      const b = u.forms[0] as string;
      if (
        a.length >= 2 && b.length >= 2 && a.length + b.length >= MIN_SPLIT_LENGTH &&
        !FUNCTION_SET.has(a) && !FUNCTION_SET.has(b) &&
        isSingleForm(lex, a + b) && !anySingle(lex, t.forms) && !anySingle(lex, u.forms)
      ) {
        units.push(glued(tokenized, [a + b], i, i + 1));
        i += 2;
        continue;
      }
    }

    if (t.kind === 'word' && t.wildcard !== undefined && !startsPattern(lex, t.forms)) {
      memo ??= new Map();
      units.push(glued(tokenized, resolveMemo(lex, memo, t.wildcard), i, i));
    } else {
      units.push(t);
    }
    i++;
  }
  return units;
}

/** A word unit made of tokens `first..last`, shaped like a token (see {@link newToken}). */
function glued(tokenized: Tokenized, forms: readonly string[], first: number, last: number): Unit {
  const { tokens, gaps } = tokenized;
  const u = newToken('word', forms, undefined, 0, (tokens[first] as Token).start, (tokens[last] as Token).end, false);
  u.gapBefore = gaps[first] as string;
  u.gapAfter = gaps[last + 1] as string;
  return u;
}

/** Letters joined by one mask each (`p?u?t?e` from `p_u_t_e`): a word spelled out, not a word with hidden letters. */
const SPELLED_OUT = /^[^?](\?[^?]){2,}$/;

/**
 * The lexicon forms a masked word may stand for: {@link resolveWildcard}, or — when that finds none
 * and the word is letters joined by single masks (`p_u_t_e`, `d_é_b_i_l_e`) — the letters joined,
 * if they are a lexicon word.
 *
 * @example
 * resolveMasked(compileLexicon([{ pattern: 'pute(s)', category: 'insult', severity: 2 }]), 'p?u?t?e'); // ['pute']
 */
export function resolveMasked(lex: CompiledLexicon, wildcard: string): string[] {
  const r = resolveWildcard(lex, wildcard);
  if (r.length > 0 || !SPELLED_OUT.test(wildcard)) return r;
  const letters = wildcard.replace(/\?/g, '');
  return isSingleForm(lex, letters) ? [letters] : r;
}

function resolveMemo(lex: CompiledLexicon, memo: Map<string, string[]>, wildcard: string): string[] {
  let r = memo.get(wildcard);
  if (r === undefined) {
    r = resolveMasked(lex, wildcard);
    memo.set(wildcard, r);
  }
  return r;
}

function step(node: TrieNode, forms: readonly string[], out: TrieNode[]): void {
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k] as string;
    const exact = node.next.get(f);
    if (exact !== undefined && !out.includes(exact)) out.push(exact);
    for (const l of node.prefixLengths) {
      if (l > f.length) break;
      const p = node.prefixes.get(f.slice(0, l));
      if (p !== undefined && !out.includes(p)) out.push(p);
    }
  }
}

function unitAccepts(u: Unit, slot: { exact: readonly string[]; prefixes: readonly string[] }): boolean {
  return u.forms.some((f) => slot.exact.includes(f) || slot.prefixes.some((p) => f.startsWith(p)));
}

/** True when the match sits inside one of its entry's allow phrases (`vladimir putin`). */
function isAllowed(units: readonly Unit[], entry: CompiledEntry, first: number): boolean {
  for (const phrase of entry.allow) {
    for (const k of phrase.offsets) {
      const s = first - k;
      if (s < 0 || s + phrase.slots.length > units.length) continue;
      let ok = true;
      for (let t = 0; t < phrase.slots.length && ok; t++) ok = unitAccepts(units[s + t] as Unit, phrase.slots[t]!);
      if (ok) return true;
    }
  }
  return false;
}

/**
 * Every lexicon hit over the units, with allowed phrases dropped and hits nested inside a longer
 * one dropped too (`fils de pute` hides its own `pute`). Fully masked words (`****`) come back with
 * a null entry.
 *
 * @example
 * const units = buildUnits(tokenize(normalize('fils de pute').text), lex);
 * findMatches(units, lex).map((m) => m.entry?.pattern); // ['fils de pute']
 */
export function findMatches(units: readonly Unit[], lex: CompiledLexicon): FoundMatch[] {
  const found: FoundMatch[] = [];
  for (let i = 0; i < units.length; i++) {
    const first = units[i] as Unit;
    if (first.kind === 'mask') {
      found.push({ entry: null, first: i, last: i });
      continue;
    }
    if (first.kind !== 'word' || !startsPattern(lex, first.forms)) continue;
    // Frontiers are tiny: arrays (insertion-ordered, like the sets they replace) beat sets here.
    let frontier: TrieNode[] = [lex.root];
    for (let j = i; j < units.length && frontier.length > 0; j++) {
      const u = units[j] as Unit;
      if (u.kind !== 'word' || (j > i && endsSentence(u.gapBefore))) break;
      const next: TrieNode[] = [];
      for (const node of frontier) step(node, u.forms, next);
      // An entry may end at several nodes of one frontier: report it once per span.
      const spanStart = found.length;
      for (const node of next) {
        for (const entry of node.ends) {
          if (reported(found, spanStart, entry) || isAllowed(units, entry, i)) continue;
          found.push({ entry, first: i, last: j });
        }
      }
      frontier = next;
    }
  }
  return dropNested(found);
}

function reported(found: readonly FoundMatch[], from: number, entry: CompiledEntry): boolean {
  for (let k = from; k < found.length; k++) if ((found[k] as FoundMatch).entry === entry) return true;
  return false;
}

/**
 * Keeps the longest hits: a hit strictly inside a kept one is dropped; equal spans all stay.
 *
 * @example
 * dropNested([{ entry: pute, first: 2, last: 2 }, { entry: filsDePute, first: 0, last: 2 }]); // the second only
 */
export function dropNested(found: FoundMatch[]): FoundMatch[] {
  if (found.length < 2) return found;
  const sorted = [...found].sort((a, b) => a.first - b.first || b.last - a.last);
  const kept: FoundMatch[] = [];
  let cover: FoundMatch | null = null;
  for (const m of sorted) {
    if (cover !== null && m.last <= cover.last && !(m.first === cover.first && m.last === cover.last)) continue;
    kept.push(m);
    if (cover === null || m.last > cover.last) cover = m;
  }
  return kept;
}
