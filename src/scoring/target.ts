/**
 * Stage 4 of scoring: who is each hit aimed at? A person (second person, `espèce de`, a vocative,
 * `@name`, the parent comment's author), a group (`bande de`, `vous êtes des`, a plural insult
 * after `les/des`), or nobody. Reads the units and gaps only; the words come from lexicon/targets.ts.
 */
import type { Category, ScoreContext, Target } from './types.js';
import type { FoundMatch, Unit } from './match.js';
import { expandPattern } from './compile.js';
import { foldText } from './normalize.js';
import { classOf, C_LETTER, tokenize } from './tokenize.js';
import {
  GROUP_MARKERS,
  IDENTITY_WORDS,
  INTERJECTIONS,
  PERSON_MARKERS,
  SECOND_PERSON_PLURAL,
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
}

export interface TargetAnalysis {
  readonly perMatch: readonly MatchTarget[];
  /** Comment-level target, from the hits first, then from the comment's own address. */
  readonly target: Target;
}

/** Phrases indexed by their last word, for "is this hit preceded by one of them?". */
type PhraseIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

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
const IDENTITY = wordSet(IDENTITY_WORDS);
const INTERJECTION = wordSet(INTERJECTIONS);
// Exclamations (`Putain !`, `Merde,`) are not vocatives.
const VOCATIVE_CATEGORIES = new Set<Category>(['insult', 'harassment', 'identity_attack']);
const SENTENCE_END = /[.!?\n]/;

function has(u: Unit | undefined, set: ReadonlySet<string>): boolean {
  return u !== undefined && u.kind === 'word' && u.forms.some((f) => set.has(f));
}

/** The longest phrase of `index` that ends right before unit `first`, inside the sentence. */
function precededBy(units: readonly Unit[], first: number, sentenceStart: number, index: PhraseIndex): readonly string[] | null {
  const prev = units[first - 1];
  if (first - 1 < sentenceStart || prev === undefined || prev.kind !== 'word') return null;
  let best: readonly string[] | null = null;
  for (const f of prev.forms) {
    for (const seq of index.get(f) ?? []) {
      const s = first - seq.length;
      if (s < sentenceStart || (best !== null && best.length >= seq.length)) continue;
      let ok = true;
      for (let k = 0; k < seq.length - 1 && ok; k++) ok = (units[s + k] as Unit).forms.includes(seq[k] as string);
      if (ok) best = seq;
    }
  }
  return best;
}

function isPlural(u: Unit): boolean {
  return u.forms.some((f) => f.length > 3 && (f.endsWith('s') || f.endsWith('x')));
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

/** A comment's own address, when no hit says more: `tu`/`@name`/the parent named → person, `vous` → group. */
function addressOf(units: readonly Unit[], context: ScoreContext): Target {
  let plural = false;
  for (const u of units) {
    if (u.kind === 'mention' || has(u, SECOND_SINGULAR)) return 'person';
    if (has(u, SECOND_PLURAL)) plural = true;
  }
  if (isNamed(units, context)) return 'person';
  return plural ? 'group' : 'none';
}

/**
 * The address of a comment in which nothing matched, read straight from folded text (the fast
 * path; `@name` never gets here): `tu`… → person, `vous`… → group, else none.
 *
 * @example
 * addressOfText("tu etais ou ?"); // 'person'
 */
export function addressOfText(text: string): Target {
  let plural = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if ((classOf(text.charCodeAt(i)) & C_LETTER) === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (classOf(text.charCodeAt(j)) & C_LETTER) !== 0) j++;
    if (j - i <= 5) {
      const w = text.slice(i, j);
      if (SECOND_SINGULAR.has(w)) return 'person';
      if (SECOND_PLURAL.has(w)) plural = true;
    }
    i = j;
  }
  return plural ? 'group' : 'none';
}

/**
 * Finds the target of every hit and of the comment.
 *
 * @example
 * // "Espèce de con" → the hit on `con` is aimed at a person.
 * detectTargets(units, matches).perMatch[0].target; // 'person'
 */
export function detectTargets(units: readonly Unit[], matches: readonly FoundMatch[], context: ScoreContext = {}): TargetAnalysis {
  if (matches.length === 0) return { perMatch: [], target: addressOf(units, context) };
  // Sentences: a gap holding . ! ? or a newline starts a new one.
  const sentenceOf = new Int32Array(units.length);
  const starts: number[] = [];
  units.forEach((u, i) => {
    if (i === 0 || SENTENCE_END.test(u.gapBefore)) starts.push(i);
    sentenceOf[i] = starts.length - 1;
  });
  const ends = starts.map((_, s) => (s + 1 < starts.length ? (starts[s + 1] as number) - 1 : units.length - 1));
  const second = new Uint8Array(starts.length);
  const plural = new Uint8Array(starts.length);
  const identity = new Uint8Array(starts.length);
  let anyMention = false;
  units.forEach((u, i) => {
    const s = sentenceOf[i] as number;
    if (has(u, SECOND_SINGULAR)) second[s] = 1;
    if (has(u, SECOND_PLURAL)) plural[s] = 1;
    if (has(u, IDENTITY)) identity[s] = 1;
    if (u.kind === 'mention') anyMention = true;
  });
  const addressed = anyMention || isNamed(units, context);

  const perMatch = matches.map((m): MatchTarget => {
    const category: Category = m.entry?.category ?? 'profanity';
    const s = sentenceOf[m.first] as number;
    const sStart = starts[s] as number;
    const sEnd = ends[s] as number;
    const last = units[m.last] as Unit;
    const many = isPlural(last);
    const id = identity[s] === 1;
    const person = (strong = true): MatchTarget => ({ target: 'person', strong, identity: false });
    const group = (strong = true): MatchTarget => ({ target: 'group', strong, identity: id });

    if (m.entry === null) {
      // A censored word: aimed at someone only through an explicit address.
      if (second[s] === 1 || addressed) return person();
      return { target: 'none', strong: false, identity: false };
    }
    const pm = precededBy(units, m.first, sStart, PERSON);
    if (pm !== null) {
      const adjective = pm[pm.length - 1];
      return (adjective === 'sale' || adjective === 'sales') && many ? group() : person();
    }
    if (precededBy(units, m.first, sStart, GROUP) !== null) return group();
    if (VOCATIVE_CATEGORIES.has(category)) {
      const opensSentence = m.first === sStart ||
        (m.first === sStart + 1 && has(units[sStart], INTERJECTION) && /[,!]/.test((units[m.first] as Unit).gapBefore));
      const endMark = (units[sEnd] as Unit).gapAfter;
      const vocative =
        (opensSentence && (m.last === sEnd || /[,!?]/.test(last.gapAfter) || (sEnd - sStart < 3 && /[!?]/.test(endMark)))) ||
        (m.last === sEnd && /,/.test((units[m.first] as Unit).gapBefore));
      if (vocative) return many ? group() : person();
    }
    if (second[s] === 1) return person();
    if (plural[s] === 1) return many ? group() : person();
    if (addressed) return person();
    if (id && many) return group();
    if (many && precededBy(units, m.first, sStart, WEAK_GROUP) !== null) return group(false);
    return { target: 'none', strong: false, identity: false };
  });

  let target: Target = 'none';
  perMatch.forEach((t, k) => {
    const m = matches[k] as FoundMatch;
    if (m.entry?.needsTarget === true && !t.strong) return;
    if (t.target === 'person') target = 'person';
    else if (t.target === 'group' && target === 'none') target = 'group';
  });
  if (target === 'none') target = addressOf(units, context);
  return { perMatch, target };
}
