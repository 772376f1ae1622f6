/**
 * The built-in lexicon as data: every entry compiles, forms do not contradict each other, every
 * category is covered, and real French sentences are hit (or left alone) as a newsroom expects.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinLexicon, LEXICON_VERSION } from '../../src/scoring/lexicon/index.js';
import { sms } from '../../src/scoring/lexicon/sms.js';
import { regional } from '../../src/scoring/lexicon/regional.js';
import { CATEGORIES, compileLexicon, createScorer, expandPattern } from '../../src/scoring/index.js';
import type { Category } from '../../src/scoring/index.js';

describe('lexicon: the data', () => {
  it('compiles entry by entry and as a whole', () => {
    const broken: string[] = [];
    for (const entry of builtinLexicon) {
      try {
        compileLexicon([entry]);
      } catch (err) {
        broken.push(`${entry.pattern}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(broken, []);
    assert.doesNotThrow(() => compileLexicon(builtinLexicon));
  });

  it('has several hundred entries and well over a thousand single-word forms', () => {
    const singleWordForms = new Set(
      builtinLexicon.flatMap((e) => expandPattern(e.pattern)).filter((seq) => seq.length === 1).map((seq) => seq[0]),
    );
    assert.ok(builtinLexicon.length >= 500, `${builtinLexicon.length} entries`);
    assert.ok(singleWordForms.size >= 1000, `${singleWordForms.size} single-word forms`);
  });

  it('covers every category', () => {
    for (const category of CATEGORIES) {
      const n = builtinLexicon.filter((e) => e.category === category).length;
      assert.ok(n >= 20, `${category}: ${n} entries`);
    }
  });

  it('never gives one form two different meanings (category, severity or needsTarget)', () => {
    const seen = new Map<string, { pattern: string; meaning: string }>();
    const conflicts: string[] = [];
    for (const e of builtinLexicon) {
      const meaning = `${e.category}/${e.severity}/${e.needsTarget === true ? 'target' : 'any'}`;
      for (const seq of expandPattern(e.pattern)) {
        const form = seq.join(' ');
        const before = seen.get(form);
        if (before === undefined) seen.set(form, { pattern: e.pattern, meaning });
        else if (before.meaning !== meaning && before.pattern !== e.pattern) {
          conflicts.push(`"${form}": ${before.pattern} (${before.meaning}) vs ${e.pattern} (${meaning})`);
        }
      }
    }
    assert.deepEqual(conflicts, []);
  });

  it('lists every pattern once', () => {
    const patterns = builtinLexicon.map((e) => e.pattern);
    const dupes = patterns.filter((p, i) => patterns.indexOf(p) !== i);
    assert.deepEqual(dupes, []);
  });

  it('has allow phrases that contain their pattern (one of its forms, word for word)', () => {
    const bad: string[] = [];
    for (const e of builtinLexicon) {
      const forms = expandPattern(e.pattern).map((seq) => ` ${seq.join(' ')} `);
      for (const phrase of e.allow ?? []) {
        const phrases = expandPattern(phrase).map((seq) => ` ${seq.join(' ')} `);
        const contains = phrases.every((p) => forms.some((f) => p.includes(f) || (f.includes('*') && p.includes(f.split('*')[0]!))));
        if (!contains) bad.push(`${e.pattern} / allow "${phrase}"`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('marks SMS and regional forms with their region, and uses no bare prefix shorter than 4 letters', () => {
    assert.ok(sms.every((e) => e.region === 'sms'));
    assert.ok(regional.every((e) => e.region === 'quebec' || e.region === 'belgium' || e.region === 'west_africa'));
    for (const r of ['quebec', 'belgium', 'west_africa'] as const) {
      assert.ok(regional.some((e) => e.region === r), r);
    }
    const shortPrefixes = builtinLexicon.flatMap((e) => e.pattern.split(' ')).filter((w) => /^[^/]{1,3}\*$/.test(w));
    assert.deepEqual(shortPrefixes, []);
  });

  it('has a version in the fr-YYYY.MM.N shape', () => {
    assert.match(LEXICON_VERSION, /^fr-\d{4}\.\d{2}\.\d+$/);
  });
});

/** [sentence, category it must be hit for] */
type MustHit = [string, Category];

