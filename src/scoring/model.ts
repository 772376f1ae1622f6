/**
 * The learned layer at run time: a logistic regression over the words of a comment
 * ({@link eachModelWord}), compiled into a letter trie so a comment costs one pass over its
 * UTF-16 units, with no string built. Its weights are data (model-weights.ts), written by
 * `npm run train` (scripts/train-model.ts).
 *
 * What it may do is decided in index.ts: only look at comments the lexicon publishes, and only
 * raise them to `flag`, above the threshold the trainer chose on cross-validation folds.
 */
import type { Match } from './types.js';
import { charEntry, K_LETTER, K_PLUS_E } from './char-table.js';
import { MAX_MODEL_WORD, MIN_MODEL_WORD } from './model-words.js';
import { F_MODEL, type WordTable } from './word-table.js';

/** A trained layer, as the weights file stores it. */
export interface ModelWeights {
  /** Names the weights, so a stored score says which layer made it. */
  readonly version: string;
  readonly bias: number;
  /** Probability at or above which the layer flags a comment the lexicon publishes. */
  readonly threshold: number;
  /** Folded word → weight (every weight > 0: a word is evidence of abuse, never an excuse). */
  readonly weights: ReadonlyArray<readonly [string, number]>;
}

/** At most this many words explain a flag from the layer: the heaviest. */
export const MAX_MODEL_EVIDENCE = 3;

/** The compiled layer; it keeps the last comment's words until the next `look` (scoring is synchronous). */
export interface LearnedLayer {
  readonly version: string;
  readonly threshold: number;
  /** The probability of a comment with none of the layer's words: σ(bias). */
  readonly restingProbability: number;
  /** The probability that `text` is abusive, from its distinct vocabulary words. */
  look(text: string): number;
  /**
   * The same probability, read off the fast scan's rows of `text` (no pass over its letters) when
   * the layer was compiled with the scanner's nodes and the scan was plain; else as {@link look}.
   */
  lookScanned(text: string, words: WordTable): number;
  /**
   * The words of the last `look` that weigh most (at most {@link MAX_MODEL_EVIDENCE}), as matches
   * with `source: 'model'`, in text order; `text` must be the one given to `look`.
   */
  evidence(text: string): Match[];
}

const LETTERS = 27; // 0: a letter off the trie's alphabet, 1..26: a..z
const LOWER_A = 0x61;
const LOWER_E = 0x65;

function letterIndex(folded: number): number {
  const k = folded - LOWER_A;
  return k >= 0 && k < 26 ? k + 1 : 0;
}

// What the layer reads of a UTF-16 unit, one byte per unit (the char table's answer, narrowed):
// SEPARATOR, a letter's index (0 off the alphabet, 1..26 a..z), or PLUS_E for œ/æ; UNKNOWN until seen.
const SEPARATOR = 254;
const UNKNOWN = 255;
const PLUS_E = 253;
const UNIT_CLASS = new Uint8Array(0x10000).fill(UNKNOWN);

function unitClass(code: number): number {
  const e = charEntry(code);
  if ((e & K_LETTER) === 0) return SEPARATOR;
  return (e & K_PLUS_E) !== 0 ? PLUS_E : letterIndex(e >>> 16);
}

/** Where the fast scan's character trie put the layer's words (its `extraNodes`, in weight order). */
export interface ScannerNodes {
  readonly extraNodes: Int32Array;
  readonly nodeCount: number;
}

/**
 * Compiles weights into a layer. Throws on a word the layer could never read (not 2–32 letters a–z,
 * as {@link eachModelWord} folds them), a repeated word, or a weight or threshold out of range.
 * With `scanner` (compiled with the layer's words as extra words), plain comments are read off
 * the scan's rows.
 *
 * @example
 * const layer = compileModel({ version: 't', bias: -1, threshold: 0.5, weights: [['clown', 2]] });
 * layer.look('Quel clown'); // σ(-1 + 2) ≈ 0.73
 */
