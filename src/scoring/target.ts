/**
 * Stage 4 of scoring: who is each hit aimed at? A person (second person, `espèce de`, a vocative,
 * `@name`, the parent comment's author), a group (`bande de`, `vous êtes des`, a plural insult
 * after `les/des`), or nobody. Reads the units and gaps only; the words come from lexicon/targets.ts.
 */
import type { Category, ScoreContext, Target } from './types.js';
import type { FoundMatch, Unit } from './match.js';
import { expandPattern } from './compile.js';
import { foldText } from './normalize.js';
import { tokenize } from './tokenize.js';
import {
  F_IDENTITY,
  F_INTERJECTION,
  F_PLURAL,
  F_POSSESSIVE,
  F_SECOND_PLURAL,
  F_SECOND_SINGULAR,
  G_COMMA,
  G_EXCLAMATION,
  G_QUESTION,
  G_SENTENCE_END,
  gapFlagsOf,
  W_MASK,
  W_MENTION,
  W_NUMBER,
  W_WORD,
  WordTable,
} from './word-table.js';
import {
  GROUP_MARKERS,
  IDENTITY_WORDS,
  INTERJECTIONS,
  PERSON_MARKERS,
  SECOND_PERSON_PLURAL,
  SECOND_PERSON_POSSESSIVES,
  SECOND_PERSON_SINGULAR,
  WEAK_GROUP_MARKERS,
} from './lexicon/targets.js';

/** The target of one hit, and whether it is strong enough for a `needsTarget` entry. */
export interface MatchTarget {
  readonly target: Target;
  /** False for a bare plural article (`des bandits`): enough for an insult, not for a `needsTarget` word. */
  readonly strong: boolean;
  /** Aimed at a group named by an identity word in the same sentence. */
  readonly identity: boolean;
  /** True when the hit does not count at all: an `endsClause` entry followed by more of its clause. */
  readonly dropped?: boolean;
}

export interface TargetAnalysis {
  readonly perMatch: readonly MatchTarget[];
  /** Comment-level target, from the hits first, then from the comment's own address. */
  readonly target: Target;
}

/** Phrases indexed by their last word, for "is this hit preceded by one of them?". */
export type PhraseIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

function indexPhrases(phrases: readonly string[]): PhraseIndex {
  const index = new Map<string, string[][]>();
  for (const p of phrases) {
    for (const seq of expandPattern(p)) {
      const last = seq[seq.length - 1] as string;
      const list = index.get(last) ?? [];
      list.push(seq);
      index.set(last, list);
    }
  }
  return index;
}

function wordSet(phrases: readonly string[]): ReadonlySet<string> {
  return new Set(phrases.flatMap((p) => expandPattern(p).map((seq) => seq.join(' '))));
}

const PERSON = indexPhrases(PERSON_MARKERS);
const GROUP = indexPhrases(GROUP_MARKERS);
const WEAK_GROUP = indexPhrases(WEAK_GROUP_MARKERS);
const SECOND_SINGULAR = wordSet(SECOND_PERSON_SINGULAR);
const SECOND_PLURAL = wordSet(SECOND_PERSON_PLURAL);
const POSSESSIVE = wordSet(SECOND_PERSON_POSSESSIVES);
const IDENTITY = wordSet(IDENTITY_WORDS);

/**
 * The folded words of the second person, which make a comment without hits address a person
 * (`singular`) or a group (`plural`); the fast scan looks for them itself.
 *
 * @example
 * ADDRESS_WORDS.singular.has('toi'); // true
 */
export const ADDRESS_WORDS: { readonly singular: ReadonlySet<string>; readonly plural: ReadonlySet<string> } = {
  singular: SECOND_SINGULAR,
  plural: SECOND_PLURAL,
};
const INTERJECTION = wordSet(INTERJECTIONS);

/**
 * The words and phrases the target rules look for, folded, for the fast scan to index by its own
 * word ids: word sets by flag, marker phrases by their last word.
 *
 * @example
 * TARGET_WORDS.identity.has('arabes'); // true
 * TARGET_WORDS.person.get('de');        // [['espece', 'de'], …]
 */
