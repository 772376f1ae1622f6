import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScorer, MAX_INPUT_CHARS } from '../../src/scoring/index.js';

const scorer = createScorer();
const MB = 1_000_000;

// Each input is hostile in its own way; the scorer must finish and return a sane result.
// Timing is the benchmark's job (npm run bench); the bound here is only a generous guard.
const cases: Array<[string, () => string]> = [
  ['1 MB of ordinary text with insults', () => 'Quel connard, ce ministre. Il faut reculer. '.repeat(Math.ceil(MB / 44)).slice(0, MB)],
  ['100k repeated letters', () => 'a'.repeat(100_000)],
  ['100k repeated letters inside a word', () => `co${'n'.repeat(100_000)}ard`],
  ['all emoji', () => '😀👍🏽🇫🇷'.repeat(50_000)],
  ['mixed scripts', () => 'соnnаrd ςαlορε ｃｏｎ 中文 عربي עברית '.repeat(20_000)],
  ['100k asterisks', () => '*'.repeat(100_000)],
  ['50k spaced letters a b a b', () => 'a b '.repeat(50_000)],
  ['masked words everywhere', () => 'c*n p**e e#c*lé '.repeat(40_000)],
  ['zero-width characters everywhere', () => 'c\u200Bo\u200Bn '.repeat(100_000)],
  ['combining marks piled up', () => `e${'\u0301'.repeat(100_000)}`],
  ['lone surrogates', () => '\uD83D'.repeat(50_000) + '\uDE00'.repeat(50_000)],
];

describe('pathological inputs', () => {
  for (const [name, make] of cases) {
    it(`${name}: completes with a sane result`, () => {
      const text = make();
      const t0 = performance.now();
      const r = scorer.score(text);
      const ms = performance.now() - t0;
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
      assert.ok(r.score >= 0 && r.score <= 1);
      assert.ok(['publish', 'flag', 'hold'].includes(r.decision));
      assert.equal(r.truncated === true, text.length > MAX_INPUT_CHARS);
      for (const m of r.matches) assert.equal(text.slice(m.start, m.end), m.text);
    });
  }
});