export function compileModel(model: ModelWeights, scanner?: ScannerNodes): LearnedLayer {
  if (!(model.threshold > 0 && model.threshold < 1)) throw new RangeError(`model threshold must be in (0, 1), got ${model.threshold}`);
  if (!Number.isFinite(model.bias)) throw new RangeError(`model bias must be finite, got ${model.bias}`);
  // A layer that flags a comment with none of its words would flag everything, with nothing to show.
  if (1 / (1 + Math.exp(-model.bias)) >= model.threshold) throw new RangeError(`model bias ${model.bias} alone reaches the threshold`);
  const words = model.weights.map(([w]) => w);
  const weight = Float64Array.from(model.weights, ([, x]) => x);
  // Trie: node 0 is the dead end, node 1 the root.
  const children: number[][] = [[], []];
  const featureOfNode: number[] = [-1, -1];
  words.forEach((word, k) => {
    if (!/^[a-z]+$/.test(word) || word.length < MIN_MODEL_WORD || word.length > MAX_MODEL_WORD) {
      throw new Error(`model word "${word}" is not ${MIN_MODEL_WORD}–${MAX_MODEL_WORD} folded letters a–z`);
    }
    const x = weight[k] as number;
    if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`model weight of "${word}" must be > 0, got ${x}`);
    let node = 1;
    for (let i = 0; i < word.length; i++) {
      const a = letterIndex(word.charCodeAt(i));
      const row = children[node] as number[];
      let next = row[a];
      if (next === undefined) {
        next = children.length;
        children.push([]);
        featureOfNode.push(-1);
        row[a] = next;
      }
      node = next;
    }
    if (featureOfNode[node] !== -1) throw new Error(`model word "${word}" is listed twice`);
    featureOfNode[node] = k;
  });
  const trans = new Int32Array(children.length * LETTERS);
  children.forEach((row, node) => row.forEach((child, a) => { trans[node * LETTERS + a] = child; }));
  const featureOf = Int32Array.from(featureOfNode); // node 0 (dead end) is no feature
  // The same, by node of the fast scan's character trie.
  let featureOfScanNode: Int16Array | null = null; // small: the scan's trie is large, and read once per word
  if (scanner !== undefined) {
    if (scanner.extraNodes.length !== words.length) throw new Error('the scanner was compiled with other words than the layer');
    if (words.length > 0x7fff) throw new Error('too many model words for the scanner binding');
    featureOfScanNode = new Int16Array(scanner.nodeCount).fill(-1);
    scanner.extraNodes.forEach((node, k) => { (featureOfScanNode as Int16Array)[node] = k; });
    featureOfScanNode[0] = -1; // off the trie
  }

  const restingProbability = 1 / (1 + Math.exp(-model.bias));
  // Per call: which features were seen (stamped with the call number) and where first.
  const stamp = new Int32Array(words.length);
  const firstStart = new Int32Array(words.length);
  const firstEnd = new Int32Array(words.length);
  const seen = new Int32Array(words.length);
  let seenCount = 0;
  let call = 0;
  /** The next call's stamp; stamps restart before they outgrow the Int32Array (a long-running server). */
  const nextStamp = (): number => {
    if (call === 0x7fffffff) {
      stamp.fill(0);
      call = 0;
    }
    return ++call;
  };

  const look = (text: string): number => {
    const stamped = nextStamp();
    let count = 0;
    let z = model.bias;
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = UNIT_CLASS[text.charCodeAt(i)] as number;
      if (c === UNKNOWN) c = UNIT_CLASS[text.charCodeAt(i)] = unitClass(text.charCodeAt(i));
      if (c === SEPARATOR) {
        i++;
        continue;
      }
      // A word: step the trie while it stays on it, then read on to the word's end.
      const start = i;
      let node = 1;
      for (;;) {
        if (node !== 0) {
          if (c === PLUS_E) {
            const e = charEntry(text.charCodeAt(i));
            node = trans[node * LETTERS + letterIndex(e >>> 16)] as number;
            if (node !== 0) node = trans[node * LETTERS + letterIndex(LOWER_E)] as number;
          } else {
            node = trans[node * LETTERS + c] as number;
          }
        }
        if (++i === n) break;
        c = UNIT_CLASS[text.charCodeAt(i)] as number;
        if (c === UNKNOWN) c = UNIT_CLASS[text.charCodeAt(i)] = unitClass(text.charCodeAt(i));
        if (c === SEPARATOR) break;
      }
      const k = featureOf[node] as number;
      if (k >= 0 && stamp[k] !== stamped) {
        stamp[k] = stamped;
        firstStart[k] = start;
        firstEnd[k] = i;
        seen[count++] = k;
        z += weight[k] as number;
      }
    }
    seenCount = count;
    return 1 / (1 + Math.exp(-z));
  };

  const lookScanned = (text: string, words: WordTable): number => {
    if (featureOfScanNode === null || !words.plain) return look(text);
    if (words.modelWords === 0) {
      seenCount = 0;
      return restingProbability; // most comments: none of the layer's words
    }
    const stamped = nextStamp();
    let count = 0;
    let z = model.bias;
    for (let row = 0; row < words.count; row++) {
      if (((words.flags[row] as number) & F_MODEL) === 0) continue;
      const k = featureOfScanNode[words.node[row] as number] as number;
      if (k >= 0 && stamp[k] !== stamped) {
        stamp[k] = stamped;
        firstStart[k] = words.start[row] as number;
        firstEnd[k] = words.end[row] as number;
        seen[count++] = k;
        z += weight[k] as number;
      }
    }
    seenCount = count;
    return 1 / (1 + Math.exp(-z));
  };

  const evidence = (text: string): Match[] => {
    const ks = Array.from(seen.subarray(0, seenCount));
    ks.sort((a, b) => (weight[b] as number) - (weight[a] as number) || (firstStart[a] as number) - (firstStart[b] as number));
    return ks.slice(0, MAX_MODEL_EVIDENCE)
      .sort((a, b) => (firstStart[a] as number) - (firstStart[b] as number))
      .map((k) => {
        const start = firstStart[k] as number;
        const end = firstEnd[k] as number;
        return { term: words[k] as string, category: 'insult', severity: 1, start, end, text: text.slice(start, end), source: 'model' } satisfies Match;
      });
  };

  return { version: model.version, threshold: model.threshold, restingProbability, look, lookScanned, evidence };
}
