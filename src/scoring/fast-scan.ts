/**
 * The fast path of scoring: one pass over the original UTF-16 units, with no per-word string,
 * that proves most comments clean. Letters are folded through {@link charEntry} and walked through
 * a character trie of every lexicon form (typed arrays); whole words then step a word-level
 * automaton of the lexicon's phrases, keyed by form ids.
 *
 * It answers "clean, addressed to X" only when the full pipeline (normalize → tokenize → match)
 * would find nothing. When the text is plain — only whole words and numbers, which the tokenizer
 * would cut exactly there — but some word may match, it answers `'words'` and leaves the words in a
 * {@link WordTable} with their form ids, for the id matcher (word-match.ts). `œ`/`æ` are walked as
 * two letters and `…` read as three dots.
 *
 * A piece the tokenizer decodes — digits touching letters (`10h`, `c0nnard`), `* _ $ # @` (`@marc`,
 * `p***`), tripled letters (`mdrrr`) — is handed to the tokenizer itself, alone (a piece between
 * separators is one token at most). Its token stays on the fast road only when the matcher would do
 * nothing with it: a number, a mention, or a word whose every form is inert (matches nothing, is no
 * target word, glues to no neighbour). Anything else — a form that may match (`c0nnard`), a mask, a
 * run of spaced single letters that starts a pattern, a word split in two, a character folding to
 * several other than those — goes to the full pipeline.
 */
import type { CompiledEntry, CompiledLexicon, Slot, TrieNode } from './compile.js';
import type { Target } from './types.js';
import { IntMap } from './int-map.js';
import {
  charEntry,
  K_APOSTROPHE,
  K_COMPLEX,
  K_DIGIT,
  K_DOT,
  K_LETTER,
  K_MASK_SYMBOL,
  K_PLUS_E,
  K_SPACE,
  K_TRIGGER,
} from './char-table.js';
import { foldText } from './normalize.js';
import { classOf, C_DIGIT, C_LETTER, C_WORDISH, tokenize, type Token } from './tokenize.js';
import { resolveMasked } from './match.js';
import { FUNCTION_WORDS, SECOND_PERSON_POSSESSIVES } from './lexicon/targets.js';
import { ADDRESS_WORDS, TARGET_WORDS, type PhraseIndex } from './target.js';
import {
  F_IDENTITY,
  F_INTERJECTION,
  F_OPAQUE,
  F_PLURAL,
  F_MODEL,
  F_POSSESSIVE,
  F_SECOND_PLURAL as W_SECOND_PLURAL,
  F_SECOND_SINGULAR as W_SECOND_SINGULAR,
  W_MENTION,
  W_NUMBER,
  W_WORD,
  type WordTable,
} from './word-table.js';

/**
 * The lexicon and the target phrases keyed by the scanner's ids, for the id matcher: phrase-trie
 * edges by form id, and marker phrases as sequences of character-trie nodes (one node, one word).
 */
export interface WordIndex {
  /** Number of form ids; an edge of phrase-trie node `p` on id `f` is `edges.get(p * idCount + f)` (-1: none). */
  readonly idCount: number;
  readonly edges: IntMap;
  /** Child of the phrase-trie root by form id, or -1. */
  readonly rootChild: Int32Array;
  /** Entries whose pattern ends at each phrase-trie node. */
  readonly ends: readonly (readonly CompiledEntry[])[];
  /**
   * The same as entry ids, flat: node `p`'s are `endIds[endFrom[p] .. endFrom[p + 1])`, in order
   * (a walk reads them without touching an array or an entry per node).
   */
  readonly endFrom: Int32Array;
  readonly endIds: Int32Array;
  /** The lexicon's entries by id, and 1 where an entry has allow phrases. */
  readonly entries: readonly CompiledEntry[];
  readonly hasAllow: Uint8Array;
  /** 1 where `ends` is not empty: most nodes a walk reaches end nothing, and this is read without touching them. */
  readonly endsAt: Uint8Array;
  /** 1 where a phrase-trie node has children: a walk keeps only those in its frontier. */
  readonly open: Uint8Array;
  /**
   * Per phrase-trie node, bit `id & 31` set for the form id of each of its edges: a clear bit
   * rules an edge out without probing `edges` (most probes would miss).
   */
  readonly edgeBits: Int32Array;
  /** Marker phrases of lexicon/targets.ts as character-trie nodes, keyed by the node of their last word. */
  readonly person: ReadonlyMap<number, readonly Int32Array[]>;
  readonly group: ReadonlyMap<number, readonly Int32Array[]>;
  readonly weakGroup: ReadonlyMap<number, readonly Int32Array[]>;
  /** Nodes of `sale` and `sales`: a person marker ending on them turns a plural insult into a group one. */
  readonly saleNodes: ReadonlySet<number>;
  /** By entry id, for entries with allow phrases: how the id matcher reads them. */
  readonly allow: readonly (AllowIndex | undefined)[];
}