export const TARGET_WORDS: {
  readonly identity: ReadonlySet<string>;
  readonly interjection: ReadonlySet<string>;
  readonly person: PhraseIndex;
  readonly group: PhraseIndex;
  readonly weakGroup: PhraseIndex;
} = { identity: IDENTITY, interjection: INTERJECTION, person: PERSON, group: GROUP, weakGroup: WEAK_GROUP };

// Exclamations (`Putain !`, `Merde,`) are not vocatives.
const VOCATIVE_CATEGORIES = new Set<Category>(['insult', 'harassment', 'identity_attack']);

function has(u: Unit | undefined, set: ReadonlySet<string>): boolean {
  if (u === undefined || u.kind !== 'word') return false;
  const forms = u.forms;
  for (let k = 0; k < forms.length; k++) if (set.has(forms[k] as string)) return true;
  return false;
}

const NO_TARGET: MatchTarget = { target: 'none', strong: false, identity: false };
const DROPPED: MatchTarget = { target: 'none', strong: false, identity: false, dropped: true };
const PERSON_TARGET: MatchTarget = { target: 'person', strong: true, identity: false };
const GROUP_TARGETS: readonly MatchTarget[] = [
  { target: 'group', strong: false, identity: false },
  { target: 'group', strong: false, identity: true },
  { target: 'group', strong: true, identity: false },
  { target: 'group', strong: true, identity: true },
];

function group(identity: boolean, strong = true): MatchTarget {
  return GROUP_TARGETS[(strong ? 2 : 0) + (identity ? 1 : 0)] as MatchTarget;
}

function isPlural(u: Unit): boolean {
  for (const f of u.forms) {
    const last = f.charCodeAt(f.length - 1);
    if (f.length > 3 && (last === 0x73 || last === 0x78)) return true; // s, x
  }
  return false;
}

/** Does the folded name appear as consecutive words (or as `@name`)? */
function mentionsName(units: readonly Unit[], name: string): boolean {
  const words = tokenize(foldText(name)).tokens.map((t) => t.forms[0] ?? '').filter((w) => w.length > 0);
  if (words.length === 0) return false;
  const joined = words.join('');
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (u.kind === 'mention' && (u.forms[0] === joined || u.forms[0] === words[0])) return true;
    if (i + words.length > units.length) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) ok = (units[i + k] as Unit).forms.includes(words[k] as string);
    if (ok) return true;
  }
  return false;
}

function isNamed(units: readonly Unit[], context: ScoreContext): boolean {
  const name = context.parentAuthorName;
  return name !== undefined && name.trim().length > 0 && mentionsName(units, name);
}

const KIND_CODE: Readonly<Record<Unit['kind'], number>> = { word: W_WORD, number: W_NUMBER, mention: W_MENTION, mask: W_MASK };

/**
 * Marks, at row `at`, the phrases of `index` that end there (bit = phrase length); among phrases of
 * one length the first found wins, as its last word is what `sale` checks read.
 */
function markPhrases(units: readonly Unit[], at: number, index: PhraseIndex, masks: Uint32Array, sale: Uint32Array | null): void {
  let mask = 0;
  let saleMask = 0;
  for (const f of (units[at] as Unit).forms) {
    for (const seq of index.get(f) ?? []) {
      const s = at + 1 - seq.length;
      if (s < 0 || (mask & (1 << seq.length)) !== 0) continue;
      let ok = true;
      for (let k = 0; k < seq.length - 1 && ok; k++) ok = (units[s + k] as Unit).forms.includes(seq[k] as string);
      if (!ok) continue;
      mask |= 1 << seq.length;
      if (f === 'sale' || f === 'sales') saleMask |= 1 << seq.length;
    }
  }
  masks[at] = mask;
  if (sale !== null) sale[at] = saleMask;
}

