/**
 * Stage 0 of scoring, run once per scorer: parse every lexicon pattern, validate it, and build the
 * index the matcher walks — a trie whose edges are folded word forms, so matching costs a few hash
 * lookups per token whatever the size of the list.
 */
import type { Category, LexiconEntry, Severity } from './types.js';
import { foldText } from './normalize.js';

/** One word slot of a parsed pattern: the exact forms and the prefixes (`encul*`) it accepts. */
export interface Slot {
  readonly exact: readonly string[];
  readonly prefixes: readonly string[];
}

/** An allow phrase, parsed: its slots and where the pattern sits inside it. */
export interface AllowPhrase {
  readonly slots: readonly Slot[];
  /** Offsets in `slots` at which the pattern's own slots line up. */
  readonly offsets: readonly number[];
}

export interface CompiledEntry {
  readonly id: number;
  readonly pattern: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly needsTarget: boolean;
  readonly endsClause: boolean;
  readonly length: number;
  readonly allow: readonly AllowPhrase[];
}

export interface TrieNode {
  readonly next: Map<string, TrieNode>;
  /** Prefix edges (`encul*`), keyed by the prefix. */
  readonly prefixes: Map<string, TrieNode>;
  /** Distinct prefix lengths present in `prefixes`, ascending. */
  readonly prefixLengths: number[];
  /** Entries whose pattern ends at this node. */
  readonly ends: CompiledEntry[];
}

/** A candidate for a masked word (`c*nnard`): a lexicon form and how bad its entries are. */
export interface MaskCandidate {
  readonly form: string;
  readonly prefix: boolean;
  readonly severity: number;
  /** The form is a whole single-word pattern (not just one word of a phrase). */
  readonly single: boolean;
}

export interface CompiledLexicon {
  readonly entries: readonly CompiledEntry[];
  readonly root: TrieNode;
  /** Forms of single-word patterns (exact), for gluing split words back (`ban dits`). */
  readonly singleForms: ReadonlySet<string>;
  /** Prefixes of single-word patterns. */
  readonly singlePrefixes: ReadonlySet<string>;
  /** Distinct lengths of `singlePrefixes`, ascending. */
  readonly singlePrefixLengths: readonly number[];
  /** Every beginning (2+ letters) of a single-word form or prefix: a cheap "could a glued word start so?". */
  readonly stems: ReadonlySet<string>;
  /**
   * {@link headKey} of the prefix edges at the root: most words are ruled out with one lookup of a
   * small integer, before any slice of them is built.
   */
  readonly rootPrefixHeads: ReadonlySet<number>;
  /** Every form used in any slot, by length, for masked words. */
  readonly maskCandidates: ReadonlyMap<number, readonly MaskCandidate[]>;
  /** Prefix forms of any slot, for masked words. */
  readonly maskPrefixes: readonly MaskCandidate[];
}

/** Thrown on a pattern the grammar rejects; the message names the pattern. */
export class LexiconPatternError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`Invalid lexicon pattern "${pattern}": ${reason}`);
    this.name = 'LexiconPatternError';
  }
}

const MIN_PREFIX = 3;

/**
 * A small integer for the first three UTF-16 units of a word (3+ units): a prefilter key, equal
 * for equal heads (rarely for different ones, which only costs a real lookup).
 *
 * @example
 * headKey('enculé') === headKey('encul'); // true
 */
export function headKey(word: string): number {
  return ((word.charCodeAt(0) & 0x3ff) << 20) | ((word.charCodeAt(1) & 0x3ff) << 10) | (word.charCodeAt(2) & 0x3ff);
}
const MAX_EXPANSIONS = 5000;
const FORM = /^\p{L}+$/u;