/** An entry's allow phrases as the id matcher reads them (see {@link WordIndex.allow}). */
export interface AllowIndex {
  /**
   * Per phrase, per slot, the character-trie nodes of the slot's exact words: a plain row is one
   * of those words when it ends on one of those nodes.
   */
  readonly slots: readonly (readonly Int32Array[])[];
  /**
   * Where every allowed hit has one of a few words, or null (a slot there takes prefixes): `at`
   * is the row's place from the hit's first row, `nodes` the words it may hold. A hit with none of
   * them in place sits in no allow phrase: one test instead of one per phrase.
   */
  readonly gate: readonly { readonly at: number; readonly nodes: ReadonlySet<number> }[] | null;
}

/** Scans a text; null means "the full pipeline must score it". */
export interface FastScanner {
  /**
   * The comment's address when nothing in `text` can match; `'words'` when the text is plain words
   * and some may match (they are left in `words`); null when the full pipeline must score it.
   * `text` must already be cut to the scorer's input limit.
   */
  scan(text: string, words: WordTable): Target | 'words' | null;
  readonly index: WordIndex;
  /**
   * Character-trie node of each extra word given to {@link compileFastScanner}, in order: after a
   * scan of a plain text (`words.plain`), a word row whose node is one of them is that word, so the
   * learned layer reads its words off the table at no cost per letter.
   */
  readonly extraNodes: Int32Array;
  /** Number of character-trie nodes (every row's `node` is below it). */
  readonly nodeCount: number;
}

// Flags of character-trie nodes (the word spelled from the root to the node).
const F_SINGLE_END = 1; // a form of a single-word pattern
const F_SINGLE_PREFIX = 2; // a prefix (`encul*`) of a single-word pattern
const F_STEM = 4; // 2+ letters on the way to one of those: may be the first half of a split word
const F_FUNCTION = 8; // a function word, never half of a split word
const F_SECOND_SINGULAR = 16;
const F_SECOND_PLURAL = 32;
const F_IDENTITY_WORD = 64;
const F_INTERJECTION_WORD = 128;
const F_POSSESSIVE_WORD = 256; // `ton`, `votre`…: see target.ts
const F_MODEL_WORD = 512; // a word of the learned layer; copied to the row, read by nothing else here
const LOWER_E = 0x65;
const LOWER_S = 0x73;
const LOWER_X = 0x78;

// Bits of the letter walk's unit table (see `letterUnit`).
const U_LETTER = 1;
const U_PLUS_E = 2;
const U_OTHER = 2; // never read with U_LETTER unset
/** Letters the walk's unit table can index (14 bits); a lexicon spelled with more is refused. */
const MAX_ALPHABET = 0x3fff;

const EXCLAMATION = 0x21;
/** Prefix forms a word may pass through; more is treated as "could match" (never seen in practice). */
const MAX_WORD_IDS = 32;
const MIN_SPACED_RUN = 3;

function holds(list: Int32Array, length: number, value: number): boolean {
  for (let k = 0; k < length; k++) if (list[k] === value) return true;
  return false;
}

/** Units other than letters that end a gap: the scan must look at them. */
const K_NOT_GAP = K_COMPLEX | K_TRIGGER | K_DIGIT | K_MASK_SYMBOL;
/** Units the tokenizer keeps in one piece, between separators (`'`, `-`, `.`) and spaces. */
const K_PIECE = K_LETTER | K_DIGIT | K_TRIGGER | K_MASK_SYMBOL;
const AT = 0x40;

/**
 * True when `text[from, to)` is a gap the matcher lets a run of single letters span: one space or
 * dot, or a dot and a space (match.ts's SPACED_GAPS, as the tokenizer compresses gaps).
 */
function isSpacedGap(text: string, from: number, to: number): boolean {
  const first = charEntry(text.charCodeAt(from));
  if (to - from === 1) return (first & (K_SPACE | K_DOT)) !== 0;
  return to - from === 2 && (first & K_DOT) !== 0 && (charEntry(text.charCodeAt(from + 1)) & K_SPACE) !== 0;
}

/**
 * End of the run of `!%&` at `i`, to skip: the tokenizer trims it off a word (`quoi !!`); or -1
 * when it is a censored word (`%$&`) or glue inside one token (`oui!non`).
 */
function skipMaskSymbols(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  let other = charEntry(text.charCodeAt(i)) >>> 16 !== EXCLAMATION;
  while (j < n) {
    const e = charEntry(text.charCodeAt(j));
    if ((e & K_MASK_SYMBOL) === 0) break;
    if (e >>> 16 !== EXCLAMATION) other = true;
    j++;
  }
  if (other && j - i >= 3) return -1;
  if (i > 0 && j < n && (charEntry(text.charCodeAt(i - 1)) & (K_LETTER | K_DIGIT)) !== 0 &&
    (charEntry(text.charCodeAt(j)) & (K_LETTER | K_DIGIT)) !== 0) return -1;
  return j;
}

/** Writes row `k` of the table; a word's ids are set by the caller. */
function writeRow(words: WordTable, k: number, kind: number, start: number, end: number, node: number, flags: number): void {
  words.kind[k] = kind;
  words.start[k] = start;
  words.end[k] = end;
  words.node[k] = node;
  words.flags[k] = flags;
  words.idFrom[k] = words.idTo[k] = words.idCount;
}

