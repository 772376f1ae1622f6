import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LexiconEntry, Target } from '../../src/scoring/types.js';
import { createScorerFor, explain, MAX_INPUT_CHARS } from '../../src/scoring/index.js';
import { scoreHits, hitWeights, type ScoredHit } from '../../src/scoring/score.js';

const LEXICON: readonly LexiconEntry[] = [
  { pattern: 'con(s)/conne(s)', category: 'insult', severity: 1 },
  { pattern: 'connard(e)(s)', category: 'insult', severity: 2 },
  { pattern: 'naze(s)', category: 'insult', severity: 1, needsTarget: true },
  { pattern: 'trouduc(s)', category: 'insult', severity: 2 },
  { pattern: 'crevard(e)(s)', category: 'insult', severity: 1 },
  { pattern: 'idiot(e)(s)', category: 'insult', severity: 1 },
  { pattern: 'bandit(s)', category: 'insult', severity: 1, needsTarget: true },
  { pattern: 'escroc(s)', category: 'insult', severity: 1, needsTarget: true },
  { pattern: 'mangeur(s) de sable', category: 'identity_attack', severity: 2 },
  { pattern: 'ta gueule', category: 'insult', severity: 2 },
  { pattern: 'merde(s)', category: 'profanity', severity: 1 },
  { pattern: 'viol(s)', category: 'sexual', severity: 2, needsTarget: true },
  { pattern: 'je/j\' vais te/vous crever/tuer/buter', category: 'threat', severity: 3 },
];
const scorer = createScorerFor(LEXICON, 'test-1');

describe('score: formula', () => {
  const none = { target: 'none', strong: false, identity: false } as const;
  const person = { target: 'person', strong: true, identity: false } as const;
  const group = { target: 'group', strong: true, identity: true } as const;
  const hit = (term: string, category: ScoredHit['category'], severity: ScoredHit['severity'], target: ScoredHit['target']): ScoredHit =>
    ({ term, category, severity, target });
  const cases: Array<[string, ScoredHit[], number, string]> = [
    ['no hit publishes', [], 0, 'publish'],
    ['one mild untargeted profanity flags', [hit('merde', 'profanity', 1, none)], 0.42, 'flag'],
    ['one mild untargeted insult flags', [hit('con', 'insult', 1, none)], 0.45, 'flag'],
    ['a targeted sev-2 insult holds', [hit('connard', 'insult', 2, person)], 0.8, 'hold'],
    ['an untargeted sev-2 insult flags', [hit('connard', 'insult', 2, none)], 0.65, 'flag'],
    ['the same term twice counts once', [hit('con', 'insult', 1, none), hit('con', 'insult', 1, none)], 0.45, 'flag'],
    ['two distinct mild insults combine', [hit('con', 'insult', 1, none), hit('idiot', 'insult', 1, none)], 0.698, 'flag'],
    ['a sev-3 threat holds', [hit('je vais te tuer', 'threat', 3, person)], 0.99, 'hold'],
    ['identity group adds identity_attack', [hit('cons', 'insult', 1, group)], 0.7, 'flag'],
  ];
  for (const [name, hits, score, decision] of cases) {
    it(name, () => {
      const r = scoreHits(hits, { flag: 0.4, hold: 0.75 });
      assert.equal(r.score, score);
      assert.equal(r.decision, decision);
    });
  }
  it('a person target adds harassment', () => {
    assert.deepEqual(hitWeights(hit('con', 'insult', 1, person)), { insult: 0.6, harassment: 0.6 });
  });
});

