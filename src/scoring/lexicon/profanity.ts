import type { LexiconEntry } from '../types.js';

/**
 * Profanity: swearing and vulgarity not aimed at anyone in particular ("merde", "putain", "bordel").
 * Mostly severity 1: one alone flags a comment for review, it does not hold it.
 *
 * @example
 * { pattern: 'merde(s)', category: 'profanity', severity: 1 }
 */
export const profanity: readonly LexiconEntry[] = [
  // --- merde and its family (merd* is safe: every French word starting with merd is a form of it)
  { pattern: 'merde(s)', category: 'profanity', severity: 1 },
  { pattern: 'merdique(s)', category: 'profanity', severity: 1 },
  { pattern: 'merdier(s)', category: 'profanity', severity: 1 },
  { pattern: 'merder', category: 'profanity', severity: 1 },
  { pattern: 'merdé(e)(s)', category: 'profanity', severity: 1 },
  { pattern: 'merdouille(s)', category: 'profanity', severity: 1 },
  { pattern: 'merdaille(s)', category: 'profanity', severity: 1 },
  { pattern: 'merdasse(s)', category: 'profanity', severity: 1 },
  { pattern: 'emmerd*', category: 'profanity', severity: 1 },
  { pattern: 'démerde(s)', category: 'profanity', severity: 1 },
  { pattern: 'démerder', category: 'profanity', severity: 1 },
  { pattern: 'démerdez', category: 'profanity', severity: 1 },
  { pattern: 'mange/mangez/bouffe/bouffez de/d la merde', category: 'profanity', severity: 2 },
  { pattern: 'mange merde', category: 'profanity', severity: 2 },
  { pattern: 'merde/merdes de/d chien/taureau', category: 'profanity', severity: 1 },
  { pattern: 'bouse(s)', category: 'profanity', severity: 1, needsTarget: true, allow: ['bouse de vache', 'bouses de vache', 'bouse séchée'] },
  { pattern: 'étron(s)', category: 'profanity', severity: 1 },
  { pattern: 'crotte(s)', category: 'profanity', severity: 1, needsTarget: true, allow: ['crotte de nez', 'crottes de nez', 'crotte de chien', 'crottes de chien', 'crotte de bique', 'crottes de chèvre', 'crottes de pigeon'] },

  // --- chier and its family
  { pattern: 'chier', category: 'profanity', severity: 1 },
  { pattern: 'chie', category: 'profanity', severity: 1 },
  { pattern: 'chies', category: 'profanity', severity: 1 },
  { pattern: 'chient', category: 'profanity', severity: 1 },
  { pattern: 'chiez', category: 'profanity', severity: 1 },
  { pattern: 'chié(e)(s)', category: 'profanity', severity: 1 },
  { pattern: 'chiait', category: 'profanity', severity: 1 },
  { pattern: 'chierie(s)', category: 'profanity', severity: 1 },
  { pattern: 'chiasse(s)', category: 'profanity', severity: 1 },
  { pattern: 'chiotte(s)', category: 'profanity', severity: 1 },
  { pattern: 'chiant(e)(s)', category: 'profanity', severity: 1 },
  { pattern: 'chiure(s)', category: 'profanity', severity: 1 },
  { pattern: 'fais/fait/faites/faisait/font chier', category: 'profanity', severity: 1 },
  { pattern: 'se faire chier', category: 'profanity', severity: 1 },
  { pattern: 'envoyer chier', category: 'profanity', severity: 1 },

  // --- putain and its family
  { pattern: 'putain(s)', category: 'profanity', severity: 1 },
  { pattern: 'putaing', category: 'profanity', severity: 1 },
  // `putin` is left out on purpose: it is how Vladimir Putin is spelled in English and in many French
  // comments that copy it, and the SMS spelling of putain it would catch is rare next to that.
  { pattern: 'bordel(s)', category: 'profanity', severity: 1 },
  { pattern: 'bordélique(s)', category: 'profanity', severity: 1 },
  { pattern: 'bordel de merde/dieu', category: 'profanity', severity: 2 },
  { pattern: 'nom de dieu de/d bordel/merde', category: 'profanity', severity: 1 },

  // --- foutre and its family
  { pattern: 'foutre', category: 'profanity', severity: 1 },
  { pattern: 'foutu(e)(s)', category: 'profanity', severity: 1 },
  { pattern: 'foutez', category: 'profanity', severity: 1 },
  { pattern: 'foutent', category: 'profanity', severity: 1 },
  { pattern: 'foutait', category: 'profanity', severity: 1 },
  { pattern: 'foutaise(s)', category: 'profanity', severity: 1 },
  { pattern: 'foutoir(s)', category: 'profanity', severity: 1 },
  { pattern: 'foutage de gueule', category: 'profanity', severity: 2 },
  { pattern: 'fouteur/fouteurs/fouteuse/fouteuses de merde/trouble', category: 'profanity', severity: 2 },
  { pattern: 'm/t/s en fous/fout/foutent/foutons/fiche/fichent', category: 'profanity', severity: 1 },
  { pattern: 'rien à/a foutre/branler/cirer/battre', category: 'profanity', severity: 1 },
  { pattern: 'je/j m en bats les couilles/steaks/reins', category: 'profanity', severity: 1 },
  { pattern: 'fous/foutez toi/vous de ma/notre gueule', category: 'profanity', severity: 2 },
  { pattern: 'se fout/foutent/fous/foutez de ma/notre/la gueule', category: 'profanity', severity: 2 },
  { pattern: 'te/vous fous/foutez de ma/notre gueule', category: 'profanity', severity: 2 },
  { pattern: 'fous/foutez le camp', category: 'profanity', severity: 1 },
  { pattern: 'fous/foutez moi/nous le camp', category: 'profanity', severity: 1 },

  // --- nique and its family (the verb and its SMS spellings)
  { pattern: 'niqu*', category: 'profanity', severity: 2, allow: ['faire la nique', 'fait la nique', 'font la nique'] },
  { pattern: 'nik(s)', category: 'profanity', severity: 2, needsTarget: true },
  { pattern: 'niker', category: 'profanity', severity: 2 },
  { pattern: 'nikez', category: 'profanity', severity: 2 },
  { pattern: 'nique/niquer/nik/niker ta/sa/vos/leur mère/mere/race/famille/daronne/reum/soeur/sœur/grand/tante', category: 'profanity', severity: 2 },
  { pattern: 'ta/sa mère/race/famille/soeur/sœur la pute/putain/salope/chienne', category: 'insult', severity: 2 },
  { pattern: 'enculer/enculé ta/sa mère/race/famille', category: 'profanity', severity: 2 },

  // --- gueule and other vulgar nouns
  { pattern: 'ta/sa/vos/leurs sale/sales/grosse/grande gueule/gueules/tronche/tronches', category: 'profanity', severity: 2 },
  { pattern: 'grande/grandes gueule/gueules', category: 'profanity', severity: 1, needsTarget: true },
  { pattern: 'casser/péter/éclater/exploser la gueule/tronche', category: 'profanity', severity: 2, needsTarget: true },
  { pattern: 'se casser la gueule', category: 'profanity', severity: 1 },
  { pattern: 'gueule de porc/merde/raie', category: 'profanity', severity: 2 },
  { pattern: 'cul(s)', category: 'profanity', severity: 1,
    allow: ['cul de sac', 'culs de sac', 'cul sec', 'cul de jatte', 'culs de jatte', 'cul de lampe', 'culs de lampe', 'cul de poule', 'cul de bouteille', 'culs de bouteille', 'cul blanc', 'cul rouge', 'cul noir', 'gratte cul', 'gratte culs', 'cul de four', 'tirer au cul', 'tire au cul'] },
  { pattern: 'pisse(s)', category: 'profanity', severity: 1, allow: ['pisse froid', 'pisse mémé'] },
  { pattern: 'pisser', category: 'profanity', severity: 1 },
  { pattern: 'pissent', category: 'profanity', severity: 1 },
  { pattern: 'pissé(e)(s)', category: 'profanity', severity: 1 },
  { pattern: 'pisseux', category: 'profanity', severity: 1 },
  { pattern: 'pisseuse(s)', category: 'profanity', severity: 1 },
  { pattern: 'péteux', category: 'profanity', severity: 1 },
  { pattern: 'péteuse(s)', category: 'profanity', severity: 1 },
  { pattern: 'dégueulasse(s)', category: 'profanity', severity: 1 },
  { pattern: 'dégueu(x)', category: 'profanity', severity: 1 },
  { pattern: 'dégueuler', category: 'profanity', severity: 1 },
  { pattern: 'gerber', category: 'profanity', severity: 1, },
  { pattern: 'couillonnade(s)', category: 'profanity', severity: 1 },
  { pattern: 'à la con', category: 'profanity', severity: 1 },
  { pattern: 'déconner', category: 'profanity', severity: 1 },
  { pattern: 'déconne(s)', category: 'profanity', severity: 1 },
  { pattern: 'déconnez', category: 'profanity', severity: 1 },
  { pattern: 'saloperie/saloperies de merde', category: 'profanity', severity: 2 },
  { pattern: 'bordel/putain de/d merde', category: 'profanity', severity: 2 },
  { pattern: 'bon dieu de/d merde', category: 'profanity', severity: 2 },

  // --- English profanity, common in French comments
  { pattern: 'fuck(s)', category: 'profanity', severity: 1 },
  { pattern: 'fucking', category: 'profanity', severity: 1 },
  { pattern: 'fucked', category: 'profanity', severity: 1 },
  { pattern: 'fuck you/off', category: 'profanity', severity: 2 },
  { pattern: 'motherfucker(s)', category: 'profanity', severity: 2 },
  { pattern: 'fucker(s)', category: 'profanity', severity: 2 },
  { pattern: 'shit', category: 'profanity', severity: 1 },
  { pattern: 'bullshit', category: 'profanity', severity: 1 },
  { pattern: 'bitch(es)', category: 'profanity', severity: 2 },
  { pattern: 'asshole(s)', category: 'profanity', severity: 2 },
  { pattern: 'dickhead(s)', category: 'profanity', severity: 2 },
  { pattern: 'cunt(s)', category: 'profanity', severity: 2 },
  { pattern: 'wanker(s)', category: 'profanity', severity: 2 },
  { pattern: 'twat(s)', category: 'profanity', severity: 2 },
  { pattern: 'son of a bitch', category: 'profanity', severity: 2 },
];
