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
  /** The probability that `text` is abusive, from its distinct vocabulary words. */
  look(text: string): number;
  /**
   * The words of the last `look` that weigh most (at most {@link MAX_MODEL_EVIDENCE}), as matches
   * with `source: 'model'`, in text order; `text` must be the one given to `look`.
   */
  evidence(text: string): Match[];
}

const LETTERS = 27; // 0: any other unit (off the trie), 1..26: a..z
const LOWER_A = 0x61;
const LOWER_E = 0x65;

function letterIndex(folded: number): number {
  const k = folded - LOWER_A;
  return k >= 0 && k < 26 ? k + 1 : 0;
}

/**
 * Compiles weights into a layer. Throws on a word the layer could never read (not 2–32 letters a–z,
 * as {@link eachModelWord} folds them), a repeated word, or a weight or threshold out of range.
 *
 * @example
 * const layer = compileModel({ version: 't', bias: -1, threshold: 0.5, weights: [['clown', 2]] });
 * layer.look('Quel clown'); // σ(-1 + 2) ≈ 0.73
 */
export function compileModel(model: ModelWeights): LearnedLayer {
  if (!(model.threshold > 0 && model.threshold < 1)) throw new RangeError(`model threshold must be in (0, 1), got ${model.threshold}`);
  if (!Number.isFinite(model.bias)) throw new RangeError(`model bias must be finite, got ${model.bias}`);
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
  const featureOf = Int32Array.from(featureOfNode);

  // Per call: which features were seen (stamped with the call number) and where first.
  const stamp = new Int32Array(words.length);
  const firstStart = new Int32Array(words.length);
  const firstEnd = new Int32Array(words.length);
  const seen = new Int32Array(words.length);
  let seenCount = 0;
  let call = 0;

  const look = (text: string): number => {
    call++;
    seenCount = 0;
    let z = model.bias;
    const n = text.length;
    let node = 0;
    let start = -1; // start of the word under way, -1 between words
    for (let i = 0; i <= n; i++) {
      const e = i < n ? charEntry(text.charCodeAt(i)) : 0;
      if ((e & K_LETTER) !== 0) {
        if (start < 0) {
          start = i;
          node = 1;
        }
        if (node !== 0) {
          node = trans[node * LETTERS + letterIndex(e >>> 16)] as number;
          if (node !== 0 && (e & K_PLUS_E) !== 0) node = trans[node * LETTERS + letterIndex(LOWER_E)] as number;
        }
        continue;
      }
      if (start < 0) continue;
      const k = featureOf[node] as number;
      if (k >= 0 && stamp[k] !== call) {
        stamp[k] = call;
        firstStart[k] = start;
        firstEnd[k] = i;
        seen[seenCount++] = k;
        z += weight[k] as number;
      }
      start = -1;
    }
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

  return { version: model.version, threshold: model.threshold, look, evidence };
}