describe('score: targets and decisions', () => {
  const cases: Array<[string, string, string, Target]> = [
    ['vocative insult before "?"', 'De quoi tu parles Trouduc ?', 'hold', 'person'],
    ['short exclamation with a needsTarget insult', 'Naze va!', 'flag', 'person'],
    ['needsTarget insult without target does not count', 'Ce film est naze.', 'publish', 'none'],
    ['vocative phrase then second person', 'Mangeur de sable, ta gueule!', 'hold', 'person'],
    ['bande de → group', 'Bande de crevards!', 'flag', 'group'],
    ['copula makes a needsTarget word count', 'Ce sont des ban dits, es crocs.', 'hold', 'group'],
    ['bare article keeps a needsTarget word harmless', 'des bandits armés ont attaqué un convoi', 'publish', 'none'],
    ['news about a crime is not an accusation', 'Il est accusé de viol.', 'publish', 'none'],
    ['espèce de → person', 'Espèce de con', 'flag', 'person'],
    ['plural insult with les → group', 'les cons votent', 'flag', 'group'],
    ['vous + plural → group', 'vous êtes des idiots', 'flag', 'group'],
    ['masked word alone is toxic', '****', 'flag', 'none'],
    ['a second-person question is not toxic', 'Tu étais où le 6 novembre dernier?', 'publish', 'person'],
    ['a plural possessive addresses a group', 'La Russie est propriétaire de vos ressources.', 'publish', 'group'],
    ['a threat holds', 'je vais te tuer', 'hold', 'person'],
    ['an exclamation is not a vocative', 'Merde, j’ai oublié.', 'flag', 'none'],
  ];
  for (const [name, text, decision, target] of cases) {
    it(name, () => {
      const r = scorer.score(text);
      assert.equal(r.decision, decision, JSON.stringify(r));
      assert.equal(r.target, target);
    });
  }
  it('@name turns an insult into harassment', () => {
    const r = scorer.score('@paul idiot');
    assert.equal(r.target, 'person');
    assert.ok(r.categories.harassment > 0);
  });
  it('naming the parent author targets them', () => {
    const r = scorer.score('Jean Dupont est un idiot fini', { parentAuthorName: 'Jean Dupont' });
    assert.equal(r.target, 'person');
    assert.ok(r.categories.harassment > 0);
  });
  it('a group named by an identity word makes an identity attack', () => {
    const r = scorer.score('les africains sont des idiots');
    assert.equal(r.target, 'group');
    assert.ok(r.categories.identity_attack > 0);
  });
});

describe('score: options and result shape', () => {
  it('thresholds come from options', () => {
    const strict = createScorerFor(LEXICON, 'test-1', { flagThreshold: 0.5, holdThreshold: 0.6 });
    assert.equal(strict.score('merde').decision, 'publish');
    assert.equal(strict.score('idiot de connard').decision, 'hold');
  });
  it('invalid thresholds throw', () => {
    assert.throws(() => createScorerFor(LEXICON, 'x', { flagThreshold: 0.9, holdThreshold: 0.5 }), /Invalid thresholds/);
  });
  it('extraEntries are matched', () => {
    const s = createScorerFor(LEXICON, 'test-1', { extraEntries: [{ pattern: 'zozo(s)', category: 'insult', severity: 1 }] });
    assert.deepEqual(s.score('quel zozo').matches.map((m) => m.term), ['zozo(s)']);
    assert.equal(s.lexiconVersion, 'test-1+custom');
  });
  it('disabledPatterns are switched off', () => {
    const s = createScorerFor(LEXICON, 'test-1', { disabledPatterns: ['merde(s)'] });
    assert.equal(s.score('merde').score, 0);
  });
  it('an invalid extra entry names its pattern', () => {
    assert.throws(() => createScorerFor(LEXICON, 'x', { extraEntries: [{ pattern: 'a*', category: 'insult', severity: 1 }] }), /"a\*"/);
  });
  it('matches point into the original text', () => {
    const text = 'Espèce de CŒUR… non: espèce de c*nnard 😀 !';
    const r = createScorerFor([...LEXICON, { pattern: 'coeur', category: 'insult', severity: 1 }], 'x').score(text);
    assert.deepEqual(r.matches.map((m) => [m.text, text.slice(m.start, m.end)]), [['CŒUR', 'CŒUR'], ['c*nnard', 'c*nnard']]);
  });
  it('a text longer than MAX_INPUT_CHARS is cut and marked', () => {
    const r = scorer.score('connard '.repeat(MAX_INPUT_CHARS));
    assert.equal(r.truncated, true);
    assert.ok(r.matches.every((m) => m.end <= MAX_INPUT_CHARS));
  });
  it('a normal text is not marked truncated', () => assert.equal(scorer.score('bonjour').truncated, undefined));
  it('explain shows score, decision, bars, target and each match in context', () => {
    const text = 'Espèce de connard !';
    const out = explain(scorer.score(text), text);
    assert.match(out, /score 0\.800 → hold \(target: person\)/);
    assert.match(out, /insult\s+█+·* 0\.80/);
    assert.match(out, /match "connard" \[10, 17\) insult\/2 \(connard\(e\)\(s\)\)\s+Espèce de \[connard\] !/);
  });
});
