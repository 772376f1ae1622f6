import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LexiconEntry } from '../../src/scoring/types.js';
import { builtinModel, createScorer, createScorerFor, MAX_MODEL_EVIDENCE } from '../../src/scoring/index.js';
import { builtinLexicon } from '../../src/scoring/lexicon/index.js';
import { expandPattern } from '../../src/scoring/compile.js';

const LEXICON: readonly LexiconEntry[] = [
  { pattern: 'con(s)', category: 'insult', severity: 1 },
  { pattern: 'connard(e)(s)', category: 'insult', severity: 2 },
  { pattern: 'encul*', category: 'insult', severity: 2 },
  { pattern: 'fils de pute', category: 'insult', severity: 3 },
  { pattern: 'œuvre', category: 'profanity', severity: 1 },
];
// With the learned model (built-in weights) too, so its evidence offsets are checked like lexicon hits.
const scorers = [
  createScorerFor(LEXICON, 'prop'),
  createScorerFor(builtinLexicon, 'builtin'),
  createScorerFor(LEXICON, 'prop+model', { model: builtinModel() }),
  createScorer(),
];

// The lexicon's own forms and words the model weighs, so random text actually hits something.
const forms = [...LEXICON, ...builtinLexicon.slice(0, 200)]
  .flatMap((e) => expandPattern(e.pattern).slice(0, 3))
  .map((seq) => seq.join(' ').replace(/\*/g, 'é'))
  .concat(['pathétique', 'Médiocre', 'bâclé', 'POUBELLE', 'mœurs', 'je connais ta voiture', 'retourne à la cuisine', 'envoie-moi des photos', 'QI d\'huître', 'à bientôt']);

const piece = fc.oneof(
  fc.constantFrom(...forms),
  fc.constantFrom('ŒUVRE', 'enculé', 'c*nnard', 'c o n', 'f.d.p', '****', 'соnnard', 'ｃｏｎ', 'e\u0301', '\u200B', '\u00AD', "t'", '’', 'ﬁ', 'İ', 'ß'),
  fc.constantFrom(' ', '  ', '.', ',', '!', '?', '\n', '*', '#', '@', '$', '0', '1', '3', '-', '_'),
  fc.constantFrom('😀', '👍🏽', '🇫🇷', '𝐜𝐨𝐧', '\uD83D', '\uDE00'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

describe('offsets (property)', () => {
  it('every match is a non-empty in-bounds slice of the original that splits no surrogate pair', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const scorer of scorers) {
          const r = scorer.score(s);
          assert.ok(r.score >= 0 && r.score <= 1);
          for (const m of r.matches) {
            assert.ok(m.start >= 0 && m.start < m.end && m.end <= s.length, `span [${m.start}, ${m.end}) of ${s.length}`);
            assert.equal(s.slice(m.start, m.end), m.text);
            // A pair is split when a span starts on its low half or ends after its high half.
            assert.ok(!(isLow(s.charCodeAt(m.start)) && isHigh(s.charCodeAt(m.start - 1))), 'start splits a pair');
            assert.ok(!(isHigh(s.charCodeAt(m.end - 1)) && isLow(s.charCodeAt(m.end))), 'end splits a pair');
          }
          const fromModel = r.matches.filter((m) => m.source === 'model');
          assert.ok(fromModel.length <= MAX_MODEL_EVIDENCE);
          if (r.model !== undefined && r.model.effect !== 'none' && r.model.effect !== 'lowered') {
            assert.ok(fromModel.every((m) => (m.weight as number) > 0), 'a model flag is explained by words towards toxic');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