const MUST_HIT: MustHit[] = [
  // insult
  ['Espèce de connard, tu comprends rien.', 'insult'],
  ['Quelle bande de crétins, ces élus.', 'insult'],
  ['T\'es vraiment qu\'un abruti fini.', 'insult'],
  ['Naze va!', 'insult'],
  ['De quoi tu parles, trouduc ?', 'insult'],
  ['Ce type est un enfoiré de première.', 'insult'],
  ['Ferme-la, sale bâtard.', 'insult'],
  ['Bande de crevards!', 'insult'],
  ['Pauvre con, va.', 'insult'],
  ['Espèce de porc, tu me dégoûtes.', 'insult'],
  ['Cette journaliste est une pétasse.', 'insult'],
  ['Quel tocard, ce ministre.', 'insult'],
  ['Toi t\'es un gros boloss.', 'insult'],
  ['Ces cassos vont encore voter n\'importe comment.', 'insult'],
  ['Quelle idée stupide.', 'insult'],
  ['Arrête tes conneries.', 'insult'],
  ['Les FDP qui ont écrit ça devraient avoir honte.', 'insult'],
  ['Espèce de gros tas de merde.', 'insult'],
  ['Votre journaliste est un trou du cul.', 'insult'],
  ['Fils de pute, va.', 'insult'],
  // identity_attack
  ['Ces bougnoules n\'ont rien à faire ici.', 'identity_attack'],
  ['Mangeur de sable, ta gueule!', 'identity_attack'],
  ['Retourne dans ton pays !', 'identity_attack'],
  ['Sale arabe, dégage.', 'identity_attack'],
  ['Encore un youpin à la télé.', 'identity_attack'],
  ['Sale pédé.', 'identity_attack'],
  ['Ce sont des sous-hommes.', 'identity_attack'],
  ['Mort aux juifs.', 'identity_attack'],
  ['Ces gens sont de la vermine.', 'identity_attack'],
  ['Retourne à ta cuisine.', 'identity_attack'],
  // sexual
  ['Montre tes seins.', 'sexual'],
  ['Je vais te baiser, salope.', 'sexual'],
  ['Suce ma bite.', 'sexual'],
  ['Il pense qu\'avec sa bite.', 'sexual'],
  ['Va te faire sucer.', 'sexual'],
  ['Toi aussi tu veux baiser ?', 'sexual'],
  // profanity
  ['Putain, encore une hausse des impôts.', 'profanity'],
  ['C\'est de la merde, ce gouvernement.', 'profanity'],
  ['Quel bordel à la gare ce matin.', 'profanity'],
  ['On s\'en fout de leur réforme.', 'profanity'],
  ['Ça me fait chier, ces grèves.', 'profanity'],
  ['Tabarnak, c\'est pas vrai!', 'profanity'],
  ['Ptn, encore un retard.', 'profanity'],
  ['Rien à foutre de leurs excuses.', 'profanity'],
  // threat
  ['Je vais te crever, tu vas voir.', 'threat'],
  ['On sait où tu habites.', 'threat'],
  ['T\'es un homme mort.', 'threat'],
  ['Je vais te faire la peau.', 'threat'],
  ['Tu vas le regretter.', 'threat'],
  ['Je connais ton adresse.', 'threat'],
  ['J\'vais t\'égorger.', 'threat'],
  ['On va vous retrouver et vous buter.', 'threat'],
  ['Je vais te casser la gueule.', 'threat'],
  // harassment
  ['Ta gueule.', 'harassment'],
  ['Ferme ta gueule !', 'harassment'],
  ['Va te faire foutre.', 'harassment'],
  ['Va te pendre.', 'harassment'],
  ['Je t\'emmerde.', 'harassment'],
  ['Personne ne t\'a sonné.', 'harassment'],
  ['tg', 'harassment'],
  // fr-2026.11.2 — second person + negative evaluation, `tu n'es qu'un …`, the vocative `espèce de …`
  ['T\'es vraiment borné, c\'est fou.', 'insult'],
  ['Vous êtes pénibles avec vos leçons.', 'insult'],
  ['Tu es complètement malade !', 'insult'],
  ['Tu n\'es qu\'un lâche.', 'insult'],
  ['Vous n\'êtes que des incapables.', 'insult'],
  ['C\'est qu\'un pleurnichard.', 'insult'],
  ['Espèce de vieux fou.', 'insult'],
  ['Espèce d\'individualiste, relis l\'article.', 'insult'],
  ['Un lâche qui se cache derrière son pseudo.', 'insult'],
  ['Encore un arnaqueur, ce type. Vous êtes un arnaqueur.', 'insult'],
  ['Il est con comme ses pieds.', 'insult'],
  ['Ils sont tous pourris.', 'insult'],
  // fr-2026.11.2 — harassment: uselessness, shut up / get lost, incitement to self-harm
  ['Tu ne sers à rien.', 'harassment'],
  ['Pourriez-vous fermer votre gueule ?', 'harassment'],
  ['Fous-moi la paix.', 'harassment'],
  ['Va voir ailleurs si j\'y suis.', 'harassment'],
  ['Jette-toi par la fenêtre.', 'harassment'],
  ['Va te jeter sous un train.', 'harassment'],
  ['Tu ferais mieux de te suicider.', 'harassment'],
  ['Tire-toi une balle.', 'harassment'],
  ['Tu ne mérites pas de vivre.', 'harassment'],
  ['Shut up, troll.', 'harassment'],
  // fr-2026.11.2 — threats about a third person, beatings, calls to lynch
  ['Je vais lui péter la gueule.', 'threat'],
  ['Je vais te mettre une raclée.', 'threat'],
  ['Il faudrait le pendre, ce traître.', 'threat'],
  ['Lynchez-les !', 'threat'],
  // fr-2026.11.2 — slurs and English obscenities seen in French comments
  ['Sale métèque.', 'identity_attack'],
  ['Les basanés dehors.', 'identity_attack'],
  ['Quelle tafiole, celui-là.', 'identity_attack'],
  ['Tu fais le malin, motherfucking idiot.', 'profanity'],
  ['What a bastard.', 'insult'],
  // The possessive rule stops at the possessive: a real address still aims the noun.
  ['Tu es une vache, et ta vache aussi.', 'insult'],
  ['Ta vache de mère, tu es une vache.', 'insult'],
  // fr-2026.11.3 — bare imperatives, where they end the clause
  ['Ferme-la !', 'harassment'],
  ['Ferme-la, sale vendu.', 'harassment'],
  ['Tais-toi.', 'harassment'],
  ['Taisez-vous !', 'harassment'],
  // fr-2026.12.1 — coordinated threats, death wished on a family, `mangeur de bananes`, `ta race de chien`
  ['Je vais te retrouver et te faire la peau.', 'threat'],
  ['Tu mérites une balle dans la tête.', 'threat'],
  ['J\'espère que ta famille crèvera dans un attentat.', 'threat'],
  ['J\'espère que tu crèveras seul.', 'harassment'],
  ['Retourne chez toi, mangeur de bananes.', 'identity_attack'],
  ['Ta race de chien, tu parles trop.', 'insult'],
  // fr-2026.12.1 — a whole people called criminals or animals; sexual propositions; death called for
  ['Ces Peuls sont tous des terroristes, il faut les chasser.', 'identity_attack'],
  ['Tous les musulmans sont des terroristes.', 'identity_attack'],
  ['Les migrants ne sont que des parasites.', 'identity_attack'],
  ['Les juifs contrôlent les médias, on le sait.', 'identity_attack'],
  ['Madame la journaliste, vous êtes bonne, je vous sauterais bien.', 'sexual'],
  ['Envoie-moi des photos de toi nue.', 'sexual'],
  ['T\'aimerais que je te prenne par derrière hein.', 'sexual'],
  ['Ce président mérite d\'être pendu.', 'threat'],
  ['Une balle dans la tête de ce traître de président.', 'threat'],
  // fr-2026.12.1 — a third person called names: any subject before `est un/une`
  ['Ce ministre est un clown.', 'insult'],
  ['Le rédacteur en chef n\'est qu\'un menteur.', 'insult'],
  ['Tu devrais te tirer une balle.', 'harassment'],
];

