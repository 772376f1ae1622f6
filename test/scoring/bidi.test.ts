import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasBidiControls, originalSpan, visualOrder } from '../../src/scoring/bidi.js';
import { createScorer } from '../../src/scoring/index.js';

describe('bidirectional controls', () => {
  const cases: Array<[string, string, string]> = [
    ['an override reverses what follows', '\u202Edrannoc', 'connard'],
    ['a pop ends the override', 'Salut \u202Eelbuod\u202C, bonjour', 'Salut double, bonjour'],
    ['an isolate reverses up to its end', 'A \u2067ude\u2069 B', 'A edu B'],
    ['a left-to-right override inside a right-to-left one flips back', '\u202Eab\u202Dcd\u202Cef\u202C', 'fecdba'],
    ['a line break ends every run', '\u202Eba\ndc', 'ab\ndc'],
    ['an emoji (two units) stays whole', '\u202Ea😀b', 'b😀a'],
    ['text without controls is unchanged', 'Merci pour cet article', 'Merci pour cet article'],
    ['left-to-right marks and embeddings are dropped', '\u202Aabc\u202C\u2066d\u2069', 'abcd'],
  ];
  for (const [name, input, shown] of cases) {
    it(`when ${name}, then the visual text is what a browser shows`, () => {
      assert.equal(visualOrder(input).text, shown);
    });
  }

  it('when a reversed word is found in the visual text, then its span covers the same stored characters', () => {
    const text = 'Bravo \u202Edrannoc\u202C !';
    const visual = visualOrder(text);
    const start = visual.text.indexOf('connard');
    const [s, e] = originalSpan(visual, start, start + 'connard'.length);
    assert.equal(text.slice(s, e), 'drannoc');
  });

  it('when any text is put in visual order, then every stored non-control unit appears once and positions point at it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\u202E', '\u202C', '\u202B', '\u2067', '\u2069', '\u202D'), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const visual = visualOrder(text);
        const kept = [...text].filter((c) => !hasBidiControls(c)).join('');
        assert.equal(visual.text.length, kept.length);
        assert.equal(visual.positions.length, visual.text.length);
        for (let i = 0; i < visual.text.length; i++) assert.equal(text[visual.positions[i]!], visual.text[i]);
        assert.deepEqual([...new Set(visual.positions)].length, visual.positions.length);
      }),
    );
  });
});

describe('the scorer and bidirectional controls', () => {
  it('when an insult is stored backwards behind a right-to-left override, then it is scored as displayed and its span is the stored characters', () => {
    const scorer = createScorer();
    const displayed = 'Ferme ta gueule, espèce de connard';
    const stored = `\u202E${[...displayed].reverse().join('')}`;
    const plain = scorer.score(displayed);
    const hidden = scorer.score(stored);
    assert.notEqual(plain.decision, 'publish');
    assert.equal(hidden.decision, plain.decision);
    assert.equal(hidden.score, plain.score);
    const match = hidden.matches.find((m) => m.term === plain.matches[0]!.term)!;
    assert.equal([...match.text].reverse().join(''), plain.matches[0]!.text, 'the span covers the reversed word as stored');
  });

  it('when a clean comment holds a bidirectional control, then it stays clean', () => {
    assert.equal(createScorer().score('Merci \u2067pour\u2069 cet article très complet.').decision, 'publish');
  });
});
