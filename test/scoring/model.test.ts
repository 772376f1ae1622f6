import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision, LexiconEntry, ModelWeights } from '../../src/scoring/index.js';
import { BUILTIN_MODEL, compileModel, createScorer, createScorerFor, explain, MAX_MODEL_EVIDENCE } from '../../src/scoring/index.js';
import { eachModelWord, modelWords } from '../../src/scoring/model-words.js';
import {
  buildVocabulary, chooseThreshold, crossValidatedProbabilities, modelProbability, trainModel,
  type TrainingSample, type TrainOptions,
} from '../../src/scoring/model-train.js';

const LEXICON: readonly LexiconEntry[] = [
  { pattern: 'con(s)', category: 'insult', severity: 1 },
  { pattern: 'connard(e)(s)', category: 'insult', severity: 2 },
];

/** A hand-made layer: `clown` flags alone, `guignol` does not, `poubelle` is overwhelming. */
const TEST_MODEL: ModelWeights = {
  version: 'test-layer',
  bias: -2,
  threshold: 0.5,
  weights: [['clown', 3], ['guignol', 1], ['minable', 1.5], ['oeuvre', 0.5], ['poubelle', 50], ['ridicule', 2.5]],
};

const withLayer = createScorerFor(LEXICON, 'test', { model: TEST_MODEL });
const lexiconOnly = createScorerFor(LEXICON, 'test');
const RANK: Record<Decision, number> = { publish: 0, flag: 1, hold: 2 };

describe('model words', () => {
  it('when text is read for the layer, then words are folded letter runs with their spans in the original', () => {
    const cases: Array<[string, Array<[string, number, number]>]> = [
      ["L'Œil du Maître", [['oeil', 2, 5], ['du', 6, 8], ['maitre', 9, 15]]],
      ['Nul, nul et archi-nul', [['nul', 0, 3], ['nul', 5, 8], ['et', 9, 11], ['archi', 12, 17], ['nul', 18, 21]]],
      ['c0nnard a 2 ans', [['nnard', 2, 7], ['ans', 12, 15]]], // digits end a word; one letter is no word
      ['😀clown😀', [['clown', 2, 7]]],
      ['', []],
    ];
    for (const [text, expected] of cases) {
      const got: Array<[string, number, number]> = [];
      eachModelWord(text, (w, s, e) => got.push([w, s, e]));
      assert.deepEqual(got, expected, text);
    }
    assert.deepEqual(modelWords('Nul, nul et archi-nul'), ['nul', 'et', 'archi']);
  });
});

describe('training', () => {
  const corpus: TrainingSample[] = [
    ['quel clown ce ministre', true], ['un vrai clown minable', true], ['espèce de clown', true],
    ['minable et ridicule', true], ['tu es ridicule', true], ['ridicule ce guignol', true],
    ['le ministre parle demain', false], ['la réunion est demain', false], ['le clown du cirque arrive demain', false],
    ['un article clair', false], ['merci pour cet article', false], ['le ministre est clair', false],
  ].map(([text, toxic]) => ({ text: text as string, toxic: toxic as boolean, lexiconFlags: false }));
  const VOCAB = new Set(['clown', 'minable', 'ridicule', 'guignol', 'ministre', 'demain']);
  const options: TrainOptions = { minDocumentFrequency: 2, l2: 1e-3, iterations: 200, admits: (w) => VOCAB.has(w), decimals: 4 };

  it('when trained twice on the same rows, then the weights are identical to the last digit', () => {
    const a = trainModel(corpus, options);
    const b = trainModel(corpus, options);
    assert.deepStrictEqual(a, b);
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    assert.deepStrictEqual(crossValidatedProbabilities(corpus, 3, options), crossValidatedProbabilities(corpus, 3, options));
  });

  it('when trained, then only admitted words frequent enough weigh, each > 0, sorted by word', () => {
    const model = trainModel(corpus, options);
    const words = model.weights.map(([w]) => w);
    assert.deepEqual(words, [...words].sort());
    assert.ok(model.weights.every(([, x]) => x > 0));
    assert.ok(words.every((w) => VOCAB.has(w)), words.join());
    assert.ok(!words.includes('guignol'), 'in one row only: under the minimum document frequency');
    const weight = new Map(model.weights);
    assert.ok((weight.get('ridicule') ?? 0) > (weight.get('demain') ?? 0));
    assert.ok(model.bias < 0);
  });

  it('when the lexicon already flags a row, then the layer does not learn from it', () => {
    const extra = { text: 'demain demain clown ministre', toxic: true, lexiconFlags: true };
    assert.deepStrictEqual(trainModel([...corpus, extra], options), trainModel(corpus, options));
  });

  it('when a vocabulary is built, then it keeps words in at least minDf documents that are admitted', () => {
    assert.deepEqual(buildVocabulary([['a', 'b'], ['b', 'c'], ['b', 'c']], 2, (w) => w !== 'c'), ['b']);
  });

  it('when the threshold is chosen, then it is at or above the floor', () => {
    const probabilities = corpus.map((_, i) => (i < 6 ? 0.3 : 0.1));
    assert.ok(chooseThreshold(corpus, probabilities, 0.5).threshold >= 0.5);
  });
});

