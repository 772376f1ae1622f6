/**
 * How the learned model is trained, and measured: a multi-label logistic regression over the
 * hashed features of model-features.ts, fitted by AdaGrad SGD with an L2 penalty, rows visited in
 * an order drawn from a seeded generator. Pure and deterministic — same rows and options, same
 * bytes — so `npm run train` (scripts/train-model.ts) can check the committed file.
 *
 * A row may leave a head unknown (`null`): a translated toxic comment says nothing about threats,
 * so it trains the `toxic` head only. The thresholds of the combination (model-combine.ts) are
 * chosen on out-of-fold probabilities, never on rows the model was fitted on.
 */
import type { Decision, ModelHead, ModelThresholds } from './types.js';
import { MODEL_HEADS } from './types.js';
import { FeatureBuffer, readFeatures } from './model-features.js';
import { compileModel, encodeModelFile, featureValue, parseModelFile, type FeatureNorm, type HeadParameters, type ModelFile } from './model.js';
import { combineDecision, MAX_MODEL_CLEAR, MIN_MODEL_FLAG } from './model-combine.js';

/** One labelled comment. */
export interface TrainingRow {
  readonly text: string;
  /** Per head of {@link MODEL_HEADS}: 1, 0, or null when the source does not say. */
  readonly labels: readonly (0 | 1 | null)[];
  /** How much the row counts in the loss (a noisy source counts less). */
  readonly weight: number;
  /** Where it comes from: figures are reported per source. */
  readonly source: string;
  /** What the lexicon alone decides (the combination is measured against it). */
  readonly lexicon: Decision;
  /** Only these rows choose the thresholds (labelled comments; each source counts once). */
  readonly tunes: boolean;
  /** Clean text the model must not flag (news register): bounds the flag threshold. */
  readonly guards?: boolean;
}

export interface TrainOptions {
  readonly bucketsLog2: number;
  readonly norm: FeatureNorm;
  readonly epochs: number;
  readonly l2: number;
  readonly learningRate: number;
  readonly seed: number;
}

/** Every row's features, flat: row r owns `hashes[offsets[r] .. offsets[r + 1])`. */
export interface FeatureMatrix {
  readonly offsets: Int32Array;
  readonly hashes: Int32Array;
}

/** Reads every text once (the same reader as at run time). */
export function featurize(texts: readonly string[]): FeatureMatrix {
  const buffer = new FeatureBuffer();
  const offsets = new Int32Array(texts.length + 1);
  let all = new Int32Array(1 << 16);
  let n = 0;
  texts.forEach((t, r) => {
    const f = readFeatures(t, buffer);
    while (n + f.count > all.length) {
      const b = new Int32Array(all.length * 2);
      b.set(all);
      all = b;
    }
    all.set(f.hashes.subarray(0, f.count), n);
    n += f.count;
    offsets[r + 1] = n;
  });
  return { offsets, hashes: all.slice(0, n) };
}

/** A small seeded generator (mulberry32): the visiting order depends on the seed only. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` in an order drawn from `seed` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = generator(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Float weights of a fitted model, interleaved like the file: `w[bucket * heads + head]`. */
export interface FittedModel {
  readonly weights: Float64Array;
  readonly biases: Float64Array;
}

/** Fits every head on the rows `use` (indices into `rows`). */
export function fit(rows: readonly TrainingRow[], x: FeatureMatrix, use: readonly number[], o: TrainOptions): FittedModel {
  const H = MODEL_HEADS.length;
  const mask = (1 << o.bucketsLog2) - 1;
  const w = new Float64Array(H << o.bucketsLog2);
  const g2 = new Float64Array(H << o.bucketsLog2);
  const b = new Float64Array(H);
  const bg2 = new Float64Array(H);
  const grad = new Float64Array(H);
  const z = new Float64Array(H);
  const eps = 1e-8;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const r of shuffled(use, o.seed + epoch)) {
      const row = rows[r] as TrainingRow;
      const from = x.offsets[r] as number;
      const to = x.offsets[r + 1] as number;
      const v = featureValue(o.norm, to - from);
      z.set(b);
      for (let k = from; k < to; k++) {
        const h = x.hashes[k] as number;
        const at = (h & mask) * H;
        const s = h < 0 ? -v : v;
        for (let j = 0; j < H; j++) z[j] = (z[j] as number) + s * (w[at + j] as number);
      }
      let any = false;
      for (let j = 0; j < H; j++) {
        const y = row.labels[j];
        grad[j] = y === null || y === undefined ? 0 : (sigmoid(z[j] as number) - y) * row.weight;
        if (grad[j] !== 0) any = true;
      }
      if (!any) continue;
      for (let j = 0; j < H; j++) {
        const g = grad[j] as number;
        if (g === 0) continue;
        bg2[j] = (bg2[j] as number) + g * g;
        b[j] = (b[j] as number) - o.learningRate * g / (Math.sqrt(bg2[j] as number) + eps);
      }
      for (let k = from; k < to; k++) {
        const h = x.hashes[k] as number;
        const at = (h & mask) * H;
        const s = h < 0 ? -v : v;
        for (let j = 0; j < H; j++) {
          const g0 = grad[j] as number;
          if (g0 === 0) continue;
          const i = at + j;
          const g = g0 * s + o.l2 * (w[i] as number);
          g2[i] = (g2[i] as number) + g * g;
          w[i] = (w[i] as number) - o.learningRate * g / (Math.sqrt(g2[i] as number) + eps);
        }
      }
    }
  }
  return { weights: w, biases: b };
}

