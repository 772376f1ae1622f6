/**
 * The words the learned layer may weigh: French words of contempt, mockery, vulgarity and
 * aggression. The trainer leaves to the lexicon every word the lexicon knows (it has context rules
 * there — a target needed, allow phrases — that the layer must not bypass: `la chatte de la
 * voisine`, `votre vol est retardé`), learns how much each remaining word weighs, and may give any
 * of them 0. The list stays whole so a word the lexicon drops one day comes back to the layer.
 *
 * Why a closed list rather than every word of the train file: that file mixes sources, and most of
 * its toxic rows without a lexicon word are encyclopedic or wiki-talk sentences, so a free
 * vocabulary learns `lors`, `afin`, `encyclopédie`, `juillet` or `français` as signs of abuse — and
 * flags news (99 of the 133 news sentences with every word of the file as a feature). Kept out on
 * purpose: group, place and topic words (`djihadistes`, `Mali`, the identity words of
 * lexicon/targets.ts); words of civil anger, of feelings, or that criticise an idea or an act
 * rather than a person (`honte`, `scandale`, `dégoûté`, `hypocrisie`, `mensonge`, `ineptie`); words
 * about abuse rather than abuse (`raciste`, `insulte`, `haine`, `mépris`); second-person words
 * (they flag civil replies: `Que Dieu vous bénisse, vous et vos enfants`); and ambiguous ones
 * (`malade`, `ferme`, `vendu`, `sang`, `gros`, `honte`), words whose everyday sense is neutral
 * (`boules`, `croupe`, `porcine` — la peste porcine —, `dégager`, `pourrir`, `bavard`) and religious
 * words (`diable`, `enfer`: `le diable est dans les détails`).
 *
 * Written folded (lowercase, no accents), one inflection per word.
 */
export const MODEL_VOCABULARY: readonly string[] = [
  // contempt and mockery
  'ridicule', 'ridicules', 'pathetique', 'pathetiques', 'minable', 'minables', 'lamentable', 'lamentables',
  'pitoyable', 'pitoyables', 'mediocre', 'mediocres', 'nul', 'nuls', 'nulle', 'nulles', 'nullite',
  'nullard', 'nullards', 'ringard', 'ringards', 'risible', 'grotesque', 'grotesques', 'clown', 'clowns',
  'bouffon', 'bouffons', 'guignol', 'guignols', 'pantin', 'pantins', 'charlot', 'charlots', 'larbin', 'larbins',
  'troll', 'trolls', 'blabla', 'bla', 'delire', 'delires', 'delirant', 'farce', 'farfelu', 'farfelus', 'loufoque',
  'betise', 'betises', 'stupide', 'stupides', 'bete', 'betes', 
  'inepte', 'inculte', 'incultes', 'ignorant', 'ignorants', 'ignorante', 'ignorantes',
  'incapable', 'incapables', 'incompetent', 'incompetents', 'incompetente', 'incompetence', 'empote', 'empotes',
  'infantile', 'puerile', 'pueril', 'gamin', 'gamins', 'gamine', 'attarde', 'attardes', 'retarde', 'retardes',
  'cervelle', 'cingle', 'cingles', 'timbre', 'lunatique', 'lunatiques', 'paranoiaque', 'maniaque',
  'narcissique', 'arrogant', 'arrogants', 'arrogante', 'pretentieux', 'pretentieuse', 'fanfaron', 'moralisateur',
  'hypocrite', 'hypocrites', 'menteur', 'menteurs', 'menteuse', 'mythomane',
  'charlatan', 'charlatans', 'escroc', 'escrocs', 'voleur', 'voleurs', 'voyou', 'voyous', 'malhonnete', 'malhonnetes',
  'traitre', 'traitres', 'lache', 'laches', 'sectaire', 'sectaires', 'fanatique', 'fanatiques',
  'haineux', 'haineuse', 'meprisable', 'meprisables',
  'radin', 'tetu', 'penible', 'penibles', 'agressif', 'agressive', 'toxique',
  'paresseux', 'paresseuse', 'paresseuses', 'inutile', 'inutiles', 'ignorance', 'niais', 'niaise', 'niaiseux',
  'quiche', 'debauche', 'vandale', 'vandales', 'faiblard', 'mauviette', 'lopette', 'minus', 'tocard', 'tocards',
  'blaireau', 'blaireaux', 'demeure', 'simplet', 'benet', 'nigaud', 'cornichon', 'andouille', 'andouilles', 'boulet',
  'baltringue', 'bouseux', 'cuistre', 'fumiste', 'fumistes', 'imposteur', 'imposteurs', 'analphabete', 'analphabetes',
  'illettre', 'illettres', 'pleurnicheur', 'pleurnicheurs', 'chochotte', 'gueulard', 'relou', 'chiant', 'chiante',
  'chiants', 'saoule', 'saoules', 'barjo', 'tare', 'tares', 'taree', 'psychopathe', 'psychopathes', 'sociopathe',
  'vicieux', 'sournois', 'fourbe', 'fourbes', 'obsede', 'obsedes', 'masturbateur', 'fornicateur', 'enrage', 'enragee',
  'populace', 'plouc', 'ploucs', 'beauf', 'beaufs', 'clochard', 'clochards', 'parasite', 'parasites', 'sangsue',
  // disgust
  'degueu', 'ignoble', 'ignobles', 'immonde', 'immondes',
  'infect', 'infecte', 'abject', 'abjecte', 'repugnant', 'repugnante', 'odieux', 'odieuse', 'affreux', 'affreuse',
  'moche', 'moches', 'laid', 'laide', 'puant', 'puante', 'puants', 'pue', 'puer', 'crasseux', 'salete',
  'saletes', 'ordure', 'ordures', 'dechet', 'dechets', 'poubelle', 'poubelles', 'torchon', 'vomi', 'vomir',
  'pourri', 'pourris', 'pourrie', 'sale', 'sales', 'monstre', 'monstres', 'porc', 'porcs', 
  'cochon', 'cochons', 'singe', 'singes', 'vermine', 'rat',
  // vulgar and sexual
  'caca', 'crotte', 'pipi', 'fesses', 'fesse', 'croupion', 'chatte', 'chattes', 'penis',
  'couilles', 'suce', 'sucer', 'sucez', 'leche', 'lecher', 'baiser', 'baise', 'reluquer', 'pervers',
  'perverse', 'pedophile', 'pedophiles', 'violeur', 'violeurs', 'prostituee', 'prostituees', 'porno', 'seins',
  // aggression and dismissal
  'tuer', 'massacrer', 'egorger', 'defoncer', 'cogner', 'gifle', 'gifler', 'claque', 'baffe', 'crever', 'creve',
  'degage', 'degagez', 'taire', 'taisez', 'tais', 'engueuler', 'perdants', 'loser', 'losers', 'maudit', 'maudits',
];