describe('compiled layer', () => {
  it('when it reads a text, then its probability equals the trainer\'s reference', () => {
    const layer = compileModel(TEST_MODEL);
    const reference = modelProbability(TEST_MODEL);
    for (const text of ['', 'Quel CLOWN !', 'clown clown clown', 'Œuvre minable', "l'oeuvre d'un guignol", 'clowns', 'c1own',
      'Ridicule…ridicule', 'poubelle-clown', 'GUIGNOL minable ridicule', 'ﬁn du clown', 'clowne\u0301']) {
      assert.equal(layer.look(text), reference(text), text);
    }
  });

  it('when weights are invalid, then compiling throws', () => {
    const bad: Array<Partial<ModelWeights>> = [
      { weights: [['Clown', 1]] }, { weights: [['c', 1]] }, { weights: [['clown', 1], ['clown', 2]] },
      { weights: [['clown', 0]] }, { weights: [['clown', -1]] }, { weights: [['ça', 1]] }, { threshold: 1 }, { threshold: 0 },
      { bias: Number.NaN }, { bias: 0 }, // σ(0) = 0.5 reaches the threshold with no word at all
    ];
    for (const b of bad) assert.throws(() => compileModel({ ...TEST_MODEL, ...b }), JSON.stringify(b));
  });

  it('when more words weigh than are reported, then the heaviest few are given, in text order, at their first occurrence', () => {
    const text = 'Guignol, clown, ridicule clown, minable poubelle.';
    const r = withLayer.score(text);
    const model = r.matches.filter((m) => m.source === 'model');
    assert.equal(model.length, MAX_MODEL_EVIDENCE);
    assert.deepEqual(model.map((m) => [m.term, m.start, m.end]), [['clown', 9, 14], ['ridicule', 16, 24], ['poubelle', 40, 48]]);
    for (const m of model) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.equal(m.category, 'insult');
      assert.equal(m.severity, 1);
    }
  });
});

