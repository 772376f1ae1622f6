import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScorer, createScorerFor, type Decision, type ScoreResult } from '../../src/scoring/index.js';
import { builtinLexicon, LEXICON_VERSION } from '../../src/scoring/lexicon/index.js';

// Lexicon fr-2026.12.2: false alarms fixed and near-misses added. Every case runs through the fast
// path and the full pipeline, which must agree.
const fast = createScorer({ learnedLayer: false });
const full = createScorerFor(builtinLexicon, LEXICON_VERSION, { fastPath: false });

function scored(text: string): ScoreResult {
  const a = fast.score(text);
  assert.deepStrictEqual(a, full.score(text), `fast path and full pipeline disagree on ${JSON.stringify(text)}`);
  return a;
}

/** [class, comment, at least this decision]. */
const MUST_HIT: readonly [string, string, Decision][] = [
  ['head word alone', "T'es vraiment un attardé, toi.", 'hold'],
  ['head word alone', "Bande d'attardés, relisez l'article.", 'hold'],
  ['missing noun', 'Les Roms sont des sauterelles.', 'hold'],
  ['missing noun', 'Tous les musulmans sont des cafards.', 'hold'],
  ['missing noun', 'Les migrants sont des esclaves, point.', 'hold'],
  ['singular noun', 'Les Africains sont un vrai fléau pour ce pays.', 'hold'],
  ['singular noun', 'Les Juifs sont une maladie.', 'hold'],
  ['swarm', 'Les immigrés débarquent comme des rats dans nos villes.', 'hold'],
  ['swarm', 'Ils arrivent comme des criquets.', 'flag'],
  ['third-person threat', "Cette journaliste mérite d'être violée.", 'hold'],
  ['third-person threat', 'Ces juges méritent de crever.', 'hold'],
  ['second-person threat', "Tu mériterais d'être abattu.", 'hold'],
  ['apposition after a name', 'Dupont, cette pourriture immonde, devrait démissionner.', 'hold'],
  ['apposition after a name', 'Le maire, ce porc dégueulasse.', 'hold'],
  ['vocative after ok', 'ok mongol', 'hold'],
  ['vocative after ok', 'Ouais débile', 'flag'],
  ['spelled out with masks', "T'es qu'une p_u_t_e.", 'hold'],
  ['spelled out with masks', 'Espèce de c_o_n_n_a_r_d', 'hold'],
  ['spelled out with masks', 'quel d_é_b_i_l_e', 'flag'],
  ['anti-Asian slur', 'Rentre chez toi, face de citron.', 'hold'],
  ['anti-Asian slur', 'Sale chinetok', 'hold'],
  ['anti-Asian slur', 'Les mangeurs de chiens dehors.', 'hold'],
  ['North-African / Sahel slur', 'Sale abid, retourne travailler.', 'hold'],
  ['North-African / Sahel slur', 'Espèce de harki, tu as trahi les tiens.', 'hold'],
  ['North-African / Sahel slur', 'Regarde-moi ce blédard, toi.', 'hold'],
  ['North-African / Sahel slur', 'Sales esclaves, vous ne valez rien.', 'hold'],
];

/** [class, comment]: must be published. */
const MUST_NOT_HIT: readonly [string, string][] = [
  ['mild word about a thing', 'Ce match était naze, on a dormi.'],
  ['mild word about a thing', "L'appli est naze depuis la mise à jour."],
  ['idiom', "Le cardinal lui baise la main à l'entrée de la basilique."],
  ['idiom', 'Les fidèles baisent les pieds de la statue.'],
  ['idiom', 'Depuis le départ du coach, tout part en couille.'],
  ['place name', 'La fête de Cons-la-Grandville aura lieu dimanche.'],
  ['acronym', 'En Allemagne, le FDP allemand quitte la coalition.'],
  ['acronym', 'Les libéraux du FDP ont voté avec la CDU.'],
  ['acronym', 'Le SPD, les Verts et le FDP ont signé.'],
  ['ordinary word', "Le train s'attarde en gare de Dijon."],
  ['ordinary word', 'Il est demeuré trois ans à Lyon.'],
  ['ordinary word', 'Le vol est retardé de deux heures.'],
  ['news', 'Les harkis ont été abandonnés en 1962, rappelle le président.'],
  ['news', "Une journée d'hommage aux harkis a eu lieu à Paris."],
  ['news', 'Des sauterelles arrivent comme des nuages sur les champs du Sahel.'],
  ['news', "Ce texte mérite d'être lu par tous les élus."],
  ['news', 'Les criquets sont un fléau pour les cultures du Niger.'],
  ['ordinary word', 'La cantine servait du porc immonde.'],
  ['ordinary word', 'mon_fichier_test.txt est vide'],
  ['number', 'Il a marqué 88 points en 14 matchs.'],
  ['ordinary word', 'Ok merci, bonne journée.'],
];

const RANK: Record<Decision, number> = { publish: 0, flag: 1, hold: 2 };

describe('lexicon fr-2026.12.2: misses now caught', () => {
  for (const [kind, text, decision] of MUST_HIT) {
    it(`${kind}: ${text}`, () => {
      const r = scored(text);
      assert.ok(RANK[r.decision] >= RANK[decision], `${r.decision} (${r.score}) ${JSON.stringify(r.matches.map((m) => m.text))}`);
    });
  }
});

describe('lexicon fr-2026.12.2: false alarms now published', () => {
  for (const [kind, text] of MUST_NOT_HIT) {
    it(`${kind}: ${text}`, () => {
      const r = scored(text);
      assert.equal(r.decision, 'publish', JSON.stringify(r.matches.map((m) => [m.text, m.term])));
    });
  }
});
