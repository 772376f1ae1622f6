import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { triageDecision } from '../../src/services/triage.js';
import type { Match } from '../../src/scoring/index.js';

const limits = { flag: 0.4, hold: 0.75 };
const modelThresholds = { flag: 0.7, hold: 0.9, clear: 0.1 };
const look = (toxic: number) => ({
  version: 'test', probabilities: { toxic, insult: 0, threat: 0, identity_attack: 0, sexual: 0 }, thresholds: modelThresholds, effect: 'none' as const,
});

const swear = (context: Match['context']): Match => ({ term: 'merde(s)', category: 'profanity', severity: 1, start: 0, end: 5, text: 'merde', ...(context && { context }) });

describe('the triage decision', () => {
  const cases: Array<[string, Omit<Parameters<typeof triageDecision>[0], 'matches'> & { matches?: Match[] }, string]> = [
    ['a clean comment', { score: 0 }, 'publish'],
    ['a lexicon score at the flag threshold', { score: 0.4 }, 'flag'],
    ['a lexicon score at the hold threshold', { score: 0.75 }, 'hold'],
    ['a comment only the model finds toxic', { score: 0, model: look(0.8) }, 'flag'],
    ['a comment the model is sure of, the lexicon silent', { score: 0, model: look(0.95) }, 'hold'],
    ['a comment the model looked at and let go', { score: 0, model: look(0.5) }, 'publish'],
    ['a lexicon hold the model is unsure of', { score: 0.9, model: look(0.5) }, 'hold'],
    ['a lexicon hold the model is sure is clean (lowered one step)', { score: 0.9, model: look(0.05) }, 'flag'],
    ['a lexicon flag the model is sure is clean (lowered to publish)', { score: 0.5, model: look(0.05) }, 'publish'],
    ['profanity aimed at no one that the model is sure of (a flag at most, never a hold)', { score: 0.42, model: look(0.95), matches: [swear('no_target')] }, 'flag'],
    ['profanity aimed at no one that the model does not find toxic (the low flag stays)', { score: 0.42, model: look(0.5), matches: [swear('no_target')] }, 'flag'],
    ['a self-directed insult the model is sure of', { score: 0.1, model: look(0.95), matches: [swear('self_directed')] }, 'flag'],
    ['a direct insult the model is sure of', { score: 0.42, model: look(0.95), matches: [swear(undefined)] }, 'hold'],
  ];
  for (const [what, result, expected] of cases) {
    it(`when ${what}, then the decision is ${expected}`, () => {
      assert.equal(triageDecision({ matches: [], ...result }, limits), expected);
    });
  }
  it('when the model abstained (the comment is not French), then the lexicon decides alone', () => {
    const english = { ...look(0.99), abstained: 'language' as const };
    assert.equal(triageDecision({ score: 0, model: english, matches: [] }, limits), 'publish');
    assert.equal(triageDecision({ score: 0.5, model: english, matches: [] }, limits), 'flag');
  });
  it('when the site sets its own model thresholds, then they replace the ones the scorer applied', () => {
    const result = { score: 0, model: look(0.8), matches: [] };
    assert.equal(triageDecision(result, limits), 'flag');
    assert.equal(triageDecision(result, { ...limits, model: { flag: 0.85, hold: 0.95, clear: 0.1 } }), 'publish');
    assert.equal(triageDecision(result, { ...limits, model: { flag: 0.6, hold: 0.75, clear: 0.1 } }), 'hold');
  });
});
