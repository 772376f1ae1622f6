import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import type { Decision, LexiconEntry, ModelThresholds } from '../../src/scoring/index.js';
import {
  builtinModel, combineDecision, compileModel, createScorer, createScorerFor, encodeModelFile, explain, MAX_MODEL_EVIDENCE,
  MODEL_HEADS, parseModelFile,
} from '../../src/scoring/index.js';
import { FeatureBuffer, readFeatures } from '../../src/scoring/model-features.js';
import { builtinModelPath } from '../../src/scoring/builtin-model.js';
import { chooseThresholds, featurize, isSameModel, trainModelBytes, type TrainingRow, type TrainOptions } from '../../src/scoring/model-train.js';

const LEXICON: readonly LexiconEntry[] = [
  { pattern: 'con(s)', category: 'insult', severity: 1 },
  { pattern: 'connard(e)(s)', category: 'insult', severity: 2 },
];
const lexicon = createScorerFor(LEXICON, 'test');

/** Words of the original text the feature reader saw, with their spans. */
function wordsOf(text: string): Array<[string, number, number]> {
  const buffer = new FeatureBuffer();
  buffer.keepText = true;
  const f = readFeatures(text, buffer);
  return Array.from({ length: f.words }, (_, i) => [f.wordText[i] as string, f.wordStart[i] as number, f.wordEnd[i] as number]);
}

describe('model features', () => {
  const cases: Array<[string, string, Array<[string, number, number]>]> = [
    ['accents and case fold, spans stay in the original', 'Élève ÉTÉ', [['eleve', 0, 5], ['ete', 6, 9]]],
    ['œ folds to two letters, its span is one unit', 'Cœur sœur', [['coeur', 0, 4], ['soeur', 5, 9]]],
    ['leet is decoded inside a word with letters', 'c0nn4rd 2024', [['connard', 0, 7]]],
    ['stretched letters shrink to two', 'nuuuuul', [['nuul', 0, 7]]],
    ['masks inside a word become *', 'abr*ti', [['abr*ti', 0, 6]]],
    ['a run of masks alone is one masked word', 'quel ****', [['quel', 0, 4], ['*', 5, 9]]],
    ['spaced letters are also read glued', 'c o n', [['c', 0, 1], ['o', 2, 3], ['n', 4, 5], ['con', 0, 5]]],
    ['a combining accent keeps the span of its letter', 'cafe\u0301 noir', [['cafe', 0, 5], ['noir', 6, 10]]],
    ['an elision apostrophe ends a word', "t'es nul", [['t', 0, 1], ['es', 2, 4], ['nul', 5, 8]]],
  ];
  for (const [what, text, expected] of cases) {
    it(`when ${what}, then the words are read as expected`, () => {
      assert.deepEqual(wordsOf(text), expected);
    });
  }

  it('when the same text is read twice, then its features are the same hashes in the same order', () => {
    const a = readFeatures('Je connais ta voiture et ton quartier.', new FeatureBuffer());
    const first = Array.from(a.hashes.subarray(0, a.count));
    const b = readFeatures('Je connais ta voiture et ton quartier.', new FeatureBuffer());
    assert.deepEqual(Array.from(b.hashes.subarray(0, b.count)), first);
    // Word, pair with the previous word, n-grams of 3..5 over `<word>`: `je` gives `<je`, `je>`, `<je>`.
    assert.ok(first.length > 7 * 3);
  });
});

/** A tiny synthetic training set: threats of one shape, quotations of another, plain chat. */
function syntheticRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  const add = (text: string, toxic: 0 | 1, threat: 0 | 1): void => {
    rows.push({ text, labels: [toxic, 0, threat, 0, 0], weight: 1, source: 'synthetic', lexicon: lexicon.score(text).decision, tunes: true });
  };
  const places = ['ta voiture', 'ton quartier', 'ta maison', 'ton école', 'ta rue', 'ton travail', 'ton garage', 'ton immeuble'];
  const words = ['match', 'marché', 'journal', 'concert', 'budget', 'ministre', 'festival', 'chantier'];
  places.forEach((p, i) => {
    add(`je sais où est ${p}, fais attention à toi`, 1, 1);
    add(`on connaît ${p}, tu vas le regretter`, 1, 1);
    add(`super soirée au con de ${p}, merci à tous`, 0, 0);
    add(`le ${words[i]} était bien, merci pour l'article`, 0, 0);
    add(`le ${words[i]} commence demain, qui vient ?`, 0, 0);
  });
  return rows;
}