/** Rounds a fitted model to int8 weights (one scale per head) and adds what the file records. */
export function quantize(m: FittedModel, o: Pick<TrainOptions, 'bucketsLog2' | 'norm'>, thresholds: ModelThresholds, training: Record<string, unknown>): Omit<ModelFile, 'version'> {
  const H = MODEL_HEADS.length;
  const max = new Float64Array(H);
  for (let i = 0; i < m.weights.length; i++) {
    const a = Math.abs(m.weights[i] as number);
    if (a > (max[i % H] as number)) max[i % H] = a;
  }
  const scale = Array.from(max, (x) => (x > 0 ? x / 127 : 1));
  const q = new Int8Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((m.weights[i] as number) / (scale[i % H] as number));
  // Rounded so the header (and the file) is the same bytes whatever printed the floats.
  const heads: HeadParameters[] = MODEL_HEADS.map((name, j) => ({ name, bias: Number((m.biases[j] as number).toFixed(6)), scale: Number((scale[j] as number).toPrecision(8)) }));
  return { bucketsLog2: o.bucketsLog2, norm: o.norm, heads, thresholds, training, weights: q };
}

/** Out-of-fold probabilities of every head: row r is scored by the model fitted without its fold. */
export function crossValidate(rows: readonly TrainingRow[], x: FeatureMatrix, texts: readonly string[], folds: number, o: TrainOptions): Float64Array[] {
  const order = shuffled(rows.map((_, i) => i), o.seed ^ 0x5bd1e995);
  const foldOf = new Int32Array(rows.length);
  order.forEach((r, k) => { foldOf[r] = k % folds; });
  const out = rows.map(() => new Float64Array(MODEL_HEADS.length));
  for (let f = 0; f < folds; f++) {
    const use = rows.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const file = parseModelFile(encodeModelFile(quantize(fit(rows, x, use, o), o, { flag: 1, hold: 1, clear: 0 }, {})));
    const model = compileModel(file);
    rows.forEach((_, i) => {
      if (foldOf[i] !== f) return;
      const p = model.look(texts[i] as string);
      MODEL_HEADS.forEach((h, j) => { (out[i] as Float64Array)[j] = p[h]; });
    });
  }
  return out;
}

export interface Counts { tp: number; fp: number; fn: number; tn: number }

export function f1Of(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Confusion counts of a decision per row against the rows' `toxic` label (flag and hold are positive). */
export function countsOf(
  rows: readonly TrainingRow[],
  decide: (row: TrainingRow, i: number) => Decision,
  keep: (row: TrainingRow) => boolean = () => true,
  only: readonly number[] = rows.map((_, i) => i),
): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const i of only) {
    const row = rows[i] as TrainingRow;
    const y = row.labels[0];
    if (!keep(row) || y === null) continue;
    const positive = decide(row, i) !== 'publish';
    if (positive && y === 1) c.tp++;
    else if (positive) c.fp++;
    else if (y === 1) c.fn++;
    else c.tn++;
  }
  return c;
}

const grid = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let k = Math.round(from / step); k * step <= to + 1e-9; k++) out.push(Math.round(k * step * 100) / 100);
  return out;
};

/** Precision the model must show, in every tuning source, on the rows it would hold alone, and on the hits it would clear. */
export const HOLD_PRECISION = 0.97;
export const CLEAR_PRECISION = 0.9;
/** The hold threshold is at least this much above the flag threshold. */
export const HOLD_MARGIN = 0.1;
/** At most this share of the clean guard rows (news-register sentences) may be flagged by the model alone. */
export const MAX_GUARD_FLAG_RATE = 0.005;

