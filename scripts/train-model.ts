/**
 * `npm run train`: trains the learned model and writes models/fr-comments.bin. Deterministic:
 * same data in, byte-identical file out; `npm run train -- --check` trains in memory and fails
 * when the committed file differs. `--grid` prints the cross-validated figures of a few settings
 * instead (how the constants below were chosen).
 *
 * Data (row order fixed: files sorted by name, rows in file order):
 * - training/corpus/**.jsonl, the reader comments written for Crible (docs/scoring-model.md), and
 *   the clean news-register sentences of training/corpus/news-register.jsonl: every head labelled;
 * - ../shared/data/mlma-fr.csv, native French tweets: `normal` alone → clean; offensive, abusive
 *   or hateful without `normal` → toxic, and identity_attack when the group is one of origin,
 *   religion, gender, orientation or disability (not an individual, `other` or left-wing people);
 *   rows mixing `normal` with a hostile label (annotators split), and `disrespectful` or
 *   `fearful` alone (disrespect is often the harsh criticism the standard keeps, fear is not an
 *   attack) are left out; other heads unknown;
 * - ../shared/eval/fr-toxicity-train.csv, machine-translated comments: `toxic` only, weighted down
 *   (a noisy label in another register), less the rows of fr-toxicity-400.csv that eval measures.
 * 5-fold cross-validation gives out-of-fold probabilities; the combination's thresholds are chosen
 * on them (model-train.ts chooseThresholds): each labelled source counts once, and the clean
 * news-register sentences bound how low the flag threshold may go.
 * No row is written out: the file holds hashed weights and figures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { createScorer, MODEL_HEADS, type Decision, type ModelHead } from '../src/scoring/index.js';
import {
  chooseThresholds, countsOf, crossValidate, f1Of, featurize, isSameModel, trainModelBytes,
  type Counts, type TrainingRow, type TrainOptions,
} from '../src/scoring/model-train.js';
import { combineDecision } from '../src/scoring/model-combine.js';
import { BUILTIN_MODEL_FILE } from '../src/scoring/builtin-model.js';

const FOLDS = 5;
const OPTIONS: TrainOptions = { bucketsLog2: 18, norm: 'sqrt', epochs: 6, l2: 1e-6, learningRate: 0.2, seed: 20261207 };
/**
 * Loss weight per source. The corpus is the register served. The translated file's two halves
 * differ in register, so its toxic half would teach register, not toxicity (news words read
 * toxic): it weighs nothing. Its clean half teaches that a comment in an unfamiliar register is
 * not toxic for that (without it the model flags a third of them).
 */
const WEIGHTS = JSON.parse(process.env.CRIBLE_TRAIN_WEIGHTS ?? '{ "corpus": 2, "mlma": 1, "translatedClean": 0.25, "translatedToxic": 0 }') as {
  corpus: number; mlma: number; translatedClean: number; translatedToxic: number;
};
/** Clean news-register sentences are also read two by two: news paragraphs are longer than comments. */
const PAIRED = process.env.CRIBLE_TRAIN_PAIRED !== '0';
/** Each source's toxic and clean rows weigh the same in total (MLMA is three quarters toxic: topic words would read as toxic). */
const BALANCE = process.env.CRIBLE_TRAIN_BALANCE === '1';
/** The settings `--grid` compares (each against the others by the corpus rows' CV figures). */
const GRID: Partial<TrainOptions>[] = JSON.parse(process.env.CRIBLE_TRAIN_GRID ?? '[{}]') as Partial<TrainOptions>[];
const IDENTITY_GROUPS = new Set(['african_descent', 'arabs', 'indian/hindu', 'special_needs', 'immigrants', 'muslims', 'asians', 'jews', 'women', 'christian', 'hispanics', 'refugees', 'gay']);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const outPath = resolve(root, 'models', BUILTIN_MODEL_FILE);

type Raw = Omit<TrainingRow, 'lexicon'>;

function jsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? jsonlFiles(join(dir, e.name)) : e.name.endsWith('.jsonl') ? [join(dir, e.name)] : []));
}