const OPTIONS: TrainOptions = { bucketsLog2: 12, norm: 'mean', epochs: 30, l2: 1e-6, learningRate: 0.5, seed: 7 };
const THRESHOLDS: ModelThresholds = { flag: 0.6, hold: 0.9, clear: 0.2 };

function trainSynthetic(rows = syntheticRows()): Uint8Array {
  return trainModelBytes(rows, featurize(rows.map((r) => r.text)), OPTIONS, THRESHOLDS, { note: 'synthetic' });
}

describe('training', () => {
  it('when the same rows are trained twice, then the model files are byte-identical (--check passes)', () => {
    const a = trainSynthetic();
    const b = trainSynthetic();
    assert.ok(isSameModel(a, b));
  });

  it('when one row changes, then the trained file differs and --check fails', () => {
    const rows = syntheticRows();
    const changed = rows.map((r, i) => (i === 0 ? { ...r, text: `${r.text} vraiment` } : r));
    assert.equal(isSameModel(trainSynthetic(rows), trainSynthetic(changed)), false);
    const truncated = trainSynthetic().subarray(0, 100);
    assert.equal(isSameModel(trainSynthetic(), truncated), false);
  });

  it('when thresholds are chosen, then flag is within the allowed range and clear below it', () => {
    const rows = syntheticRows();
    const toxic = rows.map((r) => (r.labels[0] === 1 ? 0.95 : 0.05));
    const t = chooseThresholds(rows, toxic);
    assert.ok(t.flag >= 0.5 && t.flag <= t.hold && t.clear < t.flag, JSON.stringify(t));
  });
});

describe('the model file', () => {
  it('when a file is encoded and parsed, then it is the same model, and a changed weight changes the version', () => {
    const file = parseModelFile(trainSynthetic());
    assert.match(file.version, /^fr-model-[0-9a-f]{8}$/);
    assert.deepEqual(file.heads.map((h) => h.name), MODEL_HEADS);
    assert.equal(file.weights.length, MODEL_HEADS.length << OPTIONS.bucketsLog2);
    const weights = file.weights.slice();
    weights[0] = (weights[0] as number) === 1 ? 2 : 1;
    const other = parseModelFile(encodeModelFile({ ...file, weights }));
    assert.notEqual(other.version, file.version);
  });

  it('when a file is edited or cut, then parsing refuses it', () => {
    const bytes = trainSynthetic();
    const edited = bytes.slice();
    edited[edited.length - 1] = ((edited[edited.length - 1] as number) + 1) & 0xff;
    assert.throws(() => parseModelFile(edited), /does not match its version/);
    assert.throws(() => parseModelFile(bytes.subarray(0, bytes.length - 1)), /do not match its header/);
    assert.throws(() => parseModelFile(new Uint8Array(16)), /not a Crible model file/);
  });

  it('when the built-in model loads, then it is a small file with every head and valid thresholds', () => {
    const size = statSync(builtinModelPath()).size;
    assert.ok(size <= 25 * 1024 * 1024, `${size} bytes`);
    const m = builtinModel();
    assert.deepEqual(m.heads.map((h) => h.name), MODEL_HEADS);
    assert.ok(m.thresholds.clear < m.thresholds.flag && m.thresholds.flag <= m.thresholds.hold);
    assert.ok(createScorer().lexiconVersion.endsWith(`/${m.version}`), 'the scorer version names the model');
    assert.equal(createScorer({ learnedLayer: false }).lexiconVersion.includes('/'), false);
  });

  it('when the built-in scorer scores a text twice, then the results are deep-equal', () => {
    const scorer = createScorer();
    for (const text of ['Je connais ta voiture et ton quartier. À bientôt.', 'Le match était superbe hier soir.', 'Espèce de connard']) {
      assert.deepStrictEqual(scorer.score(text), scorer.score(text));
    }
  });
});