/** Fills a word table from the units of the full pipeline: kinds, flags, gaps, and the phrases before each hit. */
function tableOf(units: readonly Unit[], matches: readonly FoundMatch[], table: WordTable): WordTable {
  const n = units.length;
  table.reset(n);
  table.count = n;
  for (let i = 0; i < n; i++) {
    const u = units[i] as Unit;
    let flags = 0;
    if (has(u, SECOND_SINGULAR)) flags |= F_SECOND_SINGULAR;
    if (has(u, SECOND_PLURAL)) flags |= F_SECOND_PLURAL;
    if (has(u, POSSESSIVE)) flags |= F_POSSESSIVE;
    if (has(u, IDENTITY)) flags |= F_IDENTITY;
    if (has(u, INTERJECTION)) flags |= F_INTERJECTION;
    if (isPlural(u)) flags |= F_PLURAL;
    table.kind[i] = KIND_CODE[u.kind];
    table.flags[i] = flags;
    table.gaps[i] = gapFlagsOf(u.gapBefore);
    table.start[i] = u.start;
    table.end[i] = u.end;
  }
  table.gaps[n] = n > 0 ? gapFlagsOf((units[n - 1] as Unit).gapAfter) : 0;
  table.clearMarkers();
  for (const m of matches) {
    const at = m.first - 1;
    if (at < 0 || (units[at] as Unit).kind !== 'word') continue;
    markPhrases(units, at, PERSON, table.person, table.personSale);
    markPhrases(units, at, GROUP, table.group, null);
    markPhrases(units, at, WEAK_GROUP, table.weakGroup, null);
  }
  return table;
}

/** The comment's own address, when no hit says more: `tu`/`@name`/the parent named → person, `vous` → group. */
function addressIn(t: WordTable, named: boolean): Target {
  let plural = false;
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] === W_MENTION || ((t.flags[i] as number) & F_SECOND_SINGULAR) !== 0) return 'person';
    if (((t.flags[i] as number) & F_SECOND_PLURAL) !== 0) plural = true;
  }
  if (named) return 'person';
  return plural ? 'group' : 'none';
}

/** Sentences: a gap holding . ! ? or a line break starts one. Fills the sentence columns; true when a row is a mention. */
function splitSentences(t: WordTable): boolean {
  let mention = false;
  let start = 0;
  for (let i = 0; i < t.count; i++) {
    if (i > 0 && ((t.gaps[i] as number) & G_SENTENCE_END) !== 0) {
      for (let k = start; k < i; k++) t.sentenceEnd[k] = i - 1;
      start = i;
      t.sentenceFlags[start] = 0;
    } else if (i === 0) {
      t.sentenceFlags[0] = 0;
    }
    t.sentenceStart[i] = start;
    t.sentenceFlags[start] = (t.sentenceFlags[start] as number) | (t.flags[i] as number);
    if (t.kind[i] === W_MENTION) mention = true;
  }
  for (let k = start; k < t.count; k++) t.sentenceEnd[k] = t.count - 1;
  return mention;
}

/** Length of the longest marker phrase ending right before row `first` inside its sentence (0: none). */
function precededBy(t: WordTable, masks: Uint32Array, first: number, sentenceStart: number): number {
  const at = first - 1;
  if (at < sentenceStart || t.kind[at] !== W_WORD) return 0;
  const mask = masks[at] as number;
  if (mask === 0) return 0;
  for (let len = Math.min(31, first - sentenceStart); len > 0; len--) if ((mask & (1 << len)) !== 0) return len;
  return 0;
}

/**
 * True when the only second-person words of the sentence `[from, to]` are a possessive right
 * before row `first` (`ta vache est malade`): the sentence then addresses nobody for that hit.
 */
function onlyPossessiveBefore(t: WordTable, first: number, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const f = t.flags[k] as number;
    if ((f & (F_SECOND_SINGULAR | F_SECOND_PLURAL)) !== 0 && !(k === first - 1 && (f & F_POSSESSIVE) !== 0)) return false;
  }
  return true;
}

/** True when row `last` ends its clause: `. ! ? ,` or a line break after it, or nothing at all. */
function endsClause(t: WordTable, last: number): boolean {
  return last + 1 >= t.count || ((t.gaps[last + 1] as number) & (G_SENTENCE_END | G_COMMA)) !== 0;
}