/** Expands `connard(e)(s)` into its forms; groups are independent and may sit anywhere. */
function expandOptionalGroups(word: string, pattern: string): string[] {
  const parts: Array<{ text: string; optional: boolean }> = [];
  let i = 0;
  while (i < word.length) {
    const open = word.indexOf('(', i);
    const close = word.indexOf(')', i);
    if (open === -1) {
      if (close !== -1) throw new LexiconPatternError(pattern, `unbalanced ")" in "${word}"`);
      parts.push({ text: word.slice(i), optional: false });
      break;
    }
    if (close !== -1 && close < open) throw new LexiconPatternError(pattern, `unbalanced ")" in "${word}"`);
    const end = word.indexOf(')', open);
    if (end === -1) throw new LexiconPatternError(pattern, `unclosed "(" in "${word}"`);
    const inner = word.slice(open + 1, end);
    if (inner.length === 0 || inner.includes('(')) {
      throw new LexiconPatternError(pattern, `empty or nested group in "${word}"`);
    }
    if (open > i) parts.push({ text: word.slice(i, open), optional: false });
    parts.push({ text: inner, optional: true });
    i = end + 1;
  }
  let forms = [''];
  for (const part of parts) {
    forms = part.optional ? forms.flatMap((f) => [f, f + part.text]) : forms.map((f) => f + part.text);
    if (forms.length > MAX_EXPANSIONS) throw new LexiconPatternError(pattern, 'too many optional groups');
  }
  return forms;
}