/**
 * True when the unit at `i`, right after a run of letters or digits, carries the tokenizer's piece
 * on: a letter, digit, `*#@$_`, or `!%&` followed by one of those (`oui!non`). Trailing `!!!` is
 * trimmed by the tokenizer, so it does not.
 */
function gluesOn(text: string, i: number): boolean {
  const e = charEntry(text.charCodeAt(i));
  if ((e & (K_LETTER | K_DIGIT | K_TRIGGER)) !== 0) return true;
  if ((e & K_MASK_SYMBOL) === 0) return false;
  let j = i + 1;
  while (j < text.length && (charEntry(text.charCodeAt(j)) & K_MASK_SYMBOL) !== 0) j++;
  return j < text.length && (charEntry(text.charCodeAt(j)) & K_PIECE) !== 0;
}

/**
 * End of the piece starting at `from`, or -1 when only the full pipeline can read it: a unit there
 * folds to several, the piece may start before `from` (`!!5a`), or a `@` would not be read as a
 * mention (`a-@b` is one word to the tokenizer).
 */
function pieceEnd(text: string, from: number): number {
  let mention = false;
  if (from > 0) {
    const prev = charEntry(text.charCodeAt(from - 1));
    if ((prev & K_PIECE) !== 0) return -1;
    mention = (classOf(prev >>> 16) & (C_LETTER | C_DIGIT | C_WORDISH)) !== 0 && charEntry(text.charCodeAt(from)) >>> 16 === AT;
  }
  let j = from;
  for (; j < text.length; j++) {
    const e = charEntry(text.charCodeAt(j));
    if ((e & (K_COMPLEX | K_PLUS_E)) !== 0) return -1; // offsets would shift inside the token
    if ((e & K_PIECE) === 0) break;
  }
  // A lone `@` is no mention anywhere; `@x` is one only at the start of its chunk.
  return mention && j - from > 1 ? -1 : j;
}

/** A piece read by {@link readPiece}, then the row its token makes (kind 0: none) when it is inert. */
interface PieceRow {
  /** Where the piece ends. */
  end: number;
  token: Token | undefined;
  kind: number;
  /** A word with a form longer than 3 letters ending in `s` or `x`. */
  plural: boolean;
  /** The word's first form, which the matcher may glue to a stem before it; '' for a masked word. */
  first: string;
  /** Trie node of the first form when it may be the first half of a split word (`b4n dits`), else 0. */
  stem: number;
}

/** A form the target rules read as plural (see target.ts). */
function isPluralForm(f: string): boolean {
  const last = f.charCodeAt(f.length - 1);
  return f.length > 3 && (last === LOWER_S || last === LOWER_X);
}

/**
 * Reads the piece at `from` with the tokenizer itself: a piece is one token at most, whatever
 * surrounds it, so the token is exactly the full pipeline's. False when only the full pipeline can
 * read the piece (see {@link pieceEnd}).
 */
function readPiece(text: string, from: number, out: PieceRow): boolean {
  const end = pieceEnd(text, from);
  if (end < 0) return false;
  let folded = '';
  for (let k = from; k < end; k++) folded += String.fromCharCode(charEntry(text.charCodeAt(k)) >>> 16);
  out.end = end;
  out.token = tokenize(folded).tokens[0];
  return true;
}

interface CharTrieBuilder {
  readonly alphabet: Map<number, number>;
  readonly children: Array<Map<number, number>>;
  readonly flags: number[];
  readonly exactId: number[];
  readonly prefixId: number[];
}

function addWord(b: CharTrieBuilder, word: string): number {
  let node = 1;
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    let a = b.alphabet.get(code);
    if (a === undefined) {
      a = b.alphabet.size + 1;
      b.alphabet.set(code, a);
    }
    let child = (b.children[node] as Map<number, number>).get(a);
    if (child === undefined) {
      child = b.children.length;
      b.children.push(new Map());
      b.flags.push(0);
      b.exactId.push(-1);
      b.prefixId.push(-1);
      (b.children[node] as Map<number, number>).set(a, child);
    }
    node = child;
  }
  return node;
}

function markStems(b: CharTrieBuilder, word: string): void {
  let node = 1;
  for (let k = 0; k < word.length; k++) {
    node = (b.children[node] as Map<number, number>).get(b.alphabet.get(word.charCodeAt(k)) as number) as number;
    if (k >= 1) b.flags[node] = (b.flags[node] as number) | F_STEM;
  }
}

/**
 * Compiles the fast scanner of a compiled lexicon. Called once per scorer, from whatever the
 * lexicon holds then.
 *
 * @example
 * const scanner = compileFastScanner(compileLexicon([{ pattern: 'connard(e)(s)', category: 'insult', severity: 2 }]));
 * const words = new WordTable();
 * scanner.scan('Bonne journée à vous', words); // 'group'
 * scanner.scan('Quel connard', words);         // 'words': the id matcher decides
 * scanner.scan('Quel c0nnard', words);         // null: the full pipeline decides
 * scanner.scan('Rdv à 10h, @marc', words);     // 'person': `10h` is inert, `@marc` a mention
 */