/** The rows of each tuning source, by source name. */
function tuningSources(rows: readonly TrainingRow[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!r.tunes || r.labels[0] === null) return;
    const list = by.get(r.source) ?? [];
    list.push(i);
    by.set(r.source, list);
  });
  return by;
}

/**
 * The combination's thresholds from out-of-fold `toxic` probabilities:
 * - `flag` maximizes the mean, over the tuning sources, of the combination's F1 (each source
 *   counts once whatever its size: no register may decide alone; ties: the higher), among the
 *   thresholds that flag at most {@link MAX_GUARD_FLAG_RATE} of the guard rows (clean news
 *   register, which a news site must never see flagged);
 * - `hold`, the lowest at least {@link HOLD_MARGIN} above it where, in every tuning source, the
 *   comments it would hold that the lexicon did not are ≥ {@link HOLD_PRECISION} toxic (1: never);
 * - `clear`, the highest where, in every tuning source, the lexicon hits it would lower are
 *   ≥ {@link CLEAR_PRECISION} clean (0: never).
 */
export function chooseThresholds(rows: readonly TrainingRow[], toxic: ArrayLike<number>): ModelThresholds {
  const sources = [...tuningSources(rows).values()];
  const guards = rows.flatMap((r, i) => (r.guards === true && r.labels[0] === 0 ? [i] : []));
  let flag = 1;
  let best = -1;
  for (const t of grid(MIN_MODEL_FLAG, 0.99, 0.01)) {
    const flaggedGuards = guards.filter((i) => (toxic[i] as number) >= t).length;
    if (flaggedGuards > MAX_GUARD_FLAG_RATE * guards.length) continue;
    const decide = (r: TrainingRow, i: number): Decision => combineDecision(r.lexicon, toxic[i] as number, { flag: t, hold: 1.01, clear: -1 }).decision;
    const mean = sources.reduce((sum, ids) => sum + f1Of(countsOf(rows, decide, undefined, ids)).f1, 0) / Math.max(1, sources.length);
    if (mean >= best) {
      best = mean;
      flag = t;
    }
  }
  /** Whether, in every source, the rows `chosen` picks are at least `precision` labelled `want`. */
  const everySource = (chosen: (r: TrainingRow, i: number) => boolean, want: 0 | 1, precision: number): boolean =>
    sources.every((ids) => {
      const picked = ids.filter((i) => chosen(rows[i] as TrainingRow, i));
      return picked.length === 0 || picked.filter((i) => (rows[i] as TrainingRow).labels[0] === want).length / picked.length >= precision;
    });
  let hold = 1;
  // Holding hides a comment: only well above the flag threshold, never at it.
  for (const t of grid(Math.min(0.99, flag + HOLD_MARGIN), 0.99, 0.01)) {
    if (everySource((r, i) => r.lexicon !== 'hold' && (toxic[i] as number) >= t, 1, HOLD_PRECISION)) {
      hold = t;
      break;
    }
  }
  let clear = 0;
  for (const t of grid(0.01, MAX_MODEL_CLEAR, 0.01)) {
    if (everySource((r, i) => r.lexicon !== 'publish' && (toxic[i] as number) <= t, 0, CLEAR_PRECISION)) clear = t;
  }
  return { flag, hold, clear };
}

/**
 * A trained model file's bytes: fitted on every row, rounded, encoded. What `npm run train` writes.
 *
 * @example
 * const bytes = trainModelBytes(rows, featurize(rows.map((r) => r.text)), options, thresholds, {});
 */
export function trainModelBytes(rows: readonly TrainingRow[], x: FeatureMatrix, o: TrainOptions, thresholds: ModelThresholds, training: Record<string, unknown>): Uint8Array {
  return encodeModelFile(quantize(fit(rows, x, rows.map((_, i) => i), o), o, thresholds, training));
}

/** `npm run train -- --check`: whether the committed file is byte for byte what training gives. */
export function isSameModel(committed: Uint8Array, trained: Uint8Array): boolean {
  if (committed.length !== trained.length) return false;
  for (let i = 0; i < committed.length; i++) if (committed[i] !== trained[i]) return false;
  return true;
}

/** The index of a head in a model's outputs. */
export const headIndex = (h: ModelHead): number => MODEL_HEADS.indexOf(h);