/** Parses one alternative of a slot into folded forms; a trailing `*` makes them prefixes. */
function parseAlternative(alt: string, pattern: string, allowPrefix: boolean): { exact: string[]; prefixes: string[] } {
  let body = alt;
  if (body.endsWith("'")) body = body.slice(0, -1); // `j'` is the token `j`
  let prefix = false;
  if (body.endsWith('*')) {
    if (!allowPrefix) throw new LexiconPatternError(pattern, `"*" is not allowed here ("${alt}")`);
    prefix = true;
    body = body.slice(0, -1);
  }
  if (body.length === 0) {
    throw new LexiconPatternError(pattern, prefix ? 'a bare "*" would match every word' : 'empty word or alternative');
  }
  if (/[*'/]/.test(body)) throw new LexiconPatternError(pattern, `misplaced "*", "'" or "/" in "${alt}"`);
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const raw of expandOptionalGroups(body, pattern)) {
    const form = foldText(raw);
    if (form.length === 0) throw new LexiconPatternError(pattern, `"${alt}" has an empty form`);
    if (!FORM.test(form)) {
      throw new LexiconPatternError(pattern, `"${raw}" can never match: words are letters only (digits in text are read as leet)`);
    }
    if (prefix) {
      if (form.length < MIN_PREFIX) {
        throw new LexiconPatternError(pattern, `prefix "${raw}*" is shorter than ${MIN_PREFIX} letters and would match too much`);
      }
      prefixes.push(form);
    } else {
      exact.push(form);
    }
  }
  return { exact, prefixes };
}

/** Splits a pattern into slots, following the text's own rules: spaces, `'` and `-` separate words. */
function parseSlots(pattern: string, allowPrefix: boolean): Slot[] {
  if (pattern.trim().length === 0) throw new LexiconPatternError(pattern, 'empty pattern');
  if (pattern !== pattern.trim() || pattern.includes('  ')) {
    throw new LexiconPatternError(pattern, 'words must be separated by single spaces, without leading or trailing space');
  }
  const slots: Slot[] = [];
  for (const word of pattern.split(' ')) {
    if (word.includes('/')) {
      const exact = new Set<string>();
      const prefixes = new Set<string>();
      for (const alt of word.split('/')) {
        if (/'./.test(alt) || alt.includes('-')) {
          throw new LexiconPatternError(pattern, `an alternative must be one word ("${alt}"); use separate entries`);
        }
        const p = parseAlternative(alt, pattern, allowPrefix);
        p.exact.forEach((f) => exact.add(f));
        p.prefixes.forEach((f) => prefixes.add(f));
      }
      slots.push({ exact: [...exact], prefixes: [...prefixes] });
      continue;
    }
    // No alternatives: inner apostrophes and hyphens cut the word like in text (`fils-de-pute`, `l'enculé`).
    const pieces = word.split(/(?<=')|-/).filter((p) => p.length > 0);
    if (pieces.length === 0) throw new LexiconPatternError(pattern, `"${word}" has no letters`);
    for (const piece of pieces) {
      const p = parseAlternative(piece, pattern, allowPrefix);
      slots.push({ exact: [...new Set(p.exact)], prefixes: [...new Set(p.prefixes)] });
    }
  }
  return slots;
}

function slotAccepts(slot: Slot, form: string): boolean {
  if (slot.exact.includes(form)) return true;
  return slot.prefixes.some((p) => form.startsWith(p));
}

function slotsCount(slots: readonly Slot[]): number {
  let n = 1;
  for (const s of slots) n *= s.exact.length + s.prefixes.length;
  return n;
}

/**
 * Every concrete word sequence a pattern stands for, folded like text; prefix words keep their `*`.
 *
 * @example
 * expandPattern("connard(e)(s)");     // [['connard'], ['connards'], ['connarde'], ['connardes']]
 * expandPattern("je/j' vais te tuer"); // [['je','vais','te','tuer'], ['j','vais','te','tuer']]
 */
export function expandPattern(pattern: string): string[][] {
  const slots = parseSlots(pattern, true);
  if (slotsCount(slots) > MAX_EXPANSIONS) {
    throw new LexiconPatternError(pattern, `expands to more than ${MAX_EXPANSIONS} sequences`);
  }
  let seqs: string[][] = [[]];
  for (const slot of slots) {
    const words = [...slot.exact, ...slot.prefixes.map((p) => `${p}*`)];
    seqs = seqs.flatMap((seq) => words.map((w) => [...seq, w]));
  }
  return seqs;
}

type TrieNodeBeingBuilt = { -readonly [K in keyof TrieNode]: TrieNode[K] };

/*
 * Most of the trie's tens of thousands of nodes have no edges of one kind or the other (a word
 * ends there, and prefixes are rare): they all share these two, which are never written to, rather
 * than each holding empty ones. That keeps a compiled lexicon's heap small, and the garbage
 * collector, which walks it again and again during a bulk import, fast.
 */
const NO_EDGES: Map<string, TrieNode> = new Map();
const NO_LENGTHS: number[] = Object.freeze([]) as unknown as number[];

function newNode(): TrieNode {
  return { next: NO_EDGES, prefixes: NO_EDGES, prefixLengths: NO_LENGTHS, ends: [] };
}

function childFor(node: TrieNodeBeingBuilt, form: string, prefix: boolean): TrieNode {
  if (prefix && node.prefixes === NO_EDGES) node.prefixes = new Map();
  if (!prefix && node.next === NO_EDGES) node.next = new Map();
  const map = prefix ? node.prefixes : node.next;
  let child = map.get(form);
  if (child === undefined) {
    child = newNode();
    map.set(form, child);
    if (prefix && !node.prefixLengths.includes(form.length)) {
      node.prefixLengths = [...node.prefixLengths, form.length].sort((a, b) => a - b);
    }
  }
  return child;
}

function compileAllow(entryPattern: string, slots: readonly Slot[], phrase: string): AllowPhrase {
  let allowSlots: Slot[];
  try {
    allowSlots = parseSlots(phrase, false);
  } catch (err) {
    throw new LexiconPatternError(entryPattern, `allow phrase "${phrase}": ${(err as Error).message}`);
  }
  const offsets: number[] = [];
  for (let k = 0; k + slots.length <= allowSlots.length; k++) {
    let ok = true;
    for (let s = 0; s < slots.length && ok; s++) {
      const a = allowSlots[k + s] as Slot;
      ok = a.exact.some((f) => slotAccepts(slots[s] as Slot, f));
    }
    if (ok) offsets.push(k);
  }
  if (offsets.length === 0) {
    throw new LexiconPatternError(entryPattern, `allow phrase "${phrase}" does not contain the pattern`);
  }
  return { slots: allowSlots, offsets };
}

/**
 * Validates and indexes lexicon entries. Throws a {@link LexiconPatternError} naming the pattern on
 * invalid grammar, on a form that can never match, or on a prefix that would match almost anything.
 *
 * @example
 * const lex = compileLexicon([{ pattern: 'connard(e)(s)', category: 'insult', severity: 2 }]);
 * lex.root.next.has('connards'); // true
 * compileLexicon([{ pattern: 'c*', category: 'insult', severity: 1 }]); // throws: prefix "c*" is shorter than 3 letters
 */
export function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const root = newNode();
  const compiled: CompiledEntry[] = [];
  const singleForms = new Set<string>();
  const singlePrefixes = new Set<string>();
  const candidates = new Map<string, MaskCandidate>();
  const addCandidate = (form: string, prefix: boolean, severity: number, single: boolean): void => {
    const key = `${prefix ? '*' : ''}${form}`;
    const old = candidates.get(key);
    if (old === undefined || (single && !old.single) || (single === old.single && severity > old.severity)) {
      candidates.set(key, { form, prefix, severity, single });
    }
  };

  entries.forEach((e) => {
    const slots = parseSlots(e.pattern, true);
    if (slotsCount(slots) > MAX_EXPANSIONS) {
      throw new LexiconPatternError(e.pattern, `expands to more than ${MAX_EXPANSIONS} sequences`);
    }
    const entry: CompiledEntry = {
      id: compiled.length,
      pattern: e.pattern,
      category: e.category,
      severity: e.severity,
      needsTarget: e.needsTarget === true,
      endsClause: e.endsClause === true,
      length: slots.length,
      allow: (e.allow ?? []).map((phrase) => compileAllow(e.pattern, slots, phrase)),
    };
    compiled.push(entry);
    const single = slots.length === 1;
    if (single && (slots[0] as Slot).exact.some((f) => f.length < 2)) {
      throw new LexiconPatternError(e.pattern, 'a one-letter word alone would match every elision (c\', l\'…)');
    }
    let frontier: TrieNode[] = [root];
    for (const slot of slots) {
      const nextFrontier = new Set<TrieNode>();
      for (const node of frontier) {
        for (const f of slot.exact) nextFrontier.add(childFor(node, f, false));
        for (const p of slot.prefixes) nextFrontier.add(childFor(node, p, true));
      }
      frontier = [...nextFrontier];
      for (const f of slot.exact) addCandidate(f, false, single ? e.severity : 0, single);
      for (const p of slot.prefixes) addCandidate(p, true, single ? e.severity : 0, single);
      if (single) {
        slot.exact.forEach((f) => singleForms.add(f));
        slot.prefixes.forEach((p) => singlePrefixes.add(p));
      }
    }
    for (const node of frontier) if (!node.ends.includes(entry)) node.ends.push(entry);
  });

  const maskCandidates = new Map<number, MaskCandidate[]>();
  const maskPrefixes: MaskCandidate[] = [];
  for (const c of candidates.values()) {
    if (c.prefix) {
      maskPrefixes.push(c);
    } else {
      const list = maskCandidates.get(c.form.length) ?? [];
      list.push(c);
      maskCandidates.set(c.form.length, list);
    }
  }
  const stems = new Set<string>();
  for (const f of [...singleForms, ...singlePrefixes]) for (let k = 2; k <= f.length; k++) stems.add(f.slice(0, k));
  const singlePrefixLengths = [...new Set([...singlePrefixes].map((p) => p.length))].sort((a, b) => a - b);
  const rootPrefixHeads = new Set([...root.prefixes.keys()].map(headKey));
  return {
    entries: compiled, root, singleForms, singlePrefixes, singlePrefixLengths, stems, rootPrefixHeads, maskCandidates, maskPrefixes,
  };
}
