/**
 * Stage 3 for plain text: the same hits as {@link findMatches}, read from the word table the fast
 * scan filled — phrase-trie steps on cached form ids, marker phrases on character-trie nodes —
 * with no token, unit or per-word string. Only an entry with allow phrases spells words out.
 */
import type { CompiledEntry } from './compile.js';
import type { FoundMatch } from './match.js';
import type { AllowIndex, WordIndex } from './fast-scan.js';
import { charEntry, foldedOf, K_NEWLINE, K_PLUS_E, K_SPACE, kindOf } from './char-table.js';
import { F_OPAQUE, G_SENTENCE_END, gapFlagsIn, W_WORD, type WordTable } from './word-table.js';

const LOWER_E = 0x65;

// Reused frontiers of the phrase walk; they grow with the phrase trie.
let frontier = new Int32Array(64);
let following = new Int32Array(64);

function holds(list: Int32Array, length: number, value: number): boolean {
  for (let k = 0; k < length; k++) if (list[k] === value) return true;
  return false;
}

/**
 * Fills the gap flags of a table the fast scan filled from `text` (the gaps between its rows).
 *
 * @example
 * scanner.scan('Quel con !', words); fillGaps(words, 'Quel con !');
 * words.gaps[2] === (G_SENTENCE_END | G_EXCLAMATION); // true: the trailing gap
 */
export function fillGaps(t: WordTable, text: string): void {
  let from = 0;
  for (let k = 0; k < t.count; k++) {
    const to = t.start[k] as number;
    // Most gaps are one space, which says nothing.
    t.gaps[k] = to - from === 1 && (charEntry(text.charCodeAt(from)) & (K_SPACE | K_NEWLINE)) === K_SPACE ? 0 : gapFlagsIn(text, from, to);
    from = t.end[k] as number;
  }
  t.gaps[t.count] = gapFlagsIn(text, from, text.length);
}

/** True when row `k` folds to a word starting with `prefix` (units fold one for one, or to a letter and `e`: `œ`). */
function startsWith(text: string, t: WordTable, k: number, prefix: string): boolean {
  let w = 0;
  const end = t.end[k] as number;
  for (let i = t.start[k] as number; i < end && w < prefix.length; i++) {
    const e = charEntry(text.charCodeAt(i));
    if (foldedOf(e) !== prefix.charCodeAt(w++)) return false;
    if ((kindOf(e) & K_PLUS_E) !== 0 && w < prefix.length && prefix.charCodeAt(w++) !== LOWER_E) return false;
  }
  return w === prefix.length;
}

/** True when plain row `row` is one of the words at `nodes`, or starts with one of `prefixes`. */
function fitsSlot(text: string, t: WordTable, row: number, nodes: Int32Array, prefixes: readonly string[]): boolean {
  const node = t.node[row] as number;
  for (let k = 0; k < nodes.length; k++) if (nodes[k] === node) return true;
  for (let k = 0; k < prefixes.length; k++) if (startsWith(text, t, row, prefixes[k] as string)) return true;
  return false;
}

/** True when a row the gate names holds one of its words (see {@link AllowIndex.gate}). */
function passesGate(t: WordTable, first: number, gate: NonNullable<AllowIndex['gate']>): boolean {
  for (const { at, nodes } of gate) {
    const row = first + at;
    if (row >= 0 && row < t.count && t.kind[row] === W_WORD && ((t.flags[row] as number) & F_OPAQUE) === 0 &&
      nodes.has(t.node[row] as number)) return true;
  }
  return false;
}

/** True when the hit of `entry` starting at row `first` sits inside one of its allow phrases. */
function isAllowed(text: string, t: WordTable, entry: CompiledEntry, first: number, allow: AllowIndex): boolean {
  if (allow.gate !== null && !passesGate(t, first, allow.gate)) return false;
  for (let p = 0; p < entry.allow.length; p++) {
    const phrase = entry.allow[p]!;
    const nodes = allow.slots[p]!;
    const length = phrase.slots.length;
    for (const k of phrase.offsets) {
      const s = first - k;
      if (s < 0 || s + length > t.count) continue;
      let ok = true;
      // Slots outside the hit first (the first slot, or the last when the hit starts the phrase):
      // they rule most phrases out in one test.
      for (let q = 0; q < length && ok; q++) {
        const w = k === 0 ? length - 1 - q : q;
        const row = s + w;
        // An opaque row's forms were checked against every allow word when it was scanned.
        ok = t.kind[row] === W_WORD && ((t.flags[row] as number) & F_OPAQUE) === 0 &&
          fitsSlot(text, t, row, nodes[w]!, phrase.slots[w]!.prefixes);
      }
      if (ok) return true;
    }
  }
  return false;
}

function reported(found: readonly FoundMatch[], from: number, entry: CompiledEntry): boolean {
  for (let k = from; k < found.length; k++) if ((found[k] as FoundMatch).entry === entry) return true;
  return false;
}

