import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { triageDecision } from '../../src/services/triage.js';

const limits = { flag: 0.4, hold: 0.75 };
const look = (flagged: boolean) => ({ probability: flagged ? 0.8 : 0.2, threshold: 0.5, flagged });

describe('the triage decision', () => {
  const cases: Array<[string, Parameters<typeof triageDecision>[0], string]> = [
    ['a clean comment', { score: 0 }, 'publish'],
    ['a lexicon score at the flag threshold', { score: 0.4 }, 'flag'],
    ['a lexicon score at the hold threshold', { score: 0.75 }, 'hold'],
    ['a comment only the learned layer flags', { score: 0, model: look(true) }, 'flag'],
    ['a comment the layer looked at and let go', { score: 0, model: look(false) }, 'publish'],
    ['a hold the layer also flags (never lowered)', { score: 0.9, model: look(true) }, 'hold'],
  ];
  for (const [what, result, expected] of cases) {
    it(`when ${what}, then the decision is ${expected}`, () => {
      assert.equal(triageDecision(result as Parameters<typeof triageDecision>[0], limits), expected);
    });
  }
});
