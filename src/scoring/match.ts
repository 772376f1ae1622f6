/**
 * Stage 3 of scoring: glue tokens into units where the lexicon says a filter was being dodged, then
 * walk the compiled trie from every unit. One pass; each step is a few hash lookups, so the cost
 * grows with the text, never with the size of the lexicon.
 */
import type { CompiledEntry, CompiledLexicon, MaskCandidate, TrieNode } from './compile.js';
import { classOf, C_DIGIT, C_LETTER, C_SPACE, isFullMask, type Token, type TokenKind, type Tokenized } from './tokenize.js';
import { FUNCTION_WORDS } from './lexicon/targets.js';
import { foldText } from './normalize.js';

/**
 * A word as the matcher sees it: one token (most of the time, the token itself), or several glued
 * back (`c o n`, `ban dits`, `c.nnard`).
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
const SENTENCE_END = /[.!?\n]/;
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
  for (const c of lex.maskCandidates.get(wildcard.length) ?? []) {
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
  return forms.some((f) => root.next.has(f) ||
    (lex.rootPrefixHeads.has(f.slice(0, 3)) && root.prefixLengths.some((l) => root.prefixes.has(f.slice(0, l)))));
}

function isAnchor(lex: CompiledLexicon, word: string): boolean {
  if (lex.anchors.has(word)) return true;
  for (const l of lex.anchorPrefixLengths) {
    if (l > word.length) break;
    if (lex.anchorPrefixes.has(word.slice(0, l))) return true;
  }
  return false;
}

// Symbols that, next to a letter, make a word leet or masked (`c0n`, `s@lope`, `c*n`, `co_n`).
const DISGUISE = new Set([...'@$*#_'].map((c) => c.charCodeAt(0)));
const MASK_SYMBOLS = new Set([...'!%$&'].map((c) => c.charCodeAt(0)));
const DOT = 0x2e;
const APOSTROPHE = 0x27;

/**
 * A cheap, exact pre-check on folded text: false only when no match is possible — no anchor word
 * of any pattern, and none of the disguises the tokenizer and {@link buildUnits} undo (leet, masks,
 * repeated letters, spaced letters, a dot inside a word, a word split in two). Most clean comments
 * stop here, without building tokens.
 *
 * @example
 * couldMatch('bonne journee a tous', lex); // false
 * couldMatch('quel c0nnard', lex);         // true
 */