/**
 * Every lexicon hit over the rows of a scanned table, in the order {@link findMatches} gives them
 * (before nested hits are dropped). Gaps must be filled ({@link fillGaps}).
 *
 * @example
 * if (scanner.scan('fils de pute', words) === 'words') {
 *   fillGaps(words, 'fils de pute');
 *   findWordMatches('fils de pute', words, scanner.index).map((m) => m.entry?.pattern); // ['fils de pute', 'pute(s)']
 * }
 */
export function findWordMatches(text: string, t: WordTable, index: WordIndex): FoundMatch[] {
  const found: FoundMatch[] = [];
  if (frontier.length < index.ends.length) {
    frontier = new Int32Array(index.ends.length);
    following = new Int32Array(index.ends.length);
  }
  let front = frontier;
  let next = following;
  const { idCount, edges, edgeBits, rootChild, endFrom, endIds, entries, hasAllow, endsAt, open, allow } = index;
  const { ids, idFrom: idFromOf, idTo: idToOf, kind, gaps } = t;
  for (let i = 0; i < t.count; i++) {
    // A word without form ids starts no pattern.
    if (idFromOf[i] === idToOf[i] || kind[i] !== W_WORD) continue;
    let frontLen = -1; // -1: the root alone
    for (let j = i; j < t.count; j++) {
      if (kind[j] !== W_WORD || (j > i && ((gaps[j] as number) & G_SENTENCE_END) !== 0)) break;
      const idFrom = idFromOf[j] as number;
      const idTo = idToOf[j] as number;
      let nextLen = 0;
      if (frontLen < 0) {
        for (let k = idFrom; k < idTo; k++) {
          const child = rootChild[ids[k] as number] as number;
          if (child >= 0 && !holds(next, nextLen, child)) next[nextLen++] = child;
        }
      } else {
        for (let s = 0; s < frontLen; s++) {
          const base = (front[s] as number) * idCount;
          const bits = edgeBits[front[s] as number] as number;
          for (let k = idFrom; k < idTo; k++) {
            const id = ids[k] as number;
            if (((bits >>> (id & 31)) & 1) === 0) continue; // no edge on this id
            const child = edges.get(base + id);
            if (child >= 0 && !holds(next, nextLen, child)) next[nextLen++] = child;
          }
        }
      }
      // An entry may end at several nodes of one frontier: report it once per span.
      const spanStart = found.length;
      let openLen = 0;
      for (let s = 0; s < nextLen; s++) {
        const node = next[s] as number;
        if (endsAt[node] === 1) {
          const to = endFrom[node + 1] as number;
          for (let e = endFrom[node] as number; e < to; e++) {
            const id = endIds[e] as number;
            const entry = entries[id]!;
            if (reported(found, spanStart, entry) || (hasAllow[id] === 1 && isAllowed(text, t, entry, i, allow[id]!))) continue;
            found.push({ entry, first: i, last: j });
          }
        }
        // Only nodes with children can go on (in order: the walk stays the same, minus dead ends).
        if (open[node] === 1) next[openLen++] = node;
      }
      if (openLen === 0) break;
      const swap = front;
      front = next;
      next = swap;
      frontLen = openLen;
    }
  }
  return found;
}

function markPhrases(t: WordTable, at: number, phrases: ReadonlyMap<number, readonly Int32Array[]>, masks: Uint32Array): void {
  const seqs = phrases.get(t.node[at] as number);
  if (seqs === undefined) return;
  let mask = 0;
  for (const seq of seqs) {
    const s = at + 1 - seq.length;
    if (s < 0) continue;
    let ok = true;
    for (let k = 0; k < seq.length - 1 && ok; k++) ok = t.kind[s + k] === W_WORD && t.node[s + k] === seq[k];
    if (ok) mask |= 1 << seq.length;
  }
  masks[at] = mask;
}

/**
 * Records, right before each hit, the marker phrases of lexicon/targets.ts that end there, for
 * {@link detectTargetsIn}, and whether they end on `sale`/`sales`.
 *
 * @example
 * markWordPhrases(words, scanner.index, found);
 */
export function markWordPhrases(t: WordTable, index: WordIndex, found: readonly FoundMatch[]): void {
  // The target rules read the masks only right before a hit: those are the rows to clear.
  for (const m of found) {
    const at = m.first - 1;
    if (at >= 0) t.person[at] = t.personSale[at] = t.group[at] = t.weakGroup[at] = 0;
  }
  for (const m of found) {
    const at = m.first - 1;
    // Node 0: a word off the character trie, which ends no marker phrase (most words).
    if (at < 0 || t.kind[at] !== W_WORD || t.node[at] === 0) continue;
    markPhrases(t, at, index.person, t.person);
    if (index.saleNodes.has(t.node[at] as number)) t.personSale[at] = t.person[at] as number;
    markPhrases(t, at, index.group, t.group);
    markPhrases(t, at, index.weakGroup, t.weakGroup);
  }
}