describe('scorer with the layer', () => {
  it('when the layer weighs in, then it can flag but never hold, and the lexicon\'s score stays', () => {
    const cases: Array<[string, Decision, string[]]> = [
      ['Quel clown', 'flag', ['clown']],
      ['POUBELLE poubelle poubelle', 'flag', ['POUBELLE']], // p ≈ 1, still only a flag
      ['Un guignol', 'publish', []], // σ(-1) < 0.5
      ['Le ministre a parlé', 'publish', []],
      ['Œuvre minable et ridicule', 'flag', ['minable', 'ridicule', 'Œuvre']],
    ];
    for (const [text, decision, words] of cases) {
      const r = withLayer.score(text);
      assert.equal(r.decision, decision, text);
      assert.deepEqual(r.matches.filter((m) => m.source === 'model').map((m) => m.text).sort(), words.sort(), text);
      assert.equal(r.score, lexiconOnly.score(text).score, text);
      assert.equal(r.model?.flagged, decision === 'flag', text);
    }
  });

  it('when the lexicon flags or holds, then the layer does not look and nothing changes', () => {
    for (const text of ['Espèce de connard', 'Quel con, ce clown', 'connard, poubelle !', 'les cons']) {
      const lexicon = lexiconOnly.score(text);
      assert.notEqual(lexicon.decision, 'publish', text);
      assert.deepStrictEqual(withLayer.score(text), lexicon, text);
    }
  });

  it('when any text is scored, then the layer never lowers the lexicon\'s decision', () => {
    const scorers = [[withLayer, lexiconOnly], [createScorer(), createScorer({ learnedLayer: false })]] as const;
    for (const text of ['Quel con', 'Espèce de connard', 'clown', 'Bonjour', 'Tu es ridicule, pauvre clown', 'merde alors', '']) {
      for (const [on, off] of scorers) assert.ok(RANK[on.score(text).decision] >= RANK[off.score(text).decision], text);
    }
  });

  it('when a site raises the flag threshold above a lexicon hit, then the layer still flags, keeping the score', () => {
    const strict = createScorerFor(LEXICON, 'test', { model: TEST_MODEL, flagThreshold: 0.5 });
    const r = strict.score('Il a fait le con, ce clown.');
    assert.equal(r.score, 0.45);
    assert.equal(r.decision, 'flag');
    assert.deepEqual(r.matches.map((m) => [m.text, m.source ?? 'lexicon']), [['con', 'lexicon'], ['clown', 'model']]);
  });

  it('when the layer is switched off, then the result has no model part', () => {
    const r = createScorer({ learnedLayer: false }).score('Quelle populace, franchement');
    assert.equal(r.model, undefined);
    assert.equal(createScorerFor(LEXICON, 'test', { model: TEST_MODEL, learnedLayer: false }).score('Quel clown').decision, 'publish');
  });

  it('when explained, then the layer\'s probability and words are shown apart from lexicon hits', () => {
    const text = 'Quel clown';
    const lines = explain(withLayer.score(text), text);
    assert.match(lines, /no lexicon match/);
    assert.match(lines, /learned layer: p 0\.731 ≥ 0\.5 → flag/);
    assert.match(lines, /model word "clown" \[5, 10\) \(clown\)/);
    assert.match(explain(withLayer.score('Un guignol'), 'Un guignol'), /learned layer: p 0\.269 < 0\.5 → no flag/);
  });
});

describe('built-in layer', () => {
  const scorer = createScorer();

  it('when clean news-style sentences are scored, then none is flagged', () => {
    // Written for this test, in the register of a Sahel news site.
    const news = [
      'Le gouvernement de transition a annoncé mardi un nouveau calendrier pour les élections législatives.',
      'Les convois de carburant ont repris la route de Kayes sous escorte militaire après trois jours d’interruption.',
      'Selon le ministère de la Santé, les hôpitaux de la capitale disposent de stocks suffisants jusqu’à la fin du mois.',
      'Des groupes armés ont attaqué un poste de gendarmerie dans la région de Ségou, faisant deux blessés.',
      'La CEDEAO a appelé au dialogue et salué la libération de plusieurs otages.',
      'Le prix du riz a augmenté de quinze pour cent sur les marchés de Bamako depuis le début de la saison sèche.',
      'Les autorités ont démenti les rumeurs d’un encerclement de la ville par les djihadistes.',
      'Le match des Aigles contre le Sénégal aura lieu samedi au stade du 26-Mars.',
      'Plusieurs organisations humanitaires réclament un accès sans entrave aux populations déplacées.',
      'Le président de la transition a reçu les chefs coutumiers au palais de Koulouba.',
      'Une délégation russe est attendue à Niamey pour discuter de coopération militaire.',
      'Les pluies diluviennes ont endommagé des centaines de maisons dans le quartier de Sébénikoro.',
      'Le tribunal a condamné l’ancien ministre à cinq ans de prison pour détournement de fonds publics.',
      'Les enseignants ont suspendu leur grève après un accord sur le paiement des arriérés de salaire.',
      'Le Premier ministre a inauguré un nouveau pont sur le fleuve Niger à Ségou.',
    ];
    for (const text of news) {
      const r = scorer.score(text);
      assert.equal(r.decision, 'publish', `${text} → ${r.matches.map((m) => m.text).join(', ')}`);
      assert.equal(r.model?.flagged, false, text);
    }
  });

  it('when the built-in weights are loaded, then they are a valid, small, explainable layer', () => {
    const layer = compileModel(BUILTIN_MODEL);
    assert.ok(BUILTIN_MODEL.weights.length > 0 && BUILTIN_MODEL.weights.length < 1000);
    assert.ok(BUILTIN_MODEL.threshold >= 0.5);
    assert.ok(layer.look('') < BUILTIN_MODEL.threshold, 'a text with no vocabulary word is never flagged');
  });
});
