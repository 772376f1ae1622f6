import type { LexiconEntry } from '../types.js';

/**
 * Regional forms: Québec swearing (the "sacres", built on church words) and insults, Belgian
 * (Brussels) insults, and West African French. Only forms that are insults or swearing in their
 * region; a word that is ordinary in France (cave, épais, colon) is listed only inside expressions.
 *
 * Left out on purpose: `hostie`, `christ`, `calice`, `sacrement`, `ciboire`, `tabernacle` written the
 * standard way (they are church words in an article about religion); `zinneke` and `ket` (Brussels:
 * mongrel and kid, affectionate); `yamba` (cannabis, not an insult); `castar` (Belgian: a strong man).
 *
 * @example
 * { pattern: 'tabarnak/tabarnac/tabarnaque', category: 'profanity', severity: 1, region: 'quebec' }
 */
export const regional: readonly LexiconEntry[] = [
  // --- Québec: sacres (profanity) in their sworn spellings
  { pattern: 'tabarnak/tabarnac/tabarnaque/tabarnouche/tabarnack/tabernak/tabarnik', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'câlisse/câliss/kâlisse', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'ostie/osti/esti/estie/ostique/estique', category: 'profanity', severity: 1, region: 'quebec' },
  // `crisse` is also a form of crisser (to screech), rare outside literature; the Québec sacre is far more common in comments.
  { pattern: 'crisse/criss', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'sacrament', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'viarge', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'mosus', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'marde(s)', category: 'profanity', severity: 1, region: 'quebec' },
  { pattern: 'tabarnak/tabarnac/câlisse/ostie/osti/esti/crisse/criss de/d marde/merde', category: 'profanity', severity: 2, region: 'quebec' },
  { pattern: 'mange/mangez/manges de/d la marde', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'mange/mangez/manges un/d char/chars de marde/merde', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'mange toi/vous un char de marde/merde', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'câlisse/crisse/décrisse/décâlisse ton/votre camp', category: 'harassment', severity: 2, region: 'quebec' },
  { pattern: 'décrisse/décâlisse', category: 'harassment', severity: 1, region: 'quebec' },
  { pattern: 'va/allez donc chier', category: 'harassment', severity: 2, region: 'quebec' },
  { pattern: 'mange/mangez un bas', category: 'harassment', severity: 1, region: 'quebec' },

  // --- Québec: insults
  { pattern: 'ostie/osti/esti/crisse/criss/tabarnak/câlisse/maudit/maudite/mosus de/d chien/chienne/cave/caves/épais/épaisse/niaiseux/niaiseuse/innocent/crosseur/gnochon/twit/tata/vidange/mongol/débile/plotte/guidoune/fif/trou/con/cul',
    category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'maudit/maudite/maudits/maudites/gros/grosse/ostie/esti/crisse/criss/tabarnak cave/caves/épais/épaisse/niaiseux/niaiseuse/twit/twits/tata/tatas/crosseur/crosseurs/vidange/nono/nonos/moron/morons/gnochon/zouf',
    category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'maudit/maudite/maudits/maudites/ostie/esti/crisse/criss/tabarnak chien/chienne/chiens/chiennes/innocent/innocente/imbécile/imbéciles', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 't/tu es un/une cave/épais/épaisse/twit/tata/niaiseux/niaiseuse/nono/crosseur/gnochon/moron', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'enfant/enfants de chienne/chiennes', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'niaiseux', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'niaiseuse(s)', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'téteux', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'téteuse(s)', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'gnochon(ne)(s)', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'tarla(s)', category: 'insult', severity: 1, region: 'quebec', needsTarget: true },
  { pattern: 'nono(s)', category: 'insult', severity: 1, region: 'quebec', needsTarget: true },
  { pattern: 'moron(s)', category: 'insult', severity: 1, region: 'quebec' },
  { pattern: 'twit(s)', category: 'insult', severity: 1, region: 'quebec', needsTarget: true },
  { pattern: 'crosseur/crosseurs/crosseuse/crosseuses', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'guidoune(s)', category: 'insult', severity: 2, region: 'quebec' },
  { pattern: 'plotte(s)', category: 'sexual', severity: 2, region: 'quebec' },
  { pattern: 'plote(s)', category: 'sexual', severity: 2, region: 'quebec' },
  // `fif` is also the acronym of several film festivals (FIF de Namur…): only aimed at someone.
  { pattern: 'fif(s)', category: 'identity_attack', severity: 3, region: 'quebec', needsTarget: true },
  { pattern: 'je/j vais/va te/t câlisser/crisser/sacrer une volée/claque/mornifle', category: 'threat', severity: 3, region: 'quebec' },
  { pattern: 'je/j vais/va t en câlisser/crisser/sacrer une', category: 'threat', severity: 2, region: 'quebec' },

  // --- Belgium (Brussels)
  { pattern: 'dikkenek(s)', category: 'insult', severity: 1, region: 'belgium', needsTarget: true },
  { pattern: 'snul(s)', category: 'insult', severity: 1, region: 'belgium' },
  { pattern: 'zievereer(s)', category: 'insult', severity: 1, region: 'belgium' },
  { pattern: 'zievereir(s)', category: 'insult', severity: 1, region: 'belgium' },
  { pattern: 'klett(e)(s)', category: 'insult', severity: 1, region: 'belgium', needsTarget: true },
  { pattern: 'baraki(s)', category: 'insult', severity: 2, region: 'belgium' },
  { pattern: 'barakie(s)', category: 'insult', severity: 2, region: 'belgium' },
  { pattern: 'labbekak(s)', category: 'insult', severity: 1, region: 'belgium' },
  { pattern: 'klootzak(ken)(s)', category: 'insult', severity: 2, region: 'belgium' },
  { pattern: 'godverdomme/godferdom/godverdom/potverdomme/potverdekke/nondedju', category: 'profanity', severity: 1, region: 'belgium' },
  { pattern: 'sale/sales baraki/barakis/snul/snuls/klet/klette/dikkenek/labbekak', category: 'insult', severity: 2, region: 'belgium' },
  { pattern: 'espèce/espece de/d baraki/snul/klet/klette/dikkenek/labbekak', category: 'insult', severity: 2, region: 'belgium' },

  // --- West Africa (Côte d'Ivoire, Senegal, Cameroon…). `fils de chien` is in insults.ts: it is used everywhere.
  { pattern: 'tchoin(e)(s)', category: 'insult', severity: 2, region: 'west_africa' },
  { pattern: 'bordelle(s)', category: 'insult', severity: 2, region: 'west_africa' },
  { pattern: 'gaou(s)', category: 'insult', severity: 1, region: 'west_africa' },
  { pattern: 'gnata(s)', category: 'insult', severity: 1, region: 'west_africa' },
  { pattern: 'mboutoukou(s)', category: 'insult', severity: 1, region: 'west_africa' },
  { pattern: 'ta/votre maman/mama la chienne/pute/sorcière', category: 'insult', severity: 2, region: 'west_africa' },
  { pattern: 'sale/sales gaou/gaous/gnata/gnatas/broussard/broussards/villageois/villageoise', category: 'insult', severity: 2, region: 'west_africa' },
  { pattern: 'espèce/espece de/d gaou/gnata/broussard/villageois/villageoise', category: 'insult', severity: 2, region: 'west_africa' },
];