describe('the combination', () => {
  const t: ModelThresholds = { flag: 0.7, hold: 0.9, clear: 0.1 };
  const cases: Array<[Decision, number, Decision, string]> = [
    ['publish', 0.5, 'publish', 'none'],
    ['publish', 0.75, 'flag', 'flag'],
    ['publish', 0.95, 'hold', 'hold'],
    ['flag', 0.95, 'hold', 'hold'],
    ['hold', 0.95, 'hold', 'none'],
    ['flag', 0.75, 'flag', 'none'],
    ['flag', 0.05, 'publish', 'lowered'],
    ['hold', 0.05, 'flag', 'lowered'],
    ['publish', 0.05, 'publish', 'none'],
  ];
  for (const [lex, p, decision, effect] of cases) {
    it(`when the lexicon says ${lex} and the model ${p}, then ${decision} (${effect})`, () => {
      assert.deepEqual(combineDecision(lex, p, t), { decision, effect });
    });
  }

  const model = parseModelFile(trainSynthetic());
  const scorer = createScorerFor(LEXICON, 'test', { model });

  it('when the model alone is confident of a threat, then it flags or holds with its words, offsets into the original', () => {
    const text = 'Je sais où est ta voiture, fais attention à toi';
    const r = scorer.score(text);
    assert.equal(lexicon.score(text).decision, 'publish');
    assert.ok(r.model !== undefined && r.model.probabilities.toxic >= THRESHOLDS.flag, JSON.stringify(r.model));
    assert.ok(r.decision === 'flag' || r.decision === 'hold');
    assert.equal(r.model.effect, r.decision);
    const words = r.matches.filter((m) => m.source === 'model');
    assert.ok(words.length > 0 && words.length <= MAX_MODEL_EVIDENCE);
    for (const m of words) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.ok((m.weight as number) > 0);
    }
    assert.equal(r.categories.threat, r.model.probabilities.threat, 'its threat head counts where it decided alone');
    assert.match(explain(r, text), /model word ".+" \[\d+, \d+\) towards toxic/);
  });

  it('when the model is confident a lexicon hit is innocent, then the hit is lowered and shown as such', () => {
    const text = 'Super soirée au con de ta rue, merci à tous';
    const lex = lexicon.score(text);
    assert.notEqual(lex.decision, 'publish');
    const r = scorer.score(text);
    assert.ok(r.model !== undefined && r.model.probabilities.toxic <= THRESHOLDS.clear, JSON.stringify(r.model));
    assert.equal(r.model.effect, 'lowered');
    assert.equal(r.decision, lex.decision === 'hold' ? 'flag' : 'publish');
    assert.ok(r.matches.some((m) => m.source !== 'model' && m.text === 'con'), 'the lexicon keeps its span');
    const clean = r.matches.filter((m) => m.source === 'model');
    assert.ok(clean.length > 0 && clean.every((m) => (m.weight as number) < 0 && text.slice(m.start, m.end) === m.text));
    assert.match(explain(r, text), /lowered a lexicon hit/);
  });

  it('when a site sets model thresholds on the scorer, then they apply', () => {
    const strict = createScorerFor(LEXICON, 'test', { model, modelThresholds: { flag: 0.99, hold: 1, clear: 0 } });
    const text = 'Je sais où est ta voiture, fais attention à toi';
    assert.equal(strict.score(text).decision, 'publish');
    assert.throws(() => createScorerFor(LEXICON, 'test', { model, modelThresholds: { flag: 0.3, hold: 1, clear: 0 } }), RangeError);
  });

  it('when a comment is scored, then a compiled model gives a probability per head', () => {
    const p = compileModel(model).look('bonjour à tous');
    assert.deepEqual(Object.keys(p).sort(), [...MODEL_HEADS].sort());
    for (const h of MODEL_HEADS) assert.ok(p[h] >= 0 && p[h] <= 1);
  });
});

describe('model features, regressions', () => {
  it('when a text starts with a one-letter word, then no glued word borrows the previous text\'s span', () => {
    const buffer = new FeatureBuffer();
    buffer.keepText = true;
    readFeatures('un texte bien plus long que le suivant, avec des mots', buffer);
    const f = readFeatures('f.d.p', buffer);
    const spans = Array.from({ length: f.words }, (_, i) => [f.wordText[i], f.wordStart[i], f.wordEnd[i]]);
    assert.deepEqual(spans, [['f', 0, 1], ['d', 2, 3], ['p', 4, 5], ['fdp', 0, 5]]);
  });
});