export function compileFastScanner(lex: CompiledLexicon, extraWords: readonly string[] = []): FastScanner {
  // Node 0 is the dead state (every transition stays there), node 1 the root.
  const b: CharTrieBuilder = { alphabet: new Map(), children: [new Map(), new Map()], flags: [0, 0], exactId: [-1, -1], prefixId: [-1, -1] };

  // Form ids: every distinct edge label of the phrase trie, exact forms and prefixes apart.
  const ids = new Map<string, number>();
  const idOf = (form: string, prefix: boolean): number => {
    const key = `${prefix ? '*' : '='}${form}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      const node = addWord(b, form);
      if (prefix) b.prefixId[node] = id;
      else b.exactId[node] = id;
    }
    return id;
  };

  // The phrase trie, with nodes numbered; edges keyed by `node * idCount + formId` once ids are known.
  const wordNodes: TrieNode[] = [lex.root];
  const rawEdges: Array<[number, number, number]> = [];
  for (let w = 0; w < wordNodes.length; w++) {
    const node = wordNodes[w] as TrieNode;
    const visit = (form: string, child: TrieNode, prefix: boolean): void => {
      rawEdges.push([w, idOf(form, prefix), wordNodes.length]);
      wordNodes.push(child);
    };
    for (const [form, child] of node.next) visit(form, child, false);
    for (const [form, child] of node.prefixes) visit(form, child, true);
  }
  const idCount = Math.max(1, ids.size);
  const edges = new IntMap(rawEdges.map(([from, id, to]) => [from * idCount + id, to] as const));
  const edgeBits = new Int32Array(wordNodes.length);
  for (const [from, id] of rawEdges) edgeBits[from] = (edgeBits[from] as number) | (1 << (id & 31));
  const wordEnds = Uint8Array.from(wordNodes, (n) => (n.ends.length > 0 ? 1 : 0));
  const wordOpen = Uint8Array.from(wordNodes, (n) => (n.next.size + n.prefixes.size > 0 ? 1 : 0));
  // Root edges by form id: most words that start nothing are ruled out with one array read.
  const rootChild = new Int32Array(idCount).fill(-1);
  for (const [from, id, to] of rawEdges) if (from === 0) rootChild[id] = to;

  const flag = (word: string, f: number): void => {
    const node = addWord(b, word);
    b.flags[node] = (b.flags[node] as number) | f;
  };
  for (const f of lex.singleForms) flag(f, F_SINGLE_END);
  for (const p of lex.singlePrefixes) flag(p, F_SINGLE_PREFIX);
  for (const f of [...lex.singleForms, ...lex.singlePrefixes]) markStems(b, f);
  for (const w of FUNCTION_WORDS) flag(foldText(w), F_FUNCTION);
  for (const w of ADDRESS_WORDS.singular) if (!w.includes(' ')) flag(w, F_SECOND_SINGULAR);
  for (const w of ADDRESS_WORDS.plural) if (!w.includes(' ')) flag(w, F_SECOND_PLURAL);
  for (const w of TARGET_WORDS.identity) if (!w.includes(' ')) flag(w, F_IDENTITY_WORD);
  for (const w of TARGET_WORDS.interjection) if (!w.includes(' ')) flag(w, F_INTERJECTION_WORD);
  const markers = (index: PhraseIndex): Map<number, Int32Array[]> => {
    const out = new Map<number, Int32Array[]>();
    for (const seqs of index.values()) {
      for (const seq of seqs) {
        const nodes = Int32Array.from(seq, (w) => addWord(b, w));
        const last = nodes[nodes.length - 1] as number;
        out.set(last, [...(out.get(last) ?? []), nodes]);
      }
    }
    return out;
  };
  const person = markers(TARGET_WORDS.person);
  const group = markers(TARGET_WORDS.group);
  const weakGroup = markers(TARGET_WORDS.weakGroup);
  const saleNodes = new Set([addWord(b, 'sale'), addWord(b, 'sales')]);
  for (const w of SECOND_PERSON_POSSESSIVES) flag(foldText(w), F_POSSESSIVE_WORD);

  // Words the learned layer weighs: nodes with no id and only F_MODEL_WORD, which the scan copies to
  // the row and otherwise ignores (they stay inert), so they change nothing to the lexicon's result.
  const extraNodes = Int32Array.from(extraWords, (w) => addWord(b, w));
  for (const node of extraNodes) b.flags[node] = (b.flags[node] as number) | F_MODEL_WORD;

  // Words of allow phrases, so the id matcher compares a row to them by node instead of by
  // spelling. Plain nodes (no flag, no id): they change nothing else.
  const allowIndexOf = (e: CompiledEntry): AllowIndex | undefined => {
    if (e.allow.length === 0) return undefined;
    const slots = e.allow.map((phrase) => phrase.slots.map((slot) => Int32Array.from(slot.exact, (w) => addWord(b, w))));
    // The gate: the slot the matcher tests first in each phrase (outside the hit), by place.
    const gate = new Map<number, Set<number>>();
    let gated = true;
    e.allow.forEach((phrase, p) => {
      for (const k of phrase.offsets) {
        const w = k === 0 ? phrase.slots.length - 1 : 0;
        if ((phrase.slots[w] as Slot).prefixes.length > 0) gated = false;
        const nodes = gate.get(w - k) ?? new Set<number>();
        for (const node of (slots[p] as Int32Array[])[w] as Int32Array) nodes.add(node);
        gate.set(w - k, nodes);
      }
    });
    return { slots, gate: gated ? [...gate].map(([at, nodes]) => ({ at, nodes })) : null };
  };
  const allow = lex.entries.map(allowIndexOf);

  if (b.alphabet.size > MAX_ALPHABET) throw new RangeError(`the lexicon is spelled with ${b.alphabet.size} distinct letters, over ${MAX_ALPHABET}`);
  const width = b.alphabet.size + 1;
  const nodeCount = b.children.length;
  // Transitions hold `child << 1 | 1 when the child is a prefix form`: the walk learns it needs
  // the child's prefix id without reading another array per letter. 16 bits when they fit: half
  // the cache lines.
  const trans = nodeCount < 0x8000 ? new Uint16Array(nodeCount * width) : new Int32Array(nodeCount * width);
  b.children.forEach((kids, node) => {
    for (const [a, child] of kids) trans[node * width + a] = (child << 1) | ((b.prefixId[child] as number) >= 0 ? 1 : 0);
  });
  /** The child of `node` on the unit folded to `code` (0: off the trie). */
  const childOf = (node: number, code: number): number => (trans[node * width + (alpha[code] as number)] as number) >> 1;
  const alpha = new Uint16Array(0x10000);
  for (const [code, a] of b.alphabet) alpha[code] = a;
  const alphaE = alpha[LOWER_E] as number;
  // What the letter walk needs of a unit in one read (the char table's entry, then `alpha`, cost
  // two): `folded << 16 | alphabet index << 2 | U_PLUS_E | U_LETTER`, or U_OTHER; 0 until first seen.
  const letterUnit = new Int32Array(0x10000);
  const letterUnitOf = (code: number): number => {
    const e = charEntry(code);
    if ((e & K_LETTER) === 0) return U_OTHER;
    const folded = e >>> 16;
    return (folded << 16) | ((alpha[folded] as number) << 2) | ((e & K_PLUS_E) !== 0 ? U_PLUS_E : 0) | U_LETTER;
  };
  const flags = Uint16Array.from(b.flags);
  // Per node, what a word ending there gets, side by side (one cache line): at `2 * node` its trie
  // flags, and in the high half its word-table flags (F_PLURAL aside: it depends on the spelling);
  // at `2 * node + 1` its exact form id (-1: none).
  const nodeInfo = new Int32Array(2 * b.flags.length);
  b.flags.forEach((f, node) => {
    nodeInfo[2 * node] = f | ((
      ((f & F_SECOND_SINGULAR) !== 0 ? W_SECOND_SINGULAR : 0) | ((f & F_SECOND_PLURAL) !== 0 ? W_SECOND_PLURAL : 0) |
      ((f & F_IDENTITY_WORD) !== 0 ? F_IDENTITY : 0) | ((f & F_INTERJECTION_WORD) !== 0 ? F_INTERJECTION : 0) |
      ((f & F_POSSESSIVE_WORD) !== 0 ? F_POSSESSIVE : 0) | ((f & F_MODEL_WORD) !== 0 ? F_MODEL : 0)) << 16);
    nodeInfo[2 * node + 1] = b.exactId[node] as number;
  });
  const exactId = Int32Array.from(b.exactId);
  const prefixId = Int32Array.from(b.prefixId);

  // Reused buffers: a scan allocates nothing (a decoded piece aside).
  const wordIds = new Int32Array(MAX_WORD_IDS + 1);
  let front = new Int32Array(wordNodes.length);
  let next = new Int32Array(wordNodes.length);

  /**
   * Steps the phrase automaton on a word's ids, from the root and from every phrase under way.
   * Returns the new frontier's length, or -1 on a hit (a pattern ends here).
   */
  const advance = (idLen: number, frontLen: number): number => {
    let nextLen = 0;
    for (let k = 0; k < idLen; k++) {
      const child = rootChild[wordIds[k] as number] as number;
      if (child < 0) continue;
      if (wordEnds[child] === 1) return -1;
      if (wordOpen[child] === 1) next[nextLen++] = child;
    }
    for (let s = 0; s < frontLen; s++) {
      const base = (front[s] as number) * idCount;
      const bits = edgeBits[front[s] as number] as number;
      for (let k = 0; k < idLen; k++) {
        const id = wordIds[k] as number;
        if (((bits >>> (id & 31)) & 1) === 0) continue;
        const child = edges.get(base + id);
        if (child < 0) continue;
        if (wordEnds[child] === 1) return -1;
        if (wordOpen[child] === 1 && !holds(next, nextLen, child)) next[nextLen++] = child;
      }
    }
    const swap = front;
    front = next;
    next = swap;
    return nextLen;
  };

  // Exact words of allow phrases (the grammar allows no prefix there): a decoded form equal to one
  // could make a hit allowed, so it is not inert.
  const allowWords = new Set(lex.entries.flatMap((e) => e.allow.flatMap((a) => a.slots.flatMap((s) => s.exact))));
  // Nodes a word ending there would be read at: a form, a flagged word, a word of a marker phrase.
  // A stem alone is not: only the first form of a word may be glued to the next one, and the scan
  // checks that glue as for any word.
  const busy = Uint8Array.from(flags, (f, node) => ((f & ~(F_STEM | F_MODEL_WORD)) !== 0 || (exactId[node] as number) >= 0 ? 1 : 0));
  for (const phrases of [person, group, weakGroup]) for (const seqs of phrases.values()) for (const seq of seqs) for (const node of seq) busy[node] = 1;
  for (const node of saleNodes) busy[node] = 1;
  /**
   * The node a decoded form ends on (0: off the trie) when it can take part in no hit, target rule
   * or allow phrase — it passes no prefix form and ends where nothing reads it — else -1.
   */
  const inertNode = (form: string): number => {
    if (allowWords.has(form)) return -1;
    let node = 1;
    for (let k = 0; k < form.length && node !== 0; k++) {
      node = childOf(node, form.charCodeAt(k));
      if ((prefixId[node] as number) >= 0) return -1;
    }
    return busy[node] === 0 ? node : -1;
  };
  /**
   * Fills the row of a piece's token as the matcher would see its unit: a number, a mention, or a
   * word of 2+ units whose forms are all inert (a masked one resolving to no lexicon form). False
   * when the full pipeline must score the text: a mask, a single letter, a form that may match.
   */
  const classify = (out: PieceRow): boolean => {
    const token = out.token as Token;
    out.plural = false;
    out.first = '';
    out.stem = 0;
    if (token.kind === 'number') {
      out.kind = W_NUMBER;
    } else if (token.kind === 'mention') {
      out.kind = W_MENTION;
    } else if (token.kind !== 'word') {
      return false;
    } else if (token.wildcard !== undefined) {
      // `daniel*`, `la m*`: unless its visible form starts a pattern, the matcher reads a masked word
      // as the lexicon forms it could hide — a word with no form when there is none.
      if (token.forms.some(startsPattern) || resolveMasked(lex, token.wildcard).length > 0) return false;
      out.kind = W_WORD;
    } else {
      if (token.end - token.start < 2) return false; // a single letter may belong to a spaced run
      for (let k = 0; k < token.forms.length; k++) {
        const node = inertNode(token.forms[k] as string);
        if (node < 0) return false;
        if (k === 0 && ((flags[node] as number) & F_STEM) !== 0) out.stem = node;
      }
      out.kind = W_WORD;
      out.plural = token.forms.some(isPluralForm);
      out.first = token.forms[0] as string;
    }
    return true;
  };
  /** True when `form` read on from the stem at `node` reaches a single-word form or prefix (`ban` + `d1ts`). */
  const completesSplit = (node: number, form: string): boolean => {
    for (let k = 0; k < form.length && node !== 0; k++) {
      node = childOf(node, form.charCodeAt(k));
      if (((flags[node] as number) & F_SINGLE_PREFIX) !== 0) return true;
    }
    return ((flags[node] as number) & F_SINGLE_END) !== 0;
  };
  /** {@link completesSplit} on the letters of `text[from, to)`, a plain word (`œ` read as two). */
  const completesSplitIn = (node: number, text: string, from: number, to: number): boolean => {
    for (let k = from; k < to && node !== 0; k++) {
      const code = text.charCodeAt(k);
      let unit = letterUnit[code] as number; // a letter: the word is plain
      if (unit === 0) unit = letterUnit[code] = letterUnitOf(code);
      node = (trans[node * width + ((unit >> 2) & MAX_ALPHABET)] as number) >> 1;
      if (((flags[node] as number) & F_SINGLE_PREFIX) !== 0) return true;
      if ((unit & U_PLUS_E) !== 0 && node !== 0) {
        node = (trans[node * width + alphaE] as number) >> 1;
        if (((flags[node] as number) & F_SINGLE_PREFIX) !== 0) return true;
      }
    }
    return ((flags[node] as number) & F_SINGLE_END) !== 0;
  };
  /** True when a unit with this form starts a pattern: match.ts's `startsPattern`, on the trie. */
  const startsPattern = (form: string): boolean => {
    let node = 1;
    for (let k = 0; k < form.length && node !== 0; k++) {
      node = childOf(node, form.charCodeAt(k));
      const p = prefixId[node] as number;
      if (node !== 0 && p >= 0 && (rootChild[p] as number) >= 0) return true;
    }
    const exact = exactId[node] as number;
    return node !== 0 && exact >= 0 && (rootChild[exact] as number) >= 0;
  };
  /**
   * True when the letters of `text[from, to)` (a run of spaced single letters), read as one word,
   * start a pattern: the matcher then glues the run (`c o n n a r d`).
   */
  const runGlues = (text: string, from: number, to: number): boolean => {
    let joined = '';
    for (let k = from; k < to; k++) {
      const e = charEntry(text.charCodeAt(k));
      if ((e & K_LETTER) !== 0) joined += String.fromCharCode(e >>> 16);
    }
    return startsPattern(joined);
  };
  const piece: PieceRow = { end: 0, token: undefined, kind: 0, plural: false, first: '', stem: 0 };

  const scan = (text: string, words: WordTable): Target | 'words' | null => {
    const n = text.length;
    words.reset((n >> 1) + 1);
    words.plain = true;
    words.modelWords = 0;
    // The table's columns, read once: reset() above was their last reallocation.
    const { kind: rowKind, start: rowStart, end: rowEnd, node: rowNode, flags: rowFlagsAt, idFrom: rowIdFrom, idTo: rowIdTo } = words;
    let rows = 0;
    let hit = false;
    let person = false;
    let plural = false;
    let frontLen = 0;
    let singles = 0; // length of the run of spaced single letters so far
    let runStart = 0;
    let prevEnd = -2;
    let prevNode = 0; // trie node of the previous word when it is a stem, else 0
    let prevLen = 0;
    let prevFunction = false;
    let i = 0;
    while (i < n) {
      let entry = charEntry(text.charCodeAt(i));
      // Start of a piece the tokenizer decodes (leet, symbols, squeezed letters), or -1.
      let from = -1;
      if ((entry & K_LETTER) === 0) {
        if ((entry & K_NOT_GAP) === 0) {
          // Space, punctuation: the gap between words, skipped in a loop of its own (cheaper than
          // a turn of the main loop per unit).
          i++;
          while (i < n && (charEntry(text.charCodeAt(i)) & (K_LETTER | K_NOT_GAP)) === 0) i++;
          continue;
        }
        if ((entry & K_COMPLEX) !== 0) return null;
        if ((entry & K_TRIGGER) !== 0) {
          from = i;
        } else if ((entry & K_DIGIT) !== 0) {
          const start = i;
          while (i < n && (charEntry(text.charCodeAt(i)) & K_DIGIT) !== 0) i++;
          if (i < n && gluesOn(text, i)) {
            from = start; // `10h`, `5alope`, `2$`
          } else {
            writeRow(words, rows++, W_NUMBER, start, i, 0, 0);
            continue;
          }
        } else if ((entry & K_MASK_SYMBOL) !== 0) {
          i = skipMaskSymbols(text, i);
          if (i < 0) return null;
          continue;
        } else {
          i++;
          continue;
        }
      }

      if (from < 0) {
        // A word: walk it through the character trie, and on from the previous word for `ban dits`.
        const start = i;
        const split = prevNode !== 0 && start - prevEnd === 1 && prevLen >= 2 &&
          (charEntry(text.charCodeAt(start - 1)) & K_SPACE) !== 0 ? prevNode : 0;
        let tripled = false;
        let node = 1;
        let idLen = 0;
        let last = -1;
        let last2 = -1;
        let f = entry >>> 16;
        let a = alpha[f] as number;
        let plusE = (entry & K_PLUS_E) !== 0; // `œ`: step `o`, then `e`
        let extra = 0; // folded units beyond the text's (one per `œ`)
        for (;;) {
          if (f === last && f === last2) {
            tripled = true; // `connnnard`: the tokenizer squeezes it
            break;
          }
          last2 = last;
          last = f;
          const step = trans[node * width + a] as number;
          node = step >> 1;
          if ((step & 1) !== 0) {
            if (idLen === MAX_WORD_IDS) return null;
            wordIds[idLen++] = prefixId[node] as number;
          }
          if (plusE) {
            f = LOWER_E;
            a = alphaE;
            plusE = false;
            extra++;
            continue;
          }
          if (++i === n) break;
          const code = text.charCodeAt(i);
          let unit = letterUnit[code] as number;
          if (unit === 0) unit = letterUnit[code] = letterUnitOf(code);
          if ((unit & U_LETTER) === 0) {
            entry = charEntry(code);
            break;
          }
          f = unit >>> 16;
          a = (unit >> 2) & MAX_ALPHABET;
          plusE = (unit & U_PLUS_E) !== 0;
        }
        if (tripled || (i < n && (entry & K_PIECE) !== 0 && gluesOn(text, i))) {
          from = start;
        } else {
          const len = i - start + extra; // in folded units, as the matcher counts
          const after = i < n ? entry : 0;
          const info = nodeInfo[2 * node] as number; // node 0 (off the trie) has no flag and no id
          const fl = info & 0xffff;
          const exact = nodeInfo[2 * node + 1] as number;
          if (exact >= 0) wordIds[idLen++] = exact;
          if ((fl & (F_SECOND_SINGULAR | F_SECOND_PLURAL | F_MODEL_WORD)) !== 0) {
            if ((fl & F_SECOND_SINGULAR) !== 0) person = true;
            if ((fl & F_SECOND_PLURAL) !== 0) plural = true;
            if ((fl & F_MODEL_WORD) !== 0) words.modelWords++;
          }
          rowKind[rows] = W_WORD;
          rowStart[rows] = start;
          rowEnd[rows] = i;
          rowNode[rows] = node;
          rowFlagsAt[rows] = (info >>> 16) | (len > 3 && (last === LOWER_S || last === LOWER_X) ? F_PLURAL : 0);
          if (idLen > 0) {
            // The row's ids in the order the phrase trie is stepped: the exact form, then the prefixes by length.
            let c = words.reserveIds(idLen);
            const ids = words.ids;
            rowIdFrom[rows] = c;
            if (exact >= 0) ids[c++] = exact;
            for (let k = 0; k < idLen - (exact >= 0 ? 1 : 0); k++) ids[c++] = wordIds[k] as number;
            rowIdTo[rows] = words.idCount = c;
          } else {
            rowIdFrom[rows] = rowIdTo[rows] = words.idCount;
          }
          rows++;

          // Spaced single letters (`c o n n a r d`): the matcher glues a whole run of 3+ that starts a pattern.
          if (len === 1 && (after & K_APOSTROPHE) === 0 && singles > 0 && isSpacedGap(text, prevEnd, start)) {
            singles++;
          } else {
            if (singles >= MIN_SPACED_RUN && runGlues(text, runStart, prevEnd)) return null;
            singles = len === 1 && (after & K_APOSTROPHE) === 0 ? 1 : 0;
            runStart = start;
          }
          // `ban dits`: read on from the stem only now, when the rule applies (after a function word
          // such as `de`, the most common stem, it does not).
          if (split !== 0 && len >= 2 && !prevFunction && (fl & F_FUNCTION) === 0 && completesSplitIn(split, text, start, i)) return null;

          // Until a first hit; after it the scan only checks the text stays plain.
          if (idLen === 0) {
            frontLen = 0; // most words: in no pattern, so every phrase under way stops here
          } else if (!hit && frontLen === 0 && idLen === 1) {
            // The common case, without a call: one form and no phrase under way, so one root edge.
            const child = rootChild[wordIds[0] as number] as number;
            if (child >= 0 && wordEnds[child] === 1) {
              hit = true;
            } else if (child >= 0 && wordOpen[child] === 1) {
              front[0] = child;
              frontLen = 1;
            }
          } else if (!hit) {
            const r = advance(idLen, frontLen);
            if (r < 0) hit = true;
            else frontLen = r;
          }
          prevEnd = i;
          prevNode = (fl & F_STEM) !== 0 ? node : 0;
          prevLen = len;
          prevFunction = (fl & F_FUNCTION) !== 0;
          // The unit after the word is in hand, and most often a space: skip the gap from here.
          if (i < n && (after & (K_LETTER | K_NOT_GAP)) === 0) {
            i++;
            while (i < n && (charEntry(text.charCodeAt(i)) & (K_LETTER | K_NOT_GAP)) === 0) i++;
          }
          continue;
        }
      }

      // A piece the tokenizer decodes: kept only when its token is inert, a number or a mention.
      words.plain = false;
      if (!readPiece(text, from, piece)) return null;
      i = piece.end;
      const token = piece.token;
      if (token === undefined) continue; // nothing the tokenizer keeps: `*`, `_`, a lone `$` or `@`
      if (!classify(piece)) return null;
      const tokenStart = from + token.start;
      const tokenEnd = from + token.end;
      if (piece.first !== '' && prevNode !== 0 && !prevFunction && tokenStart - prevEnd === 1 &&
        completesSplit(prevNode, piece.first)) return null; // `ban d1ts`
      writeRow(words, rows++, piece.kind, tokenStart, tokenEnd, 0, piece.kind === W_WORD ? F_OPAQUE | (piece.plural ? F_PLURAL : 0) : 0);
      if (piece.kind === W_MENTION) person = true;
      if (singles >= MIN_SPACED_RUN && runGlues(text, runStart, prevEnd)) return null;
      singles = 0;
      frontLen = 0;
      prevEnd = tokenEnd;
      prevNode = piece.stem;
      prevLen = piece.first.length;
      prevFunction = false;
    }
    if (singles >= MIN_SPACED_RUN && runGlues(text, runStart, prevEnd)) return null;
    words.count = rows;
    if (hit) return 'words';
    return person ? 'person' : plural ? 'group' : 'none';
  };
  const ends = wordNodes.map((node) => node.ends);
  const endFrom = new Int32Array(wordNodes.length + 1);
  ends.forEach((list, p) => { endFrom[p + 1] = (endFrom[p] as number) + list.length; });
  const endIds = Int32Array.from(ends.flat(), (e) => e.id);
  const hasAllow = Uint8Array.from(lex.entries, (e) => (e.allow.length > 0 ? 1 : 0));
  // The build's scratch, emptied: the scanner's closures share this function's scope, so what they
  // could reach here (the phrase edges, the word-node list, the form ids, the character trie being
  // built) would live as long as the scanner: 112,000 of a compiled scorer's 364,000 objects, and
  // 6 of its 21 MB.
  rawEdges.length = 0;
  wordNodes.length = 0;
  ids.clear();
  b.alphabet.clear();
  for (const list of [b.children, b.flags, b.exactId, b.prefixId]) list.length = 0;
  return {
    scan,
    index: {
      idCount, edges, rootChild, ends, endFrom, endIds, entries: lex.entries, hasAllow, endsAt: wordEnds, open: wordOpen, edgeBits,
      person, group, weakGroup, saleNodes, allow,
    },
    extraNodes,
    nodeCount,
  };
}
