import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { termLabel } from '../../src/http/views/term-label.js';

describe('termLabel', () => {
  const cases: Array<[string, string, string]> = [
    ['a short pattern stays whole', 'connard(e)(s)', 'connard(e)(s)'],
    ['short alternatives stay whole', 'ta/vos gueule/gueules', 'ta/vos gueule/gueules'],
    ['long slots keep their first two alternatives',
      'arabes/noirs/juifs/musulmans sont des terroristes/voleurs/violeurs/criminels/bandits',
      'arabes/noirs/… sont des terroristes/voleurs/…'],
    ['a slot of two alternatives in a long pattern stays whole',
      'je/j vais/va te/t/vous tuer/crever/buter/flinguer/égorger/saigner',
      'je/j vais/va te/t/… tuer/crever/…'],
  ];
  for (const [name, pattern, expected] of cases) {
    it(name, () => assert.equal(termLabel(pattern), expected));
  }
});
