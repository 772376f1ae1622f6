/**
 * How the learned layer is trained: an L2-regularized logistic regression over the presence of
 * folded words ({@link modelWords}), with a pruned vocabulary. Pure and deterministic — same
 * samples and options, same weights, bit for bit — so `npm run train` (scripts/train-model.ts)
 * reproduces the committed weights file. Also the honest measure of the layer: k-fold
 * cross-validation of the combined rule (lexicon decision, raised to `flag` by the layer).
 */
import { modelWords } from './model-words.js';

/** One labelled comment, with what the lexicon alone decided (the layer only looks past `publish`). */
export interface TrainingSample {
  readonly text: string;
  readonly toxic: boolean;
  /** True when the lexicon alone already flags or holds it. */
  readonly lexiconFlags: boolean;
}

export interface TrainOptions {
  /** A word enters the vocabulary when at least this many training comments contain it. */
  readonly minDocumentFrequency: number;
  /** Strength of the L2 penalty on the word weights: keeps any one word from weighing too much. */
  readonly l2: number;
  /** Full-batch optimization steps. */
  readonly iterations: number;
  /**
   * Whether a folded word may be a feature at all. The trainer admits French dictionary words and
   * lexicon forms, and refuses words that name a topic, a group or a place rather than abuse.
   */
  readonly admits: (word: string) => boolean;
  /** Weights are rounded to this many decimals; words whose weight rounds to 0 are dropped. */
  readonly decimals: number;
}

/** A trained layer: `p = σ(bias + Σ weight(word))` over the distinct words of a comment. */
export interface TrainedModel {
  readonly bias: number;
  /** Folded word → weight (> 0), sorted by word. */
  readonly weights: ReadonlyArray<readonly [string, number]>;
}

const STEP = 0.05;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no -0 in the file
}

/** Words kept as features: in at least `minDf` of `docs`, admitted; sorted, so indices are stable. */
export function buildVocabulary(docs: readonly (readonly string[])[], minDf: number, admits: (word: string) => boolean): string[] {
  const df = new Map<string, number>();
  for (const words of docs) for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df].filter(([w, n]) => n >= minDf && admits(w)).map(([w]) => w).sort();
}

/**
 * Fits the logistic regression by full-batch projected Adam on the mean log-loss plus
 * `l2/2 · |w|²`, with every word weight kept ≥ 0 (the bias is free and not penalized): a word can
 * only be evidence of abuse, never an excuse for the rest of the comment. Rows are lists of feature
 * indices (binary features). Same inputs, same floating-point operations in the same order.
 */
export function fitLogistic(
  rows: readonly Int32Array[], labels: readonly boolean[], featureCount: number, l2: number, iterations: number,
): { bias: number; weights: Float64Array } {
  const n = rows.length;
  const w = new Float64Array(featureCount + 1); // last: bias
  const m = new Float64Array(featureCount + 1);
  const v = new Float64Array(featureCount + 1);
  const grad = new Float64Array(featureCount + 1);
  const biasIndex = featureCount;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows[r] as Int32Array;
      let z = w[biasIndex] as number;
      for (let k = 0; k < row.length; k++) z += w[row[k] as number] as number;
      const err = (sigmoid(z) - (labels[r] === true ? 1 : 0)) / n;
      grad[biasIndex] = (grad[biasIndex] as number) + err;
      for (let k = 0; k < row.length; k++) grad[row[k] as number] = (grad[row[k] as number] as number) + err;
    }
    const c1 = 1 - BETA1 ** t;
    const c2 = 1 - BETA2 ** t;
    for (let j = 0; j <= featureCount; j++) {
      const g = (grad[j] as number) + (j === biasIndex ? 0 : l2 * (w[j] as number));
      m[j] = BETA1 * (m[j] as number) + (1 - BETA1) * g;
      v[j] = BETA2 * (v[j] as number) + (1 - BETA2) * g * g;
      const next = (w[j] as number) - (STEP * ((m[j] as number) / c1)) / (Math.sqrt((v[j] as number) / c2) + EPSILON);
      w[j] = j === biasIndex || next > 0 ? next : 0;
    }
  }
  return { bias: w[biasIndex] as number, weights: w.subarray(0, featureCount) };
}