function corpusRows(): Raw[] {
  const rows: Raw[] = [];
  for (const file of jsonlFiles(resolve(root, 'training', 'corpus'))) {
    const source = file.includes('news-register') ? 'news-register (own)' : 'corpus';
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as { text: string; toxic: 0 | 1; categories: string[] };
      const labels = MODEL_HEADS.map((h): 0 | 1 => (h === 'toxic' ? r.toxic : r.toxic === 1 && r.categories.includes(h) ? 1 : 0));
      const news = source !== 'corpus';
      rows.push({ text: r.text, labels, weight: WEIGHTS.corpus, source, tunes: !news, guards: news });
    }
  }
  return rows;
}

/** Each clean news-register sentence joined to the next: longer clean text (trains only; no figure is reported on it). */
function pairedNews(corpus: readonly Raw[]): Raw[] {
  const news = corpus.filter((r) => r.source.startsWith('news-register'));
  return news.slice(1).map((r, i) => ({ ...r, text: `${(news[i] as Raw).text} ${r.text}`, source: 'news-register pairs (own)', tunes: false, guards: true }));
}

function mlmaRows(): Raw[] {
  const rows = parseCsv(readFileSync(resolve(shared, 'data', 'mlma-fr.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const out: Raw[] = [];
  for (const r of rows) {
    const labels = new Set((r.sentiment ?? '').split('_'));
    const hostile = labels.has('offensive') || labels.has('abusive') || labels.has('hateful');
    const normal = labels.has('normal');
    let toxic: 0 | 1;
    if (normal && !hostile && labels.size === 1) toxic = 0;
    else if (hostile && !normal) toxic = 1;
    else continue;
    const identity = toxic === 1 && IDENTITY_GROUPS.has(r.group ?? '') ? 1 : 0;
    const heads: Record<ModelHead, 0 | 1 | null> = toxic === 0
      ? { toxic: 0, insult: 0, threat: 0, identity_attack: 0, sexual: 0 }
      : { toxic: 1, insult: null, threat: null, identity_attack: identity, sexual: null };
    out.push({ text: r.text ?? '', labels: MODEL_HEADS.map((h) => heads[h]), weight: WEIGHTS.mlma, source: 'mlma-fr', tunes: true });
  }
  return out;
}

/** The texts of a `label,text` file (no header; a text may hold unquoted commas). */
function labelTextRows(file: string): string[][] {
  const rows = parseCsv(readFileSync(file, 'utf8'), { relax_column_count: true, relax_quotes: true }) as string[][];
  return rows.filter((r) => r.length >= 2 && (r[0] === '0' || r[0] === '1'));
}

function translatedRows(): Raw[] {
  // fr-toxicity-400.csv is a subset that `npm run eval` measures: its rows are never trained on.
  const evaluated = new Set(labelTextRows(resolve(shared, 'eval', 'fr-toxicity-400.csv')).map((r) => r.slice(1).join(',')));
  const rows = labelTextRows(resolve(shared, 'eval', 'fr-toxicity-train.csv'));
  return rows
    .map((r) => {
      const toxic = r[0] === '1' ? 1 : 0;
      const labels = MODEL_HEADS.map((h) => (h === 'toxic' ? toxic : toxic === 0 ? 0 : null));
      const weight = toxic === 1 ? WEIGHTS.translatedToxic : WEIGHTS.translatedClean;
      return { text: r.slice(1).join(','), labels, weight, source: 'fr-toxicity-train (translated)', tunes: true };
    })
    .filter((r) => !evaluated.has(r.text));
}

/** Reweights each source so its toxic and clean rows weigh the same in total (the source's total kept). */
function balance(rows: readonly Raw[]): Raw[] {
  const count = new Map<string, [number, number]>();
  for (const r of rows) {
    const c = count.get(r.source) ?? [0, 0];
    c[r.labels[0] === 1 ? 1 : 0]++;
    count.set(r.source, c);
  }
  return rows.map((r) => {
    const [clean, toxic] = count.get(r.source) as [number, number];
    if (clean === 0 || toxic === 0) return r;
    const factor = (clean + toxic) / (2 * (r.labels[0] === 1 ? toxic : clean));
    return { ...r, weight: r.weight * factor };
  });
}

const pct = (x: number): string => x.toFixed(3);
function line(label: string, c: Counts): string {
  const m = f1Of(c);
  return `| ${label} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${c.tp} | ${c.fp} | ${c.fn} | ${c.tn} |`;
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, grid: { type: 'boolean' } } });
  for (const f of ['data/mlma-fr.csv', 'eval/fr-toxicity-train.csv', 'eval/fr-toxicity-400.csv']) {
    if (!existsSync(resolve(shared, f))) {
      console.error(`No training file at ${resolve(shared, f)}.`);
      process.exit(1);
    }
  }
  const lexicon = createScorer({ learnedLayer: false });
  const corpus = corpusRows();
  const raw = [...corpus, ...(PAIRED ? pairedNews(corpus) : []), ...mlmaRows(), ...translatedRows()];
  const balanced = BALANCE ? balance(raw) : raw;
  const rows: TrainingRow[] = balanced.map((r) => ({ ...r, lexicon: lexicon.score(r.text).decision }));
  const texts = rows.map((r) => r.text);
  const x = featurize(texts);
  const sources = [...new Set(rows.map((r) => r.source))].filter((s) => !s.includes('pairs'));
  console.log('# Training the learned model\n');
  for (const s of sources) {
    const of = rows.filter((r) => r.source === s);
    console.log(`- ${s}: ${of.length} rows, ${of.filter((r) => r.labels[0] === 1).length} toxic, weight ${of[0]?.weight}`);
  }

  const settings: TrainOptions[] = values.grid === true ? GRID.map((g) => ({ ...OPTIONS, ...g })) : [OPTIONS];
  let chosen: { thresholds: ReturnType<typeof chooseThresholds>; oof: Float64Array[] } | undefined;
  for (const o of settings) {
    const oof = crossValidate(rows, x, texts, FOLDS, o);
    const toxic = oof.map((p) => p[0] as number);
    const thresholds = chooseThresholds(rows, toxic);
    chosen ??= { thresholds, oof };
    console.log(`\n## ${FOLDS}-fold CV, ${JSON.stringify(o)}\n\nThresholds chosen on the corpus rows' out-of-fold probabilities: ${JSON.stringify(thresholds)}\n`);
    console.log('| source · rule | precision | recall | F1 | TP | FP | FN | TN |\n|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of sources) {
      const keep = (r: TrainingRow): boolean => r.source === s;
      const lex = (r: TrainingRow): Decision => r.lexicon;
      const alone = (_: TrainingRow, i: number): Decision => ((toxic[i] as number) >= thresholds.flag ? 'flag' : 'publish');
      const both = (r: TrainingRow, i: number): Decision => combineDecision(r.lexicon, toxic[i] as number, thresholds).decision;
      console.log(line(`${s} · lexicon alone`, countsOf(rows, lex, keep)));
      console.log(line(`${s} · model alone (CV)`, countsOf(rows, alone, keep)));
      console.log(line(`${s} · combination (CV)`, countsOf(rows, both, keep)));
    }
  }
  if (values.grid === true || chosen === undefined) return;

  const { thresholds, oof } = chosen;
  const figures: Record<string, unknown> = {};
  for (const s of sources) {
    const keep = (r: TrainingRow): boolean => r.source === s;
    const both = f1Of(countsOf(rows, (r, i) => combineDecision(r.lexicon, oof[i]?.[0] as number, thresholds).decision, keep));
    const alone = f1Of(countsOf(rows, (_, i) => ((oof[i]?.[0] as number) >= thresholds.flag ? 'flag' : 'publish'), keep));
    const lex = f1Of(countsOf(rows, (r) => r.lexicon, keep));
    const round = (m: { precision: number; recall: number; f1: number }) => ({ precision: Number(m.precision.toFixed(4)), recall: Number(m.recall.toFixed(4)), f1: Number(m.f1.toFixed(4)) });
    figures[s] = { rows: rows.filter(keep).length, lexicon: round(lex), model: round(alone), combination: round(both) };
  }
  const training = { folds: FOLDS, options: OPTIONS, weights: WEIGHTS, crossValidated: figures };
  const bytes = trainModelBytes(rows, x, OPTIONS, thresholds, training);
  if (values.check === true) {
    const committed = existsSync(outPath) ? new Uint8Array(readFileSync(outPath)) : new Uint8Array();
    if (!isSameModel(committed, bytes)) {
      console.error(`\n${outPath} differs from what training gives: retrain with npm run train.`);
      process.exit(1);
    }
    console.log(`\n${outPath} is exactly what training gives (${bytes.length} bytes).`);
    return;
  }
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, bytes);
  console.log(`\nWrote ${outPath} (${bytes.length} bytes).`);
}

main();