/** Sentences a news site publishes every day: none may be hit at all. */
const MUST_NOT_HIT: string[] = [
  'Les djihadistes ont tué douze soldats dans une embuscade.',
  'Il est accusé de viol et de menaces de mort.',
  'La dispute a éclaté dans le quartier où il habite.',
  'De façon générale, le texte a été conçu contre l\'avis du conseil.',
  'Le ridicule ne tue pas, dit le proverbe.',
  'Le véhicule particulier a été retrouvé dans un cul-de-sac.',
  'Vladimir Putin a rencontré le président chinois.',
  'Poutine a reçu le ministre à Moscou.',
  'Le porc et le bœuf ont augmenté de 4 % cette année.',
  'La chatte de la voisine a eu quatre chatons.',
  'Le raton laveur est une espèce invasive en Europe.',
  'Un gros rat a été vu dans le métro.',
  'Le chien a mordu le facteur.',
  'Les vaches sont rentrées à l\'étable.',
  'Un baiser sur la joue, puis il est parti.',
  'Elle a déposé une gerbe au monument aux morts.',
  'Il a pédalé pendant six heures.',
  'Je suis crevé après cette journée.',
  'Le conflit larvé dure depuis dix ans.',
  'La situation dégénère dans le nord du pays.',
  'Votre vol est retardé de deux heures.',
  'Le thon rouge est menacé par la surpêche.',
  'Un pique-nique est organisé dimanche.',
  'Il a une tare génétique rare.',
  'Le keuf a contrôlé le conducteur.',
  'Wesh, ça va ?',
  'Ils ont mis le bouffon du roi en scène à Avignon.',
  'La Mongolie et l\'empire mongol au musée.',
  'Le prêtre a levé le calice et l\'hostie.',
  'La foule a scandé « à mort » devant le tribunal.',
  'Tu as vu le match hier soir ?',
  'Les champs obligatoires sont indiqués avec *',
  'On va te chercher à la gare.',
  'Je vais vous montrer le chemin.',
  'Il va mourir de faim si rien ne change.',
  'Il faut sucer la pastille sans la croquer.',
  'Le patron de la PME a été condamné.',
  'Un nègre littéraire a écrit ses mémoires.',
  // fr-2026.11.2: the same words in ordinary sentences
  'Une nouvelle espèce de grenouille a été découverte en Guyane.',
  'Cette espèce d\'arbre ne pousse qu\'en altitude.',
  'Trois espèces de pucerons menacent les récoltes.',
  'Le ridicule ne tue pas, et il est nul en maths.',
  'Il lâche le volant et se cache derrière le camion.',
  'Tu es malade ? Reste au lit.',
  'Vous êtes dérangés par les travaux ? Appelez la mairie.',
  'Tu devrais mourir de rire en voyant ce film.',
  'Ferme la porte en partant.',
  'Le ciel se dégage dans l\'après-midi.',
  'Les Pussy Riot ont donné un concert à Berlin.',
  'Il a retrouvé une reliure en basane.',
  'Les métèques d\'Athènes n\'avaient pas le droit de vote.',
  'Le vol est retardé, les passagers sont bloqués.',
  // A possessive right before a needsTarget noun names the reader's thing, not the reader.
  'Ta vache est malade.',
  'Votre vache a donné du lait.',
  'Tes porcs sont bien gras.',
  'Ton rat s\'est échappé de sa cage.',
  // fr-2026.11.3: the imperatives only count where they end the clause.
  'Le marché ferme la semaine prochaine.',
  'L\'usine ferme, la ville pleure.',
  'Fermez la fenêtre, il fait froid.',
  // fr-2026.12.1 — the news and the pet shop around the new entries
  'Le soldat a été tué d\'une balle dans la tête.',
  'Il mérite une balle de match après un tel tournoi.',
  'Le labrador est une race de chien très affectueuse.',
  'Les mangeurs de bananes du Cameroun : la filière en chiffres.',
  'Les Peuls sont des éleveurs nomades.',
  'Les Peuls et les Dogons vivent dans la région depuis des siècles.',
  'Des bandits armés ont attaqué un convoi près de Gao.',
  'Tu es bonne en maths, bravo.',
  'Vous êtes bonne cuisinière, madame.',
  'Elle mérite d\'être réélue.',
  'Le soldat ne méritait pas d\'être abattu ainsi.',
  'Il a été tué d\'une balle dans la tête.',
  'Nos soldats doivent prendre l\'ennemi par derrière.',
  'Le cochon est un animal intelligent.',
  'Avec cette réforme, vous allez vous tirer une balle dans le pied.',
];

describe('lexicon: real French sentences', () => {
  // The lexicon's own reading (the model's part is tested in model.test.ts).
  const scorer = createScorer({ learnedLayer: false });

  for (const [sentence, category] of MUST_HIT) {
    it(`hits "${sentence}" as ${category}`, () => {
      const r = scorer.score(sentence);
      const categories = new Set(r.matches.map((m) => m.category));
      assert.ok(categories.has(category) || r.categories[category] > 0,
        `matches: ${r.matches.map((m) => `${m.text}→${m.term} [${m.category}]`).join('; ') || 'none'}`);
      assert.notEqual(r.decision, 'publish');
    });
  }

  for (const sentence of MUST_NOT_HIT) {
    it(`leaves "${sentence}" alone`, () => {
      const r = scorer.score(sentence);
      assert.deepEqual(r.matches.map((m) => `${m.text}→${m.term}`), []);
      assert.equal(r.decision, 'publish');
    });
  }
});