/**
 * Trains the layer on the comments the lexicon lets through (`lexiconFlags` false): the layer only
 * ever looks at those, so that is the population its probability describes.
 *
 * @example
 * const model = trainModel(samples, DEFAULT_TRAIN_OPTIONS);
 * model.weights.find(([w]) => w === 'stupide'); // ['stupide', 1.234]
 */
export function trainModel(samples: readonly TrainingSample[], options: TrainOptions): TrainedModel {
  const kept = samples.filter((s) => !s.lexiconFlags);
  const docs = kept.map((s) => modelWords(s.text));
  const vocabulary = buildVocabulary(docs, options.minDocumentFrequency, options.admits);
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const rows = docs.map((words) => Int32Array.from(words.flatMap((w) => {
    const i = index.get(w);
    return i === undefined ? [] : [i];
  })));
  const fit = fitLogistic(rows, kept.map((s) => s.toxic), vocabulary.length, options.l2, options.iterations);
  const weights: Array<[string, number]> = [];
  vocabulary.forEach((word, i) => {
    const weight = roundTo(fit.weights[i] as number, options.decimals);
    if (weight > 0) weights.push([word, weight]);
  });
  return { bias: roundTo(fit.bias, options.decimals), weights };
}

/**
 * The layer's probability function under `model`: the trainer's reference (the scorer compiles a
 * trie, model.ts, and a test proves the two agree).
 *
 * @example
 * modelProbability({ bias: -1, weights: [['clown', 2]] })('Quel clown'); // σ(1) ≈ 0.731
 */
export function modelProbability(model: TrainedModel): (text: string) => number {
  const weights = new Map(model.weights);
  return (text) => {
    let z = model.bias;
    for (const w of modelWords(text)) z += weights.get(w) ?? 0;
    return sigmoid(z);
  };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function f1Of(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Counts of the combined rule at `threshold`: toxic when the lexicon flags, or the layer's probability reaches it. */
export function combinedCounts(samples: readonly TrainingSample[], probabilities: readonly number[], threshold: number): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  samples.forEach((s, i) => {
    const flagged = s.lexiconFlags || (probabilities[i] as number) >= threshold;
    if (flagged && s.toxic) c.tp++;
    else if (flagged) c.fp++;
    else if (s.toxic) c.fn++;
    else c.tn++;
  });
  return c;
}

/**
 * Out-of-fold probabilities: sample `i` is scored by a layer trained without fold `i % folds`
 * (vocabulary included), so no comment is scored by a model that saw it.
 */
export function crossValidatedProbabilities(samples: readonly TrainingSample[], folds: number, options: TrainOptions): number[] {
  const out = new Array<number>(samples.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const probability = modelProbability(trainModel(samples.filter((_, i) => i % folds !== f), options));
    samples.forEach((s, i) => {
      if (i % folds === f) out[i] = probability(s.text);
    });
  }
  return out;
}

/**
 * The threshold that maximizes the combined F1 on out-of-fold probabilities, searched on a grid of
 * `step` from `min` up: the floor (0.5, "more likely abusive than not") keeps the layer from
 * flagging on weak evidence. The lowest of equally good thresholds wins. Returns it with the counts there.
 */
export function chooseThreshold(
  samples: readonly TrainingSample[], probabilities: readonly number[], min = 0.5, step = 0.01,
): { threshold: number; counts: Counts } {
  let best = { threshold: 1, counts: combinedCounts(samples, probabilities, 1.01) };
  let bestF1 = f1Of(best.counts).f1;
  for (let k = 0; min + k * step < 1; k++) {
    const threshold = roundTo(min + k * step, 4);
    const counts = combinedCounts(samples, probabilities, threshold);
    const f1 = f1Of(counts).f1;
    if (f1 > bestF1) {
      best = { threshold, counts };
      bestF1 = f1;
    }
  }
  return best;
}
