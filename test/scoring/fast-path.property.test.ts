import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { builtinModel, createScorer, createScorerFor, expandPattern } from '../../src/scoring/index.js';
import { builtinLexicon, LEXICON_VERSION } from '../../src/scoring/lexicon/index.js';

// The fast scan must never change a result: same scores with and without it, deep-equal — the
// learned model's part included.
const fast = createScorer();
const full = createScorerFor(builtinLexicon, LEXICON_VERSION, { fastPath: false, model: builtinModel() });

function assertSame(text: string): void {
  assert.deepStrictEqual(fast.score(text), full.score(text), `fast path changed the result of ${JSON.stringify(text)}`);
}

// Every lexicon form (prefixes get an ending), so random text hits single words and phrases.
const forms = [...new Set(builtinLexicon.flatMap((e) => expandPattern(e.pattern).slice(0, 4))
  .map((seq) => seq.join(' ').replace(/\*/g, 'é')))];
const ordinary = [
  'le', 'la', 'les', 'des', 'de', 'un', 'une', 'et', 'tu', 'toi', 'vous', 'votre', 'ta', 'te', 'ton', 'ce', 'cette',
  'gouvernement', 'ministre', 'journée', 'bonne', 'article', 'commentaire', 'sécurité', 'école', 'cœur', 'sœur',
  'œuvre', 'ban', 'dits', 'pu', 'con', 'concert', 'conseil', 'espèce', 'bande', 'sale', 'quel', 'vraiment', 'est',
  'sont', 'êtes', 'fils', 'va', 'faire', 'dans', 'comme', 'tous', 'rien', 'homme', 'femmes', 'arabes', 'noirs',
  // Words a model weighs, some with accents or œ where French writes them.
  'ferme', 'fermez', 'tais', 'taisez', 'porte', 'pathétique', 'ridicule', 'Populace', 'bâclé', 'médiocre', 'cœur', 'POUBELLE',
];
const LEET: Record<string, string> = { o: '0', i: '1', e: '3', a: '4', s: '5', t: '7' };
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у' };
const ACCENTS: Record<string, string> = { e: 'é', a: 'à', u: 'ù', i: 'î', o: 'ô', c: 'ç' };

/** Rewrites a word the ways people dodge filters; `k` picks the position, `how` the trick. */
function disguise(word: string, how: number, k: number): string {
  const at = word.length === 0 ? 0 : k % word.length;
  const swap = (table: Record<string, string>): string =>
    [...word].map((c, i) => (i === at || i === (at + 2) % word.length ? (table[c] ?? c) : c)).join('');
  switch (how) {
    case 0: return word.slice(0, at) + '*#@$_.'[k % 6] + word.slice(at + 1); // masked letter
    case 1: return swap(LEET);
    case 2: return [...word].join(k % 2 === 0 ? ' ' : '.'); // spaced letters
    case 3: return `${word.slice(0, at)} ${word.slice(at)}`; // split word
    case 4: return word.slice(0, at) + (word[at] ?? '').repeat(3 + (k % 3)) + word.slice(at + 1); // repeated letter
    case 5: return swap(CYRILLIC);
    case 6: return word.slice(0, at) + ['\u200B', '\u00AD', '\u200D', '\uFEFF'][k % 4] + word.slice(at); // invisible
    case 7: return word.toUpperCase();
    case 8: return swap(ACCENTS);
    case 9: return `${["t'", "l'", "qu'", 'd’', "j'"][k % 5]}${word}`; // elision
    case 10: return word.replace(/oe/g, 'œ').replace(/ae/g, 'æ');
    case 11: return word[0] === undefined ? word : word[0].toUpperCase() + word.slice(1);
    default: return word;
  }
}

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...forms) },
  { weight: 3, arbitrary: fc.constantFrom(...ordinary) },
);
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 4, arbitrary: fc.tuple(word, fc.nat(13), fc.nat(100)).map(([w, how, k]) => disguise(w, how, k)) },
  { weight: 1, arbitrary: fc.constantFrom('****', '#@!%', '$$$', '%&!', '!!!', '@paul', '2020', '100 %', 'ｃｏｎ', 'e\u0301', '😀', 'ﬁ') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '. ', '! ', '?', '\n', '-', "'", '.', '!', '%', '&', '\t', '');