export function couldMatch(text: string, lex: CompiledLexicon): boolean {
  const n = text.length;
  let prevWord: string | null = null;
  let prevEnd = -2;
  let singles = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if ((classOf(code) & C_LETTER) === 0) {
      if (code === 0x2a || code === 0x23 || code === 0x40) return true; // * # @: masks, leet, mentions
      if (MASK_SYMBOLS.has(code)) {
        let k = i + 1;
        while (k < n && MASK_SYMBOLS.has(text.charCodeAt(k))) k++;
        if (isFullMask(text.slice(i, k))) return true; // `$%&`
        i = k;
        continue;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (classOf(text.charCodeAt(j)) & C_LETTER) !== 0) j++;
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    const after = j < n ? text.charCodeAt(j) : 0;
    if ((classOf(before) & C_DIGIT) !== 0 || (classOf(after) & C_DIGIT) !== 0 || DISGUISE.has(before) || DISGUISE.has(after)) return true;
    if (after === DOT && j + 1 < n && (classOf(text.charCodeAt(j + 1)) & C_LETTER) !== 0) return true;
    const word = text.slice(i, j);
    if (isAnchor(lex, word)) return true;
    for (let k = 2; k < word.length; k++) {
      if (word.charCodeAt(k) === word.charCodeAt(k - 1) && word.charCodeAt(k) === word.charCodeAt(k - 2)) return true;
    }
    const gap = i - prevEnd;
    if (word.length === 1 && after !== APOSTROPHE) {
      singles = singles > 0 && gap <= 3 ? singles + 1 : 1;
      if (singles >= MIN_SPACED_RUN) return true;
    } else {
      singles = 0;
    }
    if (
      prevWord !== null && gap === 1 && (classOf(before) & C_SPACE) !== 0 && before !== 0x0a && before !== 0x0d &&
      prevWord.length >= 2 && word.length >= 2 && lex.stems.has(prevWord) &&
      !FUNCTION_SET.has(prevWord) && !FUNCTION_SET.has(word) && isSingleForm(lex, prevWord + word)
    ) {
      return true;
    }
    prevWord = word;
    prevEnd = j;
    i = j;
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
 * glued form is in the lexicon: spaced letters (`c o n n a r d`, `f.d.p`), a word cut by a dot
 * (`c.nnard`), a word cut in two by a space (`ban dits`, never `pu te`).
 *
 * @example
 * buildUnits(tokenize(normalize('des ban dits').text), lex).map((u) => u.forms[0]); // ['des', 'bandits']
 */
export function buildUnits(tokenized: Tokenized, lex: CompiledLexicon): Unit[] {
  const { tokens, gaps } = tokenized;
  const units: Unit[] = [];
  const memo = new Map<string, string[]>();
  const resolve = (w: string): string[] => {
    let r = memo.get(w);
    if (r === undefined) {
      r = resolveWildcard(lex, w);
      memo.set(w, r);
    }
    return r;
  };
  const unit = (kind: TokenKind, forms: readonly string[], first: number, last: number): Unit => ({
    kind,
    forms,
    start: (tokens[first] as Token).start,
    end: (tokens[last] as Token).end,
    gapBefore: gaps[first] as string,
    gapAfter: gaps[last + 1] as string,
  });

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
          units.push(unit('word', [joined], i, j));
          i = j + 1;
          continue;
        }
      }
    }

    const u = tokens[i + 1];
    if (t.kind === 'word' && u !== undefined && u.kind === 'word' && gaps[i + 1] === '.') {
      // `c.nnard`, `enc.lé`: the dot may be a mask rather than a full stop.
      const left = t.wildcard ?? t.forms[0] ?? '';
      const right = u.wildcard ?? u.forms[0] ?? '';
      const forms = resolve(`${left}?${right}`);
      if (forms.length > 0 && !anySingle(lex, t.forms) && !anySingle(lex, u.forms)) {
        units.push(unit('word', forms, i, i + 1));
        i += 2;
        continue;
      }
    }

    if (isPlainWord(t) && !t.elided && isPlainWord(u) && gaps[i + 1] === ' ' && lex.stems.has(t.forms[0] as string)) {
      const a = t.forms[0] as string;
      const b = u.forms[0] as string;
      if (
        a.length >= 2 && b.length >= 2 && a.length + b.length >= MIN_SPLIT_LENGTH &&
        !FUNCTION_SET.has(a) && !FUNCTION_SET.has(b) &&
        isSingleForm(lex, a + b) && !anySingle(lex, t.forms) && !anySingle(lex, u.forms)
      ) {
        units.push(unit('word', [a + b], i, i + 1));
        i += 2;
        continue;
      }
    }

    if (t.kind === 'word' && t.wildcard !== undefined && !startsPattern(lex, t.forms)) {
      units.push(unit('word', resolve(t.wildcard), i, i));
    } else {
      units.push(t);
    }
    i++;
  }
  return units;
}

function step(node: TrieNode, forms: readonly string[], out: Set<TrieNode>): void {
  for (const f of forms) {
    const exact = node.next.get(f);
    if (exact !== undefined) out.add(exact);
    for (const l of node.prefixLengths) {
      if (l > f.length || (node.prefixes.size === 0)) break;
      const p = node.prefixes.get(f.slice(0, l));
      if (p !== undefined) out.add(p);
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
  const seen = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const first = units[i] as Unit;
    if (first.kind === 'mask') {
      found.push({ entry: null, first: i, last: i });
      continue;
    }
    if (first.kind !== 'word' || !startsPattern(lex, first.forms)) continue;
    let frontier = new Set<TrieNode>([lex.root]);
    for (let j = i; j < units.length && frontier.size > 0; j++) {
      const u = units[j] as Unit;
      if (u.kind !== 'word' || (j > i && SENTENCE_END.test(u.gapBefore))) break;
      const next = new Set<TrieNode>();
      for (const node of frontier) step(node, u.forms, next);
      for (const node of next) {
        for (const entry of node.ends) {
          const key = `${entry.id}:${i}:${j}`;
          if (seen.has(key) || isAllowed(units, entry, i)) continue;
          seen.add(key);
          found.push({ entry, first: i, last: j });
        }
      }
      frontier = next;
    }
  }
  return dropNested(found);
}

/** Keeps the longest hits: a hit strictly inside a kept one is dropped; equal spans all stay. */
function dropNested(found: FoundMatch[]): FoundMatch[] {
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
