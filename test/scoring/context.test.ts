import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScorer, createScorerFor, type ContextReason, type Decision, type ScoreResult } from '../../src/scoring/index.js';
import { builtinLexicon, LEXICON_VERSION } from '../../src/scoring/lexicon/index.js';
import { contextOf, quoteSpans } from '../../src/scoring/context.js';
import { triageDecision } from '../../src/services/triage.js';

// Every case runs through the fast path and the full pipeline, which must agree.
const fast = createScorer({ learnedLayer: false });
const full = createScorerFor(builtinLexicon, LEXICON_VERSION, { fastPath: false });

function scored(text: string): ScoreResult {
  const a = fast.score(text);
  assert.deepStrictEqual(a, full.score(text), `fast path and full pipeline disagree on ${JSON.stringify(text)}`);
  return a;
}

const reasons = (r: ScoreResult): (ContextReason | undefined)[] => r.matches.map((m) => m.context);

/** [comment, the reason every hit must carry, the decision]. */
const LOWERED: readonly [string, ContextReason, Decision][] = [
  // quotation: inside « », " " or “ ”, with words outside the quotes
  ["Un client m'a lancé « espèce d'abruti » hier, j'en tremble encore.", 'quotation', 'flag'],
  ['Sur le forum, quelqu\'un a écrit "sale bougnoule" sous ma photo.', 'quotation', 'flag'],
  ['Le mot “connard” n’a rien à faire dans un débat.', 'quotation', 'flag'],
  ['Ils ont crié « sale arabe », « sale nègre », « bougnoule » et « singe » devant le stade.', 'quotation', 'flag'],
  // reported: after a naming or reporting verb
  ["Mon fils s'est fait traiter de sale nègre à la récré.", 'reported', 'flag'],
  ['Le supporter a hurlé sale singe au joueur pendant le match.', 'reported', 'flag'],
  ["L'élu a qualifié son adversaire de crétin en pleine séance.", 'reported', 'flag'],
  ['Il ne faut pas traiter les gens de cons.', 'reported', 'flag'],
  // negation
  ["Ton frère n'est pas un imbécile, il a juste mal compris.", 'negation', 'flag'],
  ["Personne n'a prétendu que les infirmières étaient des idiotes.", 'negation', 'flag'],
  ["Franchement, ce gamin n'est pas du tout un abruti.", 'negation', 'flag'],
  // said of oneself, or a reclaimed identity: published
  ["J'ai oublié mes clés trois fois, je suis vraiment trop débile aujourd'hui.", 'self_directed', 'publish'],
  ["Quel crétin je suis, j'ai raté mon train.", 'self_directed', 'publish'],
  ['Moi je suis une vraie chieuse le matin.', 'self_directed', 'publish'],
  ["Je suis pédé et fier de l'être.", 'self_directed', 'publish'],
  // profanity at no one: a low flag at most, never a hold
  ["Merde, j'ai encore raté le bus.", 'no_target', 'flag'],
  ['Bordel, trois heures de bouchons ce matin !', 'no_target', 'flag'],
];

/** [comment, the decision]: insults that are used, whatever words sit around them. */
const USED: readonly [string, Decision][] = [
  ['Je ne dirai pas que tu es une ordure, tout le monde le sait déjà.', 'hold'], // rhetorical
  ['Je te traite de connard parce que tu en es un.', 'hold'], // a first-person speech act
  ["Tu n'es qu'un pauvre con.", 'hold'], // restriction, not negation
  ["T'es un « génie » toi, espèce de crétin.", 'hold'],
  ['Espèce de connard, je suis sûr que tu mens.', 'hold'],
  ['"Connard"', 'hold'], // nothing outside the quotes: nobody is quoted
  ["Putain, t'es vraiment un connard.", 'hold'],
  ["Il m'a traité de « raté », mais toi tu es un vrai connard.", 'hold'],
  ['Je ne suis pas raciste mais les arabes sont tous des voleurs.', 'hold'],
  ['T\'es pas un peu débile ?', 'flag'], // a question is no denial
];

describe('context: mention is not use', () => {
  for (const [text, reason, decision] of LOWERED) {
    it(`${reason}: ${text}`, () => {
      const r = scored(text);
      assert.ok(r.matches.length > 0, 'the lexicon still finds the word');
      assert.deepEqual(new Set(reasons(r)), new Set([reason]), JSON.stringify(r.matches));
      assert.equal(r.decision, decision);
      assert.equal(r.review === true, reason === 'quotation' || reason === 'reported' || reason === 'negation');
    });
  }
  for (const [text, decision] of USED) {
    it(`used: ${text}`, () => {
      const r = scored(text);
      assert.equal(r.decision, decision, JSON.stringify(r.matches));
      const insult = r.matches.find((m) => m.category !== 'profanity' && m.term !== 'espèce/espece/espèces/especes de/d');
      assert.ok(insult !== undefined && insult.context === undefined, JSON.stringify(r.matches));
    });
  }
  it('when a hit is only mentioned, then a site with a higher flag threshold still flags it', () => {
    const strict = createScorer({ learnedLayer: false, flagThreshold: 0.6, holdThreshold: 0.9 });
    const r = strict.score('On m\'a traité de « sale négro » dans le métro.');
    assert.equal(r.decision, 'flag');
    assert.equal(triageDecision(r, { flag: 0.6, hold: 0.9 }), 'flag');
    assert.equal(triageDecision(r, { flag: 0.4, hold: 0.45 }), 'hold', 'a hold threshold under the cap still holds');
  });
  it('when a quoted insult stands next to a used one, then the used one decides', () => {
    const r = scored('On te traite de « bouffon » partout et franchement, sale connard, tu le mérites.');
    assert.equal(r.decision, 'hold');
    assert.deepEqual(r.matches.map((m) => [m.text, m.context ?? null]), [['bouffon', 'quotation'], ['connard', null]]);
  });
});

describe('context: the stage alone', () => {
  it('finds quotation pairs of each kind, and ignores an unclosed one', () => {
    assert.deepEqual(quoteSpans('a « b » c “d” "e" « f'), [[2, 6], [10, 12], [14, 16]]);
  });
  it('names the reason of one hit from its span', () => {
    const text = "On m'a traité de « gros naze » au boulot.";
    assert.equal(contextOf(text, quoteSpans(text), { start: 19, end: 28, category: 'insult', target: 'person' }), 'quotation');
    assert.equal(contextOf("Tu n'es pas un idiot.", [], { start: 15, end: 20, category: 'insult', target: 'person' }), 'negation');
    assert.equal(contextOf('Putain, quel match !', [], { start: 0, end: 6, category: 'profanity', target: 'none' }), 'no_target');
    assert.equal(contextOf('Putain, quel match !', [], { start: 0, end: 6, category: 'profanity', target: 'person' }), null);
  });
});
