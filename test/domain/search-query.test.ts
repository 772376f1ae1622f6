import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SEARCH_TERMS, foldSearchText, parseSearchQuery } from '../../src/domain/search-query.js';
import { fts5Query, tsQueryText } from '../../src/db/full-text.js';

const CASES: Array<[string, string, Array<{ words: string[]; prefix: boolean }>]> = [
  ['one word, accents and case folded', 'Élu', [{ words: ['elu'], prefix: false }]],
  ['several words, each a term', 'élu  Bamako', [{ words: ['elu'], prefix: false }, { words: ['bamako'], prefix: false }]],
  ['a quoted phrase', '"Ta  Gueule"', [{ words: ['ta', 'gueule'], prefix: false }]],
  ['an unclosed quote runs to the end', '"ferme ta', [{ words: ['ferme', 'ta'], prefix: false }]],
  ['a prefix', 'modér*', [{ words: ['moder'], prefix: true }]],
  ['a prefix ending a phrase', '"ta gueu*"', [{ words: ['ta', 'gueu'], prefix: true }]],
  ['a one-letter prefix is the letter', 'a*', [{ words: ['a'], prefix: false }]],
  ['words joined by punctuation are a phrase', "l'axe Kayes-Bamako", [{ words: ['l', 'axe'], prefix: false }, { words: ['kayes', 'bamako'], prefix: false }]],
  ['ligatures spelled out', 'Œuvre cæcum', [{ words: ['oeuvre'], prefix: false }, { words: ['caecum'], prefix: false }]],
  ['no letter, no term', '"" * -- ?', []],
  ['query syntax is only text', 'a OR b NOT "c"', [{ words: ['a'], prefix: false }, { words: ['or'], prefix: false }, { words: ['b'], prefix: false }, { words: ['not'], prefix: false }, { words: ['c'], prefix: false }]],
];

describe('the search box syntax', () => {
  for (const [name, text, expected] of CASES) {
    it(`when given ${name} (${JSON.stringify(text)}), then the terms are ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseSearchQuery(text), expected);
    });
  }

  it('when given more terms than the limit, then the first ones are kept', () => {
    const words = Array.from({ length: MAX_SEARCH_TERMS + 3 }, (_, i) => `m${String.fromCharCode(97 + i)}`);
    assert.deepEqual(parseSearchQuery(words.join(' ')).map((term) => term.words[0]), words.slice(0, MAX_SEARCH_TERMS));
  });

  it('when folding, then case, accents and ligatures are gone', () => {
    assert.equal(foldSearchText('ÉLU Çà Œuvre Noël'), 'elu ca oeuvre noel');
  });

  it('when written for each database, then phrases, prefixes and the tab are in its own syntax', () => {
    const terms = parseSearchQuery('"ta gueule" élu* Bamako');
    assert.equal(fts5Query(terms), '{body author title} : ("ta gueule" AND "elu" * AND "bamako")');
    assert.equal(fts5Query(terms, ['held', 'flagged']), '{body author title} : ("ta gueule" AND "elu" * AND "bamako") AND (status : "held" OR status : "flagged")');
    assert.equal(tsQueryText(terms), "('ta' <-> 'gueule') & 'elu':* & 'bamako'");
  });
});
