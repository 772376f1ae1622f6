/**
 * The learned model at run time: a multi-label logistic regression over the hashed features of
 * model-features.ts, one head per category it knows (`toxic` overall, `insult`, `threat`,
 * `identity_attack`, `sexual`). Its weights are int8 in a binary file written by `npm run train`
 * (scripts/train-model.ts), parsed here from bytes: this module reads no file.
 *
 * A feature occurring in a comment of `n` features counts `1/n` or `1/√n` (the file says which),
 * so a long comment does not add up to certainty: a head's probability is
 * `σ(bias + scale · Σ sign · q[bucket] · value(n))`.
 * What the model may decide is model-combine.ts's job.
 */
import type { Category, Match, ModelHead, ModelThresholds } from './types.js';
import { MODEL_HEADS } from './types.js';
import { FeatureBuffer, readFeatures } from './model-features.js';

/** The file's first four bytes. */
const MAGIC = 0x4d425243; // 'CRBM', little-endian
export const MODEL_FORMAT = 1;

export type FeatureNorm = 'sqrt' | 'mean';

/** What one occurrence of a feature counts in a comment of `n` features. */
export function featureValue(norm: FeatureNorm, n: number): number {
  if (n === 0) return 0;
  return norm === 'mean' ? 1 / n : 1 / Math.sqrt(n);
}

/** One head of a trained model: its bias and the factor that turns its int8 weights into floats. */
export interface HeadParameters {
  readonly name: ModelHead;
  readonly bias: number;
  readonly scale: number;
}

/** A trained model, as its file stores it. */
export interface ModelFile {
  /** Names the weights, so a stored score says which model made it; derived from the bytes. */
  readonly version: string;
  readonly bucketsLog2: number;
  /** How a comment's features are scaled: each counts `1/√n` (`sqrt`) or `1/n` (`mean`, an average). */
  readonly norm: FeatureNorm;
  readonly heads: readonly HeadParameters[];
  /** Cross-validated defaults for the combination (admin-settable). */
  readonly thresholds: ModelThresholds;
  /** How it was trained and its cross-validated figures (free-form, for `npm run eval` and the docs). */
  readonly training: Readonly<Record<string, unknown>>;
  /** `weights[bucket * heads.length + head]`. */
  readonly weights: Int8Array;
}

/** What {@link encodeModelFile} hashes into the version: everything but the version itself. */
function fnv(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193) >>> 0;
  return h;
}

function headerJson(m: Omit<ModelFile, 'weights' | 'version'>, version: string): string {
  return JSON.stringify({ format: MODEL_FORMAT, version, bucketsLog2: m.bucketsLog2, norm: m.norm, heads: m.heads, thresholds: m.thresholds, training: m.training });
}

/** The version a model's content gets: `fr-model-` and a hash of its header and weights. */
export function modelVersionOf(m: Omit<ModelFile, 'version'>): string {
  const h = fnv(new Uint8Array(m.weights.buffer, m.weights.byteOffset, m.weights.byteLength), fnv(new TextEncoder().encode(headerJson(m, ''))));
  return `fr-model-${h.toString(16).padStart(8, '0')}`;
}

/**
 * The bytes of a model file: magic, header length (u32 LE), the header as JSON, the int8 weights.
 * Same model, same bytes (the version is computed from the content).
 */
export function encodeModelFile(m: Omit<ModelFile, 'version'>): Uint8Array {
  const header = new TextEncoder().encode(headerJson(m, modelVersionOf(m)));
  const out = new Uint8Array(8 + header.length + m.weights.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  out.set(new Uint8Array(m.weights.buffer, m.weights.byteOffset, m.weights.byteLength), 8 + header.length);
  return out;
}

/**
 * Parses a model file. Throws on a wrong magic, format, head or size, or when the weights do not
 * match the version (a truncated or edited file).
 */
export function parseModelFile(bytes: Uint8Array): ModelFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Crible model file');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Omit<ModelFile, 'weights'> & { format: number };
  if (header.format !== MODEL_FORMAT) throw new Error(`model format ${header.format}, expected ${MODEL_FORMAT}`);
  if (header.heads.length === 0 || header.heads[0]?.name !== 'toxic') throw new Error('a model\'s first head must be toxic');
  for (const h of header.heads) if (!MODEL_HEADS.includes(h.name)) throw new Error(`unknown model head ${h.name}`);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + 8 + length, bytes.length - 8 - length);
  if (weights.length !== header.heads.length << header.bucketsLog2) throw new Error('model weights do not match its header');
  if (header.norm !== 'sqrt' && header.norm !== 'mean') throw new Error(`unknown feature norm ${String(header.norm)}`);
  const m: ModelFile = { version: header.version, bucketsLog2: header.bucketsLog2, norm: header.norm, heads: header.heads, thresholds: header.thresholds, training: header.training, weights };
  if (modelVersionOf(m) !== m.version) throw new Error(`model file content does not match its version ${m.version}`);
  return m;
}

/** At most this many words explain a model decision: those that weighed most its way. */
export const MAX_MODEL_EVIDENCE = 3;

/** The probabilities of one comment, one per head of the model (absent heads read 0). */
export type HeadProbabilities = Record<ModelHead, number>;