/** The target of one hit (see {@link detectTargets}). */
function targetOf(t: WordTable, m: FoundMatch, addressed: boolean): MatchTarget {
  if (m.entry?.endsClause === true && !endsClause(t, m.last)) return DROPPED;
  const first = m.first;
  const last = m.last;
  const sStart = t.sentenceStart[first] as number;
  const sEnd = t.sentenceEnd[first] as number;
  const sentence = t.sentenceFlags[sStart] as number;
  const many = ((t.flags[last] as number) & F_PLURAL) !== 0;
  const id = (sentence & F_IDENTITY) !== 0;
  let second = (sentence & F_SECOND_SINGULAR) !== 0;
  let secondPlural = (sentence & F_SECOND_PLURAL) !== 0;

  if (m.entry === null) {
    // A censored word: aimed at someone only through an explicit address.
    return second || addressed ? PERSON_TARGET : NO_TARGET;
  }
  const pm = precededBy(t, t.person, first, sStart);
  if (pm > 0) {
    const sale = ((t.personSale[first - 1] as number) & (1 << pm)) !== 0;
    return sale && many ? group(id) : PERSON_TARGET;
  }
  if (precededBy(t, t.group, first, sStart) > 0) return group(id);
  if (VOCATIVE_CATEGORIES.has(m.entry.category)) {
    const before = t.gaps[first] as number;
    const after = t.gaps[last + 1] as number;
    const endMark = t.gaps[sEnd + 1] as number;
    // After an interjection: `Hé, connard !`, or a sentence of just the two (`ok mongol…`).
    const opensSentence = first === sStart ||
      (first === sStart + 1 && ((t.flags[sStart] as number) & F_INTERJECTION) !== 0 &&
        ((before & (G_COMMA | G_EXCLAMATION)) !== 0 || last === sEnd));
    const vocative =
      (opensSentence && (last === sEnd || (after & (G_COMMA | G_EXCLAMATION | G_QUESTION)) !== 0 ||
        (sEnd - sStart < 3 && (endMark & (G_EXCLAMATION | G_QUESTION)) !== 0))) ||
      (last === sEnd && (before & G_COMMA) !== 0);
    if (vocative) return many ? group(id) : PERSON_TARGET;
  }
  if ((second || secondPlural) && m.entry.needsTarget === true && onlyPossessiveBefore(t, first, sStart, sEnd)) {
    second = false;
    secondPlural = false;
  }
  if (second) return PERSON_TARGET;
  if (secondPlural) return many ? group(id) : PERSON_TARGET;
  if (addressed) return PERSON_TARGET;
  if (id && many) return group(id);
  if (many && precededBy(t, t.weakGroup, first, sStart) > 0) return group(id, false);
  return NO_TARGET;
}

/**
 * Finds the target of every hit and of the comment from a filled word table: its flags, gaps,
 * and the marker phrases recorded right before each hit. `named`: the parent comment's author is
 * named in the text.
 *
 * @example
 * // "Espèce de con": the table marks `espèce de` before `con`.
 * detectTargetsIn(table, matches, false).perMatch[0].target; // 'person'
 */
export function detectTargetsIn(t: WordTable, matches: readonly FoundMatch[], named: boolean): TargetAnalysis {
  if (matches.length === 0) return { perMatch: [], target: addressIn(t, named) };
  const addressed = splitSentences(t) || named;
  const perMatch: MatchTarget[] = [];
  let target: Target = 'none';
  for (const m of matches) {
    const mt = targetOf(t, m, addressed);
    perMatch.push(mt);
    if ((m.entry?.needsTarget === true && !mt.strong) || mt.dropped === true) continue;
    if (mt.target === 'person') target = 'person';
    else if (mt.target === 'group' && target === 'none') target = 'group';
  }
  if (target === 'none') target = addressIn(t, named);
  return { perMatch, target };
}

const shared = new WordTable();

/**
 * Finds the target of every hit and of the comment, from the units of the full pipeline.
 *
 * @example
 * // "Espèce de con" → the hit on `con` is aimed at a person.
 * detectTargets(units, matches).perMatch[0].target; // 'person'
 */
export function detectTargets(units: readonly Unit[], matches: readonly FoundMatch[], context: ScoreContext = {}): TargetAnalysis {
  return detectTargetsIn(tableOf(units, matches, shared), matches, isNamed(units, context));
}
