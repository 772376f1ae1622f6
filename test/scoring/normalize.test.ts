import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, foldText, toOriginalSpan } from '../../src/scoring/normalize.js';
import { tokenize, squeezeVariants } from '../../src/scoring/tokenize.js';

describe('normalize: folding', () => {
  const cases: Array<[string, string, string]> = [
    ['case and accents', 'ÉTÉ Façon', 'ete facon'],
    ['œ expands to two letters', 'Œuvre cœur', 'oeuvre coeur'],
    ['æ expands to two letters', 'Cæsar', 'caesar'],
    ['curly apostrophe becomes straight', 'l’enculé', "l'encule"],
    ['full-width letters via NFKC', 'ｃｏｎｎａｒｄ', 'connard'],
    ['Cyrillic look-alikes', 'соnnаrd', 'connard'],
    ['Greek look-alikes', 'ςαlορε', 'salope'],
    ['Latin small capitals', 'ᴄᴏɴɴᴀʀᴅ', 'connard'],
    ['zero-width space removed', 'con\u200Bnard', 'connard'],
    ['soft hyphen removed', 'sa\u00ADlope', 'salope'],
    ['decomposed accent (e + combining acute)', 'encule\u0301', 'encule'],
    ['emoji kept untouched', 'ok 😀', 'ok 😀'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(normalize(input).text, expected));
  }
  it('foldText folds lexicon words like text', () => assert.equal(foldText('Enculé'), 'encule'));
});

describe('normalize: offset map', () => {
  const cases: Array<[string, string, number, number, [number, number]]> = [
    // name, input, folded start, folded end, expected original span
    ['œ: both folded letters point at the one original char', 'Œuvre', 0, 2, [0, 1]],
    ['whole word after an expansion', 'cœur', 0, 5, [0, 4]],
    ['a combining accent stays inside the span', 'pe\u0301de\u0301', 0, 4, [0, 6]],
    ['zero-width inside a word is covered', 'con\u200Bnard', 0, 7, [0, 8]],
    ['astral chars keep both surrogate units', '😀con', 2, 5, [2, 5]],
  ];
  for (const [name, input, s, e, span] of cases) {
    it(name, () => assert.deepEqual(toOriginalSpan(normalize(input), s, e), span));
  }
});

describe('tokenize: words, elisions, leet, masks', () => {
  const forms = (text: string): string[] => tokenize(normalize(text).text).tokens.map((t) => t.kind === 'word' ? (t.forms[0] ?? t.wildcard ?? '') : `<${t.kind}>`);
  const cases: Array<[string, string, string[]]> = [
    ['elision cuts the elided word off', "t'es l'enculé", ['t', 'es', 'l', 'encule']],
    ['hyphens cut words', 'fils-de-pute', ['fils', 'de', 'pute']],
    ['leet inside a word with letters', 'c0nn4rd s@lope', ['connard', 'salope']],
    ['a number stays a number', 'en 2020', ['en', '<number>']],
    ['inner mask becomes a wildcard', 'c*nnard', ['c?nnard']],
    ['fully masked word', 'un **** de', ['un', '<mask>', 'de']],
    ['symbol swearing is a mask', '#@!% alors', ['<mask>', 'alors']],
    ['one visible letter then masks is a mask', 'p***', ['<mask>']],
    ['punctuation does not stick', 'Naze va!', ['naze', 'va']],
    ['exclamation marks alone are not a mask', 'quoi !!!', ['quoi']],
    ['mention', '@Bob_42 salut', ['<mention>', 'salut']],
    ['dots split (the matcher may glue back)', 'f.d.p', ['f', 'd', 'p']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(forms(input), expected));
  }
  it('elided tokens are marked', () => {
    assert.deepEqual(tokenize("t'es").tokens.map((t) => t.elided), [true, false]);
  });
  it('1 reads as i and as l', () => {
    assert.deepEqual(tokenize('sa1ope').tokens[0]?.forms, ['saiope', 'salope']);
  });
  it('gaps keep punctuation and squash whitespace', () => {
    assert.deepEqual(tokenize('a ,  b\n\nc').gaps, ['', ' ,  ', '\n', '']);
  });
});

describe('tokenize: repeated letters', () => {
  const cases: Array<[string, string, string[]]> = [
    ['no run: unchanged', 'connard', ['connard']],
    ['one run gives 2 and 1 letters', 'connnnard', ['connard', 'conard']],
    ['two runs give every mix', 'connnnaaaard', ['connaard', 'connard', 'conaard', 'conard']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(squeezeVariants(input), expected));
  }
});