/** A compiled model; it keeps the last comment's features until the next `look` (scoring is synchronous). */
export interface LearnedModel {
  readonly version: string;
  readonly thresholds: ModelThresholds;
  readonly headNames: readonly ModelHead[];
  /** Each head's probability for `text`. */
  look(text: string): HeadProbabilities;
  /** The `toxic` head's probability for `text` alone (one weight per feature: the common, fast case). */
  lookToxic(text: string): number;
  /** Every head's probability for the text of the last `lookToxic` (or `look`). */
  heads(): HeadProbabilities;
  /**
   * The words of the last `look` that pushed `head` furthest towards `toxic` (`towards: 'toxic'`)
   * or away from it (`'clean'`), at most {@link MAX_MODEL_EVIDENCE}, as matches with
   * `source: 'model'` and their signed `weight` (logit units), in text order; `text` must be the
   * last one given to `look`.
   */
  evidence(text: string, head: ModelHead, towards: 'toxic' | 'clean', category: Category): Match[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const round3 = (p: number): number => Math.round(p * 1000) / 1000;

/**
 * Compiles a parsed model file.
 *
 * @example
 * const model = compileModel(parseModelFile(bytes));
 * model.look('Je connais ta voiture et ton quartier. À bientôt.').threat; // high
 */
export function compileModel(file: ModelFile): LearnedModel {
  const names = file.heads.map((h) => h.name);
  const count = names.length;
  const mask = (1 << file.bucketsLog2) - 1;
  const weights = file.weights;
  const bias = Float64Array.from(file.heads, (h) => h.bias);
  const scale = Float64Array.from(file.heads, (h) => h.scale);
  const sums = new Int32Array(count);
  const headIndex = new Map(names.map((h, k) => [h, k]));
  const buffer = new FeatureBuffer();

  // The toxic head's weights alone, contiguous: most comments need no other head.
  const toxicWeights = new Int8Array(1 << file.bucketsLog2);
  for (let b = 0; b < toxicWeights.length; b++) toxicWeights[b] = weights[b * count] as number;

  const lookToxic = (text: string): number => {
    const f = readFeatures(text, buffer);
    const hashes = f.hashes;
    let sum = 0;
    for (let k = 0; k < f.count; k++) {
      const h = hashes[k] as number;
      const w = toxicWeights[h & mask] as number;
      sum += h < 0 ? -w : w;
    }
    return round3(sigmoid((bias[0] as number) + (scale[0] as number) * sum * featureValue(file.norm, f.count)));
  };

  const heads = (): HeadProbabilities => {
    const f = buffer;
    sums.fill(0);
    const hashes = f.hashes;
    for (let k = 0; k < f.count; k++) {
      const h = hashes[k] as number;
      const at = (h & mask) * count;
      if (h < 0) for (let j = 0; j < count; j++) sums[j] = (sums[j] as number) - (weights[at + j] as number);
      else for (let j = 0; j < count; j++) sums[j] = (sums[j] as number) + (weights[at + j] as number);
    }
    const norm = featureValue(file.norm, f.count);
    const out: HeadProbabilities = { toxic: 0, insult: 0, threat: 0, identity_attack: 0, sexual: 0 };
    for (let j = 0; j < count; j++) out[names[j] as ModelHead] = round3(sigmoid((bias[j] as number) + (scale[j] as number) * (sums[j] as number) * norm));
    return out;
  };

  const look = (text: string): HeadProbabilities => {
    readFeatures(text, buffer);
    return heads();
  };

  const evidence = (text: string, head: ModelHead, towards: 'toxic' | 'clean', category: Category): Match[] => {
    const j = headIndex.get(head);
    if (j === undefined || buffer.words === 0) return [];
    const perWord = new Float64Array(buffer.words);
    const norm = (scale[j] as number) * featureValue(file.norm, buffer.count);
    for (let k = 0; k < buffer.count; k++) {
      const h = buffer.hashes[k] as number;
      const w = (h < 0 ? -1 : 1) * (weights[(h & mask) * count + j] as number) * norm;
      const word = buffer.wordOf[k] as number;
      if (word >= 0) perWord[word] = (perWord[word] as number) + w;
      else {
        // A pair of words: half to each.
        perWord[-word - 1] = (perWord[-word - 1] as number) + w / 2;
        perWord[-word] = (perWord[-word] as number) + w / 2;
      }
    }
    const sign = towards === 'toxic' ? 1 : -1;
    // A word must weigh something visible (its weight is shown to three decimals).
    const order = Array.from(perWord.keys()).filter((i) => sign * (perWord[i] as number) >= 0.0005);
    order.sort((a, b) => sign * ((perWord[b] as number) - (perWord[a] as number)) || a - b);
    // A glued run (`c o n`) and its letters share a span: keep the first of overlapping words.
    const chosen: number[] = [];
    for (const i of order) {
      if (chosen.length === MAX_MODEL_EVIDENCE) break;
      const s = buffer.wordStart[i] as number;
      const e = buffer.wordEnd[i] as number;
      if (chosen.some((c) => (buffer.wordStart[c] as number) < e && s < (buffer.wordEnd[c] as number))) continue;
      chosen.push(i);
    }
    chosen.sort((a, b) => (buffer.wordStart[a] as number) - (buffer.wordStart[b] as number));
    return chosen.map((i) => {
      const start = buffer.wordStart[i] as number;
      const end = buffer.wordEnd[i] as number;
      const piece = text.slice(start, end);
      return { term: piece.toLowerCase(), category, severity: 1, start, end, text: piece, source: 'model', weight: Math.round((perWord[i] as number) * 1000) / 1000 } satisfies Match;
    });
  };

  return { version: file.version, thresholds: file.thresholds, headNames: names, look, lookToxic, heads, evidence };
}
