/**
 * `npm run train`: trains the learned layer on ../shared/eval/fr-toxicity-train.csv and writes
 * src/scoring/model-weights.ts. Deterministic: same file in, byte-identical weights out
 * (`npm run train -- --check` regenerates in memory and fails when the committed file differs).
 *
 * 1. The lexicon alone scores every row (no layer); the layer learns only from the rows it publishes.
 * 2. Features: the distinct folded words of a comment that are in the closed vocabulary of
 *    scripts/model-vocabulary.ts, unknown to the lexicon, and in at least MIN_DF rows; weights ≥ 0,
 *    L2-penalized.
 * 3. The L2 strength (from a small grid, strongest first; a weaker one must gain ≥ 0.005 F1) and
 *    the flag threshold (from 0.5 up) are chosen by 5-fold
 *    cross-validation of the combined rule — lexicon, or layer trained without the held-out fold —
 *    never by hand on the full file. The CV figures are written next to the weights.
 * 4. The final layer is trained on every row with that L2 strength.
 *
 * No row of the file is written out: only words of the vocabulary, their weights, and counts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { createScorer } from '../src/scoring/index.js';
import {
  chooseThreshold, combinedCounts, crossValidatedProbabilities, f1Of, modelProbability, trainModel,
  type Counts, type TrainingSample, type TrainOptions,
} from '../src/scoring/model-train.js';
import { layerVocabulary } from './layer-vocabulary.js';

const FOLDS = 5;
const MIN_DF = 3;
const ITERATIONS = 300;
const L2_GRID = [1e-4, 3e-5, 1e-5]; // strongest first
/** A weaker penalty is taken only when its CV F1 beats the best so far by this much: robust first. */
const MIN_F1_GAIN = 0.005;
const THRESHOLD_FLOOR = 0.5;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const trainFile = 'fr-toxicity-train.csv';
const trainPath = resolve(root, '..', 'shared', 'eval', trainFile);
const outPath = resolve(root, 'src', 'scoring', 'model-weights.ts');

function readSamples(): TrainingSample[] {
  // No header row; columns are label,text (a text may hold unquoted commas).
  const rows = parseCsv(readFileSync(trainPath, 'utf8'), { relax_column_count: true }) as string[][];
  const lexicon = createScorer({ learnedLayer: false });
  return rows
    .filter((r) => r.length >= 2 && (r[0] === '0' || r[0] === '1'))
    .map((r) => {
      const text = r.slice(1).join(',');
      return { text, toxic: r[0] === '1', lexiconFlags: lexicon.score(text).decision !== 'publish' };
    });
}

/** A short stable name for the weights: FNV-1a of their text. */
function versionOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `fr-layer-${h.toString(16).padStart(8, '0')}`;
}

const pct = (x: number): string => x.toFixed(3);
const countsLine = (label: string, c: Counts): string => {
  const m = f1Of(c);
  return `| ${label} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${c.tp} | ${c.fp} | ${c.fn} | ${c.tn} |`;
};

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  if (!existsSync(trainPath)) {
    console.error(`No training file at ${trainPath}.`);
    process.exit(1);
  }
  const samples = readSamples();
  const { kept: vocab, lexicon: known } = layerVocabulary();
  const base = { minDocumentFrequency: MIN_DF, iterations: ITERATIONS, admits: (w: string) => vocab.has(w), decimals: 4 };

  console.log(`# Training the learned layer\n\n${samples.length} rows of ${trainFile}, ${samples.filter((s) => s.toxic).length} toxic; `
    + `${samples.filter((s) => !s.lexiconFlags).length} published by the lexicon alone (the layer learns from those).\n`);
  console.log(`Vocabulary: ${vocab.size} words; ${known.length} more are left to the lexicon, which knows them: ${known.join(', ')}.\n`);
  console.log(`${FOLDS}-fold cross-validation of the combined rule (row i in fold i mod ${FOLDS}), threshold searched from ${THRESHOLD_FLOOR}:\n`);
  console.log('| L2 | threshold | precision | recall | F1 |\n|---:|---:|---:|---:|---:|');
  let best: { options: TrainOptions; threshold: number; counts: Counts; f1: number } | undefined;
  for (const l2 of L2_GRID) {
    const options: TrainOptions = { ...base, l2 };
    const oof = crossValidatedProbabilities(samples, FOLDS, options);
    const chosen = chooseThreshold(samples, oof, THRESHOLD_FLOOR);
    const m = f1Of(chosen.counts);
    console.log(`| ${l2} | ${chosen.threshold} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} |`);
    if (best === undefined || m.f1 >= best.f1 + MIN_F1_GAIN) best = { options, threshold: chosen.threshold, counts: chosen.counts, f1: m.f1 };
  }
  if (best === undefined) throw new Error('empty L2 grid');

  const model = trainModel(samples, best.options);
  const probability = modelProbability(model);
  const inSample = combinedCounts(samples, samples.map((s) => probability(s.text)), best.threshold);
  const lexiconOnly = combinedCounts(samples, samples.map(() => 0), 1);
  console.log(`\nChosen: L2 ${best.options.l2}, threshold ${best.threshold}; ${model.weights.length} words of ${vocab.size} kept.\n`);
  console.log('| rule | precision | recall | F1 | TP | FP | FN | TN |\n|---|---:|---:|---:|---:|---:|---:|---:|');
  console.log(countsLine('lexicon alone', lexiconOnly));
  console.log(countsLine(`lexicon + layer, ${FOLDS}-fold CV (honest)`, best.counts));
  console.log(countsLine('lexicon + layer, in-sample (trained on these rows)', inSample));
  const top = [...model.weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  console.log(`\nBias ${model.bias}. Heaviest words: ${top.slice(0, 25).map(([w, x]) => `${w} ${x}`).join(', ')}.`);

  const weightsText = model.weights.map(([w, x]) => `    ['${w}', ${x}],`).join('\n');
  const cv = f1Of(best.counts);
  const file = `/**
 * The learned layer's weights. GENERATED by \`npm run train\` (scripts/train-model.ts) from
 * ${trainFile}: do not edit by hand; retrain. Only vocabulary words and numbers, no row of the file.
 */
import type { ModelWeights } from './model.js';

export const BUILTIN_MODEL: ModelWeights = {
  version: '${versionOf(`${model.bias}|${best.threshold}|${weightsText}`)}',
  bias: ${model.bias},
  threshold: ${best.threshold},
  weights: [
${weightsText}
  ],
};

/** How the weights were made, and the layer's honest (cross-validated) figures: \`npm run eval\` prints them. */
export const BUILTIN_MODEL_TRAINING = {
  file: '${trainFile}',
  rows: ${samples.length},
  folds: ${FOLDS},
  l2: ${best.options.l2},
  minDocumentFrequency: ${MIN_DF},
  vocabulary: ${vocab.size},
  /** Lexicon + layer, each fold scored by a layer trained without it. */
  crossValidated: { precision: ${cv.precision.toFixed(4)}, recall: ${cv.recall.toFixed(4)}, f1: ${cv.f1.toFixed(4)} },
} as const;
`;
  if (values.check === true) {
    const committed = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
    if (committed !== file) {
      console.error(`\n${outPath} differs from what training gives: retrain with npm run train.`);
      process.exit(1);
    }
    console.log(`\n${outPath} is exactly what training gives.`);
    return;
  }
  writeFileSync(outPath, file);
  console.log(`\nWrote ${outPath}.`);
}

main();
