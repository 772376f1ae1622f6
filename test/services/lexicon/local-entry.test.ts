import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanWords, LocalEntryError, localEntrySchema, termEntries, validateTerm, type LocalEntryInput } from '../../../src/services/lexicon/local-entry.js';
import { builtinLexicon } from '../../../src/scoring/lexicon/index.js';

const term = (words: string, overrides: Partial<LocalEntryInput> = {}): LocalEntryInput => ({
  kind: 'term',
  words,
  forms: 'exact',
  variants: [],
  category: 'insult',
  severity: 2,
  needsTarget: false,
  ...overrides,
});

describe('a local term as the admin writes it', () => {
  const patterns: Array<[string, LocalEntryInput['forms'], string]> = [
    ['naze', 'exact', 'naze'],
    ['naze', 'plural', 'naze(s)'],
    ['gros', 'plural', 'gros'],
    ['connard', 'gender_plural', 'connard(e)(s)'],
    ['andouille', 'gender_plural', 'andouille(s)'],
    ['tête de nœud', 'plural', 'tête de nœud(s)'],
    ['bouffonn', 'prefix', 'bouffonn*'],
    ["Casse-toi", 'exact', 'casse toi'],
  ];
  for (const [words, forms, pattern] of patterns) {
    it(`when "${words}" is written with forms "${forms}", then its pattern is ${pattern}`, () => {
      assert.equal(termEntries(term(words, { forms }))[0]!.pattern, pattern);
    });
  }

  it('when variants are given, then each spelling becomes an entry with the same forms and category', () => {
    const entries = termEntries(term('naze', { forms: 'plural', variants: ['nase'], category: 'insult', severity: 1 }));
    assert.deepEqual(entries.map((e) => [e.pattern, e.category, e.severity]), [['naze(s)', 'insult', 1], ['nase(s)', 'insult', 1]]);
  });

  it('when a term is valid, then it matches its own inflected and disguised forms', () => {
    const [entry] = validateTerm(term('zigoto', { forms: 'plural' }));
    assert.equal(entry!.pattern, 'zigoto(s)');
  });

  const refused: Array<[string, Partial<LocalEntryInput>, RegExp]> = [
    ['x', {}, /trop court/],
    ['de la', {}, /mots courants/],
    ['tu', {}, /mots courants/],
    ['zig', { forms: 'prefix' }, /au moins 4 lettres/],
    ['c0nnard', {}, /que des lettres/],
    ['con(nard)', {}, /que des lettres/],
    ['.*', {}, /que des lettres/],
    ['zigoto toto', { forms: 'prefix' }, /un seul mot/],
    ['zigoto', { category: null }, /catégorie/],
  ];
  for (const [words, overrides, message] of refused) {
    it(`when the admin enters "${words}", then it is refused with a clear message`, () => {
      assert.throws(() => validateTerm(term(words, overrides)), (err: unknown) => err instanceof LocalEntryError && message.test(err.message));
    });
  }

  it('when words carry capitals, curly apostrophes and extra spaces, then they are cleaned the way text is read', () => {
    assert.equal(cleanWords('  Tête   d’Œuf '), 'tête d œuf');
  });
});

describe('the form and CSV schema of a local entry', () => {
  const longest = builtinLexicon.reduce((a, e) => (e.pattern.length > a.length ? e.pattern : a), '');

  it('when a long built-in pattern is disabled, then the schema takes it whole', () => {
    assert.ok(longest.length > 500, `the longest built-in pattern has ${longest.length} characters`);
    const parsed = localEntrySchema.safeParse({ kind: 'disable', words: longest });
    assert.equal(parsed.success, true);
  });

  it('when a term or an allowed phrase runs past 100 characters, then it is refused on its words', () => {
    for (const kind of ['term', 'allow'] as const) {
      const parsed = localEntrySchema.safeParse({ kind, words: 'mot '.repeat(30) });
      assert.equal(parsed.success, false);
      assert.deepEqual(parsed.error?.issues.map((i) => [i.path.join('.'), i.message]), [['words', '100 caractères au plus']]);
    }
  });
});
