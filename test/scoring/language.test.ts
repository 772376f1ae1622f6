import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readsAsEnglish } from '../../src/scoring/language.js';
import { createScorer } from '../../src/scoring/index.js';

describe('the language of a comment', () => {
  const cases: [string, boolean][] = [
    ['Two officers were killed in an attack in the north of the country', true],
    ['Read: three years after the attacks, justice is stalling', true],
    ['You are all idiots and this is a joke', true],
    ['Les autorités assurent que la capitale reste sécurisée.', false],
    ['Téléchargez notre application For you Media dès maintenant', false],
    ['Le match de ce soir, what a joke franchement, je ne regarde plus.', false],
    ['Mdr tonton t trop fort', false],
    ['ok', false],
  ];
  for (const [text, english] of cases) {
    it(`when the comment is "${text}", then it reads as ${english ? 'English' : 'not English'}`, () => {
      assert.equal(readsAsEnglish(text), english);
    });
  }

  it('when a comment is English, then the model abstains and the lexicon decides alone', () => {
    const r = createScorer().score('The soldiers who were killed in the attack have been buried in their villages');
    assert.equal(r.model?.abstained, 'language');
    assert.equal(r.model?.effect, 'none');
    assert.equal(r.decision, createScorer({ learnedLayer: false }).score('The soldiers who were killed in the attack have been buried in their villages').decision);
  });
});
