/**
 * The fast path of scoring: one pass over the original UTF-16 units, with no per-word string,
 * that proves most comments clean. Letters are folded through {@link charEntry} and walked through
 * a character trie of every lexicon form (typed arrays); whole words then step a word-level
 * automaton of the lexicon's phrases, keyed by form ids.
 *
 * It answers "clean, addressed to X" only when the full pipeline (normalize → tokenize → match)
 * would find nothing. When the text is plain — only whole words and numbers, which the tokenizer
 * would cut exactly there — but some word may match, it answers `'words'` and leaves the words in a
 * {@link WordTable} with their form ids, for the id matcher (word-match.ts). Anything it does not
 * fully understand — leet, masks, mentions, repeated letters, spaced or dotted single letters, a word
 * split in two, a character whose folding is not one unit for one unit — goes to the full pipeline.
 */
import type { CompiledEntry, CompiledLexicon, TrieNode } from './compile.js';
import type { Target } from './types.js';
import { IntMap } from './int-map.js';
import {
  charEntry,
  K_APOSTROPHE,
  K_COMPLEX,
  K_DIGIT,
  K_LETTER,
  K_MASK_SYMBOL,
  K_SPACE,
  K_TRIGGER,
} from './char-table.js';
import { foldText } from './normalize.js';
import { FUNCTION_WORDS } from './lexicon/targets.js';
import { ADDRESS_WORDS, TARGET_WORDS, type PhraseIndex } from './target.js';
import {
  F_IDENTITY,
  F_INTERJECTION,
  F_PLURAL,
  F_SECOND_PLURAL as W_SECOND_PLURAL,
  F_SECOND_SINGULAR as W_SECOND_SINGULAR,
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
  /** Marker phrases of lexicon/targets.ts as character-trie nodes, keyed by the node of their last word. */
  readonly person: ReadonlyMap<number, readonly Int32Array[]>;
  readonly group: ReadonlyMap<number, readonly Int32Array[]>;
  readonly weakGroup: ReadonlyMap<number, readonly Int32Array[]>;
  /** Nodes of `sale` and `sales`: a person marker ending on them turns a plural insult into a group one. */
  readonly saleNodes: ReadonlySet<number>;
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
const LOWER_S = 0x73;
const LOWER_X = 0x78;

const EXCLAMATION = 0x21;
/** Prefix forms a word may pass through; more is treated as "could match" (never seen in practice). */
const MAX_WORD_IDS = 32;
const MIN_SPACED_RUN = 3;

function holds(list: Int32Array, length: number, value: number): boolean {
  for (let k = 0; k < length; k++) if (list[k] === value) return true;
  return false;
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
 */
export function compileFastScanner(lex: CompiledLexicon): FastScanner {
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
  // Row flags of the word table, by character-trie flags.
  const rowFlags = new Uint8Array(256);
  for (let f = 0; f < 256; f++) {
    rowFlags[f] = ((f & F_SECOND_SINGULAR) !== 0 ? W_SECOND_SINGULAR : 0) | ((f & F_SECOND_PLURAL) !== 0 ? W_SECOND_PLURAL : 0) |
      ((f & F_IDENTITY_WORD) !== 0 ? F_IDENTITY : 0) | ((f & F_INTERJECTION_WORD) !== 0 ? F_INTERJECTION : 0);
  }

  const width = b.alphabet.size + 1;
  const nodeCount = b.children.length;
  const trans = new Int32Array(nodeCount * width);
  b.children.forEach((kids, node) => {
    for (const [a, child] of kids) trans[node * width + a] = child;
  });
  const alpha = new Uint16Array(0x10000);
  for (const [code, a] of b.alphabet) alpha[code] = a;
  const flags = Uint8Array.from(b.flags);
  const exactId = Int32Array.from(b.exactId);
  const prefixId = Int32Array.from(b.prefixId);

  // Reused buffers: a scan allocates nothing.
  const wordIds = new Int32Array(MAX_WORD_IDS + 1);
  let front = new Int32Array(wordNodes.length);
  let next = new Int32Array(wordNodes.length);

  const scan = (text: string, words: WordTable): Target | 'words' | null => {
    const n = text.length;
    words.reset((n >> 1) + 1);
    let rows = 0;
    let hit = false;
    let person = false;
    let plural = false;
    let frontLen = 0;
    let singles = 0;
    let prevEnd = -2;
    let prevNode = 0; // trie node of the previous word when it is a stem, else 0
    let prevLen = 0;
    let prevFunction = false;
    let i = 0;
    while (i < n) {
      let entry = charEntry(text.charCodeAt(i));
      if ((entry & K_LETTER) === 0) {
        if ((entry & (K_COMPLEX | K_TRIGGER)) !== 0) return null;
        if ((entry & K_DIGIT) !== 0) {
          // A number (digits next to letters are leet: the word check below sends those away).
          const from = i;
          while (i < n && (charEntry(text.charCodeAt(i)) & K_DIGIT) !== 0) i++;
          words.kind[rows] = W_NUMBER;
          words.start[rows] = from;
          words.end[rows] = i;
          words.node[rows] = 0;
          words.flags[rows] = 0;
          words.idFrom[rows] = words.idTo[rows] = words.idCount;
          rows++;
          continue;
        }
        if ((entry & K_MASK_SYMBOL) !== 0) {
          // `%$&`-style censoring, or `oui!non` read as one token by the tokenizer.
          let j = i + 1;
          let other = entry >>> 16 !== EXCLAMATION;
          while (j < n) {
            const e = charEntry(text.charCodeAt(j));
            if ((e & K_MASK_SYMBOL) === 0) break;
            if (e >>> 16 !== EXCLAMATION) other = true;
            j++;
          }
          if (other && j - i >= 3) return null;
          if (i > 0 && j < n && (charEntry(text.charCodeAt(i - 1)) & (K_LETTER | K_DIGIT)) !== 0 &&
            (charEntry(text.charCodeAt(j)) & (K_LETTER | K_DIGIT)) !== 0) return null;
          i = j;
          continue;
        }
        i++;
        continue;
      }

      // A word: walk it through the character trie, and on from the previous word for `ban dits`.
      const start = i;
      const before = start > 0 ? charEntry(text.charCodeAt(start - 1)) : 0;
      let split = prevNode !== 0 && start - prevEnd === 1 && (before & K_SPACE) !== 0 && prevLen >= 2 ? prevNode : 0;
      const splitting = split !== 0;
      let splitHit = false;
      let node = 1;
      let idLen = 0;
      let last = -1;
      let last2 = -1;
      for (;;) {
        const f = entry >>> 16;
        if (f === last && f === last2) return null; // `connnnard`: the tokenizer squeezes it
        last2 = last;
        last = f;
        const a = alpha[f] as number;
        node = trans[node * width + a] as number;
        const p = prefixId[node] as number;
        if (p >= 0 && node !== 0) {
          if (idLen === MAX_WORD_IDS) return null;
          wordIds[idLen++] = p;
        }
        if (split !== 0) {
          split = trans[split * width + a] as number;
          if (((flags[split] as number) & F_SINGLE_PREFIX) !== 0) splitHit = true;
        }
        if (++i === n) break;
        entry = charEntry(text.charCodeAt(i));
        if ((entry & K_LETTER) === 0) break;
      }
      const len = i - start;
      const after = i < n ? entry : 0;
      if (((before | after) & K_DIGIT) !== 0) return null; // leet: `c0n`, `4rabe`
      const fl = node === 0 ? 0 : (flags[node] as number);
      const exact = exactId[node] as number;
      if (exact >= 0 && node !== 0) wordIds[idLen++] = exact;
      if ((fl & F_SECOND_SINGULAR) !== 0) person = true;
      if ((fl & F_SECOND_PLURAL) !== 0) plural = true;
      words.kind[rows] = W_WORD;
      words.start[rows] = start;
      words.end[rows] = i;
      words.node[rows] = node;
      words.flags[rows] = (rowFlags[fl] as number) | (len > 3 && (last === LOWER_S || last === LOWER_X) ? F_PLURAL : 0);
      // Ids in the order the phrase trie is stepped: the exact form, then the prefixes by length.
      words.idFrom[rows] = words.idCount;
      if (exact >= 0 && node !== 0) words.pushId(exact);
      for (let k = 0; k < idLen - (exact >= 0 && node !== 0 ? 1 : 0); k++) words.pushId(wordIds[k] as number);
      words.idTo[rows] = words.idCount;
      rows++;

      if (len === 1 && (after & K_APOSTROPHE) === 0) {
        singles = singles > 0 && start - prevEnd <= 3 ? singles + 1 : 1;
        if (singles >= MIN_SPACED_RUN) return null; // `c o n n a r d`
      } else {
        singles = 0;
      }
      if (splitting && len >= 2 && !prevFunction && (fl & F_FUNCTION) === 0 &&
        (splitHit || ((flags[split] as number) & F_SINGLE_END) !== 0)) return null;

      // Step the phrase automaton, from the root and from every phrase under way, until a first hit;
      // after it the scan only checks the text stays plain.
      let nextLen = 0;
      for (let k = 0; k < idLen && !hit; k++) {
        const child = rootChild[wordIds[k] as number] as number;
        if (child < 0) continue;
        if (wordEnds[child] === 1) hit = true;
        if (wordOpen[child] === 1) next[nextLen++] = child;
      }
      for (let s = 0; s < frontLen && !hit; s++) {
        const base = (front[s] as number) * idCount;
        for (let k = 0; k < idLen; k++) {
          const child = edges.get(base + (wordIds[k] as number));
          if (child < 0) continue;
          if (wordEnds[child] === 1) hit = true;
          if (wordOpen[child] === 1 && !holds(next, nextLen, child)) next[nextLen++] = child;
        }
      }
      const swap = front;
      front = next;
      next = swap;
      frontLen = nextLen;

      prevEnd = i;
      prevNode = (fl & F_STEM) !== 0 ? node : 0;
      prevLen = len;
      prevFunction = (fl & F_FUNCTION) !== 0;
    }
    words.count = rows;
    if (hit) return 'words';
    return person ? 'person' : plural ? 'group' : 'none';
  };
  const ends = wordNodes.map((node) => node.ends);
  return { scan, index: { idCount, edges, rootChild, ends, person, group, weakGroup, saleNodes } };
}
