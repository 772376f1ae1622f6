/**
 * The words that tell who an insult is aimed at. Data only: `target.ts` reads it.
 * Phrases are written like lexicon patterns (spaces between words, `(x)` optional suffixes,
 * `a/b` alternatives) and folded like text, so `espèce de` also matches `espece d'`.
 */

/** Second person singular: `tu`, `t'` (→ `t`), `te`, `toi`, `ton`, `ta`, `tes`. */
export const SECOND_PERSON_SINGULAR: readonly string[] = ['tu', "t'", 'te', 'toi', 'ton', 'ta', 'tes'];

/**
 * Second-person possessives: right before a `needsTarget` noun they name the reader's thing, not
 * the reader (`ta vache est malade`, `tes porcs sont gras`), so there they are no address.
 */
export const SECOND_PERSON_POSSESSIVES: readonly string[] = ['ton', 'ta', 'tes', 'votre', 'vos'];

/** `vous/votre/vos`: one person (politeness) or several; the insult's number decides. */
export const SECOND_PERSON_PLURAL: readonly string[] = ['vous', 'votre', 'vos'];

/** Right before an insult, these single out one person: `espèce de con`, `sale type`, `t'es un naze`. */
export const PERSON_MARKERS: readonly string[] = [
  'espèce de/d\'',
  'espèce de sale',
  'sale',
  'pauvre',
  'gros/grosse',
  'sombre',
  'bougre de/d\'',
  'face/tête de/d\'',
  'quel/quelle',
  'quel/quelle gros/grosse/sale/pauvre',
  't\'/tu es',
  't\'/tu es un/une',
  't\'/tu es qu\' un/une',
  't\'/tu es vraiment un/une',
  't\'/tu es un/une vrai/vraie/gros/grosse/sale/pauvre',
  'es un/une',
  'vous êtes un/une',
  'c\'est un/une',
  'c\'est qu\' un/une',
  'il/elle est un/une',
  // fr-2026.12.1: whoever the subject (`ce ministre est un clown`, `Trump n'est qu'un menteur`).
  // The price: a literal job or animal after `est un` (`son père est un clown, au cirque`) is flagged too.
  'est un/une',
  'est un/une vrai/vraie/gros/grosse/sale/pauvre/sacré/sacrée',
  'est vraiment un/une',
  'n\'est qu\' un/une',
  'toi le/la',
  'toi aussi',
  'le/la/ce/cette/un/une/ton/ta/ce gros/grosse/sale/pauvre',
];

/** Right before a (plural) insult, these aim it at a group: `bande de crevards`, `vous êtes des cons`. */
export const GROUP_MARKERS: readonly string[] = [
  'bande(s) de/d\'',
  'bande(s) de/d\' sale(s)',
  'tas de/d\'',
  'ramassis de/d\'',
  'troupeau de/d\'',
  'ces',
  'ces sales/pauvres/gros',
  'tous ces',
  'sont des',
  'sont tous des',
  'sont que des',
  'sont vraiment des',
  'êtes des',
  'êtes tous des',
  'êtes que des',
  'vous tous',
  'sales',
];

/**
 * Bare plural articles: they make a plural insult aim at a group (`les abrutis`), but they do not
 * turn a `needsTarget` word into an attack (`des bandits armés ont attaqué un convoi` is news).
 */
export const WEAK_GROUP_MARKERS: readonly string[] = ['les', 'des', 'vos', 'mes', 'tes', 'ses', 'nos', 'leurs', 'quelques', 'tous', 'toutes', 'tous les', 'ces'];

/** Words that open a sentence before a vocative insult: `Hé, connard !`. */
export const INTERJECTIONS: readonly string[] = ['hé/he/eh/oh/ho/ah/bah/allez/dis/écoute/ecoutez/hey/oui/non/ouais/bon/va/vas/ok/okay/ben/bref/tiens/salut'];

/**
 * Identity terms: an insult aimed at a group that is named by one of these is an identity attack.
 * Nouns and adjectives, masculine/feminine, singular/plural.
 */
export const IDENTITY_WORDS: readonly string[] = [
  'arabe(s)', 'noir(e)(s)', 'blanc(s)/blanche(s)', 'juif(s)/juive(s)', 'musulman(e)(s)', 'chrétien(ne)(s)',
  'catholique(s)', 'africain(e)(s)', 'maghrébin(e)(s)', 'immigré(e)(s)', 'migrant(e)(s)', 'étranger(s)/étrangère(s)',
  'réfugié(e)(s)', 'rom(s)', 'gitan(e)(s)', 'tzigane(s)', 'chinois(e)(s)', 'asiatique(s)', 'homo(s)', 'homosexuel(le)(s)',
  'gay(s)', 'gai(e)(s)', 'lesbienne(s)', 'trans', 'transgenre(s)', 'femme(s)', 'féministe(s)', 'handicapé(e)(s)',
  'malien(ne)(s)', 'sénégalais(e)', 'ivoirien(ne)(s)', 'burkinabè/burkinabé(s)', 'nigérien(ne)(s)', 'algérien(ne)(s)',
  'marocain(e)(s)', 'tunisien(ne)(s)', 'français(e)(s)', 'belge(s)', 'québécois(e)(s)', 'russe(s)', 'ukrainien(ne)(s)',
  'américain(e)(s)', 'européen(ne)(s)', 'peul(e)(s)', 'touareg(s)', 'bambara(s)', 'islam', 'islamique(s)',
  'religion(s)', 'race(s)', 'ethnie(s)',
];

/** Short words that are never the first or second half of a word split to dodge a filter (`il a pu te voir`). */
export const FUNCTION_WORDS: readonly string[] = [
  'au', 'aux', 'ce', 'ces', 'de', 'des', 'du', 'elle', 'en', 'et', 'il', 'ils', 'je', 'la', 'le', 'les', 'leur', 'lui',
  'ma', 'me', 'mes', 'mon', 'ne', 'ni', 'nous', 'on', 'ou', 'par', 'pas', 'pu', 'que', 'qui', 'sa', 'se', 'ses', 'si',
  'son', 'sur', 'ta', 'te', 'tes', 'ton', 'tu', 'un', 'une', 'vos', 'vous', 'est', 'sont', 'pour', 'dans', 'avec', 'mais',
  'plus', 'tout', 'tous', 'toi', 'moi', 'ici', 'bien', 'tres', 'fait', 'faire', 'va', 'vais', 'peu', 'deja',
];