const text = fc.array(fc.tuple(piece, separator), { maxLength: 14 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));
// Mostly ordinary words with one disguised form: texts the fast scan must not wave through.
const sparse = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...ordinary), separator), { maxLength: 8 }),
  fc.tuple(fc.constantFrom(...forms), fc.nat(13), fc.nat(100)).map(([w, how, k]) => disguise(w, how, k)),
  fc.array(fc.tuple(fc.constantFrom(...ordinary), separator), { maxLength: 8 }),
).map(([a, d, b]) => `${a.map(([p, s]) => p + s).join('')} ${d} ${b.map(([p, s]) => p + s).join('')}`);

// Plain words, numbers and punctuation only: texts the fast scan hands to the id matcher (word-match.ts)
// instead of the tokenizer, so its hits, allow phrases, sentences, markers and vocatives are compared.
const plainPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...forms) },
  { weight: 4, arbitrary: fc.constantFrom(...ordinary, 'vladimir', 'putin', 'hé', 'bah', 'espèce', 'sales', 'ces', 'êtes', 'sont', 'tous', 'juifs', 'arabe') },
  { weight: 1, arbitrary: fc.constantFrom('2020', '100', '3', 'P.S.', 'N.B.', 'etc.', 'M.', 'J.-C.', 'U.S.A', 'p.d', 'p.d.', "t'", "l'", 'Qu’', '«', '»', '…') },
);
const plainSeparator = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '. ', ' ! ', '?', '\n', '\r\n', ' - ', "'", '.', '!', ',', '\t', ' : ', ' ; ', '\u00a0', ' '.repeat(20), ',,,,,,,,,,,,,,,,,,. ');
const plain = fc.array(fc.tuple(plainPiece, plainSeparator), { maxLength: 16 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

// Pieces the fast scan now reads with the tokenizer (decoded rows) instead of falling back: digits
// touching letters, `@name`, `* _ $ # @` in and around words, squeezed letters, œ/æ and `…`.
const decodedPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(
    '10h', '1er', '1ers', '2e', '3ème', '20h30', '1/2', 'x2', 'CO2', '54ish', '71e', 'b4', 'm3', 'h2o', '4x4', '5e', 'n1', 'l33t',
    'c0nnard', '5alope', '3nculé', 'p3d3', 'c0n', 'b4tard', 'd1ts', 'd3', 't0i', 'v0us', 'p0ur', 'put1n', 'vl4dimir', 'm3rde', 's4l3',
  ) },
  { weight: 2, arbitrary: fc.constantFrom(
    '@paul', '@marc', '@', '-@', '@ ', 'a-@b', '!@paul', 'at@t', 'paul@', '@con', '@@x', '#1', '#tag', 'page#ancre',
    '*', '**', '***', '* *', '_', '__', '- _ -', '_plus_', 'est_ce', '40 $', '$', '$$', '$$$', '5$', '$5', 'c*nnard', 'p***', 'p*te',
    'con!*', 'h&amp', 'oui!non', 'mer!de', '*bizarre*', 'plus**', 'co*', 'daniel*', 'Red*', 'années*', 'm*', 'c*', 'f***',
    'kropotkine_', 'Trappes#Toponymie', 'em***d', 'f**teur', 'aca-b**e',
  ) },
  { weight: 2, arbitrary: fc.constantFrom(
    'connnnard', 'saaalope', 'hahaha', 'noooon', 'mdrrr', 'loool', 'ahhh', 'ohhh', 'sooo', 'seuleee', 'creee', 'grrr', 'wwww',
    'meeerde', 'puuute', 'coooon', 'tuuu', 'vouuus', 'deee', 'llle', 'créée', 'agréée', 'crééée', 'baaan', 'baaandits', 'cooonnard',
  ) },
  { weight: 2, arbitrary: fc.constantFrom(
    'cœur', 'sœur', 'œuvre', 'Œuvre', 'manœuvre', "d'œil", 'nœud', 'bœuf', 'œufs', 'ex æquo', 'Lætitia', 'cæcum', 'sœœœ', 'ooœ',
    '…', 'mot…', '…mot', 'a…b', 'quoi…', '!…', 'c…o…n', 'con…nard',
  ) },
);
// Decoded pieces mixed with lexicon forms, single letters and ordinary words, glued by tricky separators.
const decodedWord = fc.oneof(
  { weight: 3, arbitrary: decodedPiece },
  { weight: 2, arbitrary: fc.constantFrom(...forms) },
  { weight: 2, arbitrary: fc.constantFrom(...ordinary, 'ban', 'le', 'de', 'espèce', 'sale', 'vladimir', 'putin', 'ah', 'hé') },
  { weight: 1, arbitrary: fc.constantFrom('c', 'o', 'n', 'a', 'r', 'd', 'y', 't', 'il') },
);
const decodedSeparator = fc.constantFrom(' ', ' ', ' ', '. ', '.', ', ', ' ! ', '!', '-', "'", '\n', '…', ' … ', '*', '_', '@', '$', '', '  ');
const decoded = fc.array(fc.tuple(decodedWord, decodedSeparator), { maxLength: 14 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('fast path (property)', () => {
  it('when a text has leet, mentions, symbols, squeezed letters, œ or …, then the fast scan scores it like the full pipeline', () => {
    fc.assert(fc.property(decoded, (s) => assertSame(s)), { numRuns: 6000 });
  });

  it('when a text is plain words and punctuation, then the id matcher scores it like the full pipeline', () => {
    fc.assert(fc.property(plain, (s) => assertSame(s)), { numRuns: 4000 });
  });

  it('when the fast scan runs, then every result equals the full pipeline\'s', () => {
    fc.assert(fc.property(text, (s) => assertSame(s)), { numRuns: 3000 });
  });

  it('when one disguised form hides among ordinary words, then the result equals the full pipeline\'s', () => {
    fc.assert(fc.property(sparse, (s) => assertSame(s)), { numRuns: 3000 });
  });

  it('when a text is a regression case of the fast scan, then it scores like the full pipeline', () => {
    for (const s of [
      '$$$', '$!$', 'oui!tu', 'merci!vous', '5%tu', 'des ban dits', 'c o n n a r d', 'c.nnard', 'connnnard', 'соnnard',
      'Quel con!', 'fils de pute', 'fils,,,,,,,,,,,,,,,,,,,. de pute', 'va te faire foutre', 'tu es un naze', '',
      'Ferme-la !', 'Ferme la porte', 'tais-toi', 'Tais toi et écoute.', 'Taisez-vous, ferme la',
      'Ta vache est malade.', 'Tes porcs sont gras, tu es un porc.', 'Votre rat', 'ton sale porc',
      'Bonne journée à vous', 'conn ard', 'co nnard', '@marc tu as tort', 'l’œuvre', 'encul!_!', 'vladimir putin', 'Putin a dit', 'a b c',
      // A dot is never a mask (the P.S. regression), on both paths.
      'P.S. : Je suis un perdant', "p.s. je t'aime", 'N.B. : lisez', 'etc. Toi', 'M. Dupont', 'J.-C.', 'U.S.A', "t'es un p.d", "t'es un p.d.",
      'f.d.p', 'c.o.n.n.a.r.d', 'Bien.Contre tout', 'le P.D.G. a parlé',
      // Plain texts the id matcher scores: hits, markers, vocatives, sentences, numbers, allow phrases.
      'Espèce de connard', 'Hé, connard !', 'bande de connards', 'vous êtes des cons', 'ces sales arabes', 'les abrutis',
      'Connard. Tu es là', 'en 2020 ces connards', 'fils de pute', 'Quel con', 'sale con', 'sales cons', 'Putin et vladimir putin',
      'tu es un con\nmais bon', 'con, va', 'oui, con !',
      // Pieces the fast scan reads with the tokenizer: they must stay inert, or fall back.
      'rdv à 10h', 'le 1er mai', 'le 2e tour', '20h30', 'x2', 'ce c0nnard', 'sale 5alope', '3nculé', 'ban d1ts', 'le CO2.',
      '@paul tu as tort', 'merci @marc', '-@ toi', 'a-@b', 'at@t', '40 $ avant', '* bizarre *', '- _ -', 'c*nnard', 'p***',
      'connnnard', 'saaalope', 'hahaha', 'noooon', 'mdrrr', 'ahhh connard', 'il n y a', 'y a-t-il', 'c o n', 't a r é',
      'cœur de connard', 'clin d’œil', 'bœufs', 'quoi… connard', 'mot…\nconnard', ',,,,,,,,,,,,,,…connard',
      'elle est créée', 'créée tin', 'baaan dits', 'b4n dits', 'Daniel* a dit', 'la m* de', 'Il n y a', 'c l o w n', 'trou duc',
    ]) assertSame(s);
  });

  const sample = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/eval/fr-toxicity-400.csv');
  const missing = existsSync(sample) ? false : `${sample} not found (it lives next to the repository, not in it)`;
  it('when the comments of the evaluation sample are scored, then the fast path changes none', { skip: missing }, () => {
    const rows = parse(readFileSync(sample, 'utf8'), { relaxQuotes: true, skipEmptyLines: true }) as string[][];
    assert.ok(rows.length > 0);
    for (const row of rows) assertSame(row[1] ?? '');
  });
});
