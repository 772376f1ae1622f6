import type { LexiconEntry } from '../types.js';

/**
 * Identity attacks: ethnic, racial, religious, homophobic, transphobic, misogynist and ableist slurs,
 * and dehumanizing language aimed at groups. Slurs are severity 3.
 *
 * Words that also name an animal, a thing or appear in literature or history (nègre in "nègre littéraire",
 * raton in "raton laveur", vermine, parasites) carry `needsTarget` and an allowlist; the engine's target
 * detection keeps "des ratons laveurs" or a history article about "la vermine" out.
 *
 * @example
 * { pattern: 'bougnoul(e)(s)', category: 'identity_attack', severity: 3 }
 */
/** Peoples, faiths and origins, plural: the subject of a generalization (`les Peuls sont des bandits`). */
const PEOPLES = 'arabes/noirs/noires/blancs/blanches/juifs/juives/musulmans/musulmanes/chrétiens/africains/africaines/'
  + 'maghrébins/immigrés/migrants/étrangers/réfugiés/roms/gitans/chinois/asiatiques/homos/homosexuels/gays/lesbiennes/'
  + 'femmes/féministes/maliens/maliennes/sénégalais/ivoiriens/burkinabés/burkinabès/nigériens/algériens/marocains/'
  + 'tunisiens/français/françaises/belges/peuls/peulhs/peuhls/touaregs/bambaras/dogons/songhaïs/songhais/mossis/haoussas/'
  + 'wolofs/kabyles/turcs/russes/américains/européens/catholiques/protestants/bouddhistes';
/** What a generalization calls them: criminals, animals, vermin. */
const VILE = 'terroristes/voleurs/violeurs/criminels/assassins/délinquants/sauvages/animaux/bêtes/barbares/parasites/'
  + 'menteurs/fainéants/bandits/racailles/envahisseurs/singes/chiens/porcs/rats/cafards/pédophiles/traîtres/traitres/'
  + 'dégénérés/arriérés/primitifs/inférieurs/consanguins/escrocs/voyous/égorgeurs/tueurs';
/** fr-2026.12.2: the nouns that were missing (`sont des esclaves`, `sont des sauterelles`); a list apart, to bound each entry's expansion. */
const VILE_MORE = 'esclaves/sauterelles/criquets/termites/cancrelats/vermines/microbes/moustiques/hyènes/chacals/macaques/nuisibles/'
  + 'déchets/ordures/larves/sangsues/poux/punaises/virus/cafards';
/** What a generalization calls them, in the singular: `les migrants sont un cancer`. */
const PLAGUE = 'cancer/fléau/virus/poison/plaie/gangrène/peste/maladie/vermine/invasion/calamité/danger/parasite/tumeur/choléra/lèpre';
/** Animals a swarm is compared to: `ils arrivent comme des sauterelles`. */
const SWARM = 'sauterelles/criquets/rats/cafards/termites/cancrelats/lapins/vermines/moustiques/fourmis/mouches/poux/punaises/sangsues';

export const slurs: readonly LexiconEntry[] = [
  // --- anti-Arab, anti-Maghrebi, anti-Muslim
  { pattern: 'bougnoul(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'bougnoulisation', category: 'identity_attack', severity: 3 },
  { pattern: 'bicot(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'crouille(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'crouillat(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'raton(s)', category: 'identity_attack', severity: 3, needsTarget: true,
    allow: ['raton laveur', 'ratons laveurs'] },
  { pattern: 'bounioul(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'mangeur/mangeurs/mangeuse/mangeuses/bouffeur/bouffeurs de sable', category: 'identity_attack', severity: 3 },
  { pattern: 'enturbanné(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'musulmerde(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'islamerde', category: 'identity_attack', severity: 3 },

  // --- anti-Black
  // Not needsTarget: in a comment, nègre is a slur far more often than a literary or historical term; those uses are allowed.
  { pattern: 'nègre(s)', category: 'identity_attack', severity: 3,
    allow: ['nègre littéraire', 'nègres littéraires', 'art nègre', 'nègre marron', 'nègres marrons', 'nègre du narcisse', 'nègre de surinam', 'tête(s) de nègre'] },
  { pattern: 'négresse(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'négro(s)', category: 'identity_attack', severity: 3,
    allow: ['rio negro', 'negro spiritual(s)', 'négro africain(e)(s)', 'négro américain(e)(s)'] },
  { pattern: 'négrillon(ne)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'nigga(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'nigger(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'bamboula(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'mangeur/mangeurs/mangeuse/mangeuses/bouffeur/bouffeurs/bouffeuse/bouffeuses de banane/bananes', category: 'identity_attack', severity: 3, needsTarget: true },
  { pattern: 'macaque(s)', category: 'identity_attack', severity: 3, needsTarget: true },
  { pattern: 'babouin(s)', category: 'identity_attack', severity: 2, needsTarget: true },
  { pattern: 'mal blanchi(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'retourne/retournez/retournes dans/sur ton/ta/tes/votre/vos/leur arbre/arbres/cocotier/cocotiers/brousse/jungle/savane', category: 'identity_attack', severity: 3 },
  { pattern: 'descends/descendez/descend de ton/ta/votre/leur arbre/cocotier/branche', category: 'identity_attack', severity: 3 },

  // --- anti-Asian
  { pattern: 'chinetoque(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'chintok(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'niakoué(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'niak(s)', category: 'identity_attack', severity: 3 },
  // fr-2026.12.2
  { pattern: 'chinetok(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'chintoc(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'face/faces/tête/têtes/tronche de citron', category: 'identity_attack', severity: 3 },
  { pattern: 'yeux bridés de merde', category: 'identity_attack', severity: 3 },
  { pattern: 'mangeur/mangeurs/bouffeur/bouffeurs de chien/chiens/chat/chats/chauve souris', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales jaune/jaunes/niak/niaks/chinetoque/chinetoques/viet/viets', category: 'identity_attack', severity: 3 },

  // --- North African and Sahel usage (fr-2026.12.2): slurs for Black people in the Maghreb
  // (`abid`, `kahlouch`), contempt for the newly arrived (`blédard`), `harki` thrown as an insult.
  { pattern: 'abid(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'kahlouch(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'kahlouche(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'blédard(e)(s)', category: 'identity_attack', severity: 2, needsTarget: true },
  { pattern: 'harki(s)', category: 'identity_attack', severity: 2, needsTarget: true,
    allow: ['les harkis', 'des harkis', 'anciens harkis', 'ancien harki', 'fils de harki(s)', 'enfants de harki(s)', 'familles de harki(s)', 'hommage aux harkis', 'journée des harkis', 'mémoire des harkis'] },
  { pattern: 'sale/sales/espèce de/d esclave/esclaves/nègre/nègres/abid/kahlouch/harki/harkis/blédard/blédards/bédouin/bédouins/chamelier/chameliers/chameau/chameaux',
    category: 'identity_attack', severity: 3 },

  // --- anti-Jewish
  { pattern: 'youpin(e)(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'youtre(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'youde(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'youd(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'youpinerie(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales race/races de juif/juifs/juive/juives/sioniste/sionistes', category: 'identity_attack', severity: 3 },

  // --- other ethnic and national slurs
  { pattern: 'boche(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'schleu(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'rital(e)(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'polack(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'polak(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'espingouin(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'espingoin(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'romanichel(le)(s)', category: 'identity_attack', severity: 2, needsTarget: true },
  { pattern: 'voleur/voleurs/voleuse/voleuses de poules', category: 'identity_attack', severity: 2 },
  { pattern: 'sale/sales race(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'race/races inférieure/inférieures/maudite/maudites', category: 'identity_attack', severity: 3 },
  { pattern: 'race/races de merde/bâtards/chiens/dégénérés', category: 'identity_attack', severity: 3 },
  { pattern: 'sous race(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'sous homme(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'untermensch(en)', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales arabe/arabes/juif/juifs/juive/juives/noir/noirs/noire/noires/négro/négros/musulman/musulmans/musulmane/musulmanes/chinois/chinoise/chinoises/asiat/asiats/blanc/blancs/blanche/blanches/africain/africains/africaine/africaines/maghrébin/maghrébins/algérien/algériens/marocain/marocains/tunisien/tunisiens/turc/turcs/rom/roms/gitan/gitans/gitane/gitanes/rebeu/rebeus/renoi/renois/feuj/feujs/bougnoule/bougnoules/immigré/immigrés/immigrée/immigrées/migrant/migrants/étranger/étrangers/étrangère/étrangères/chrétien/chrétiens/catho/cathos/français/française/françaises/babtou/babtous/toubab/toubabs/sioniste/sionistes/islamiste/islamistes',
    category: 'identity_attack', severity: 3 },
  { pattern: 'retourne/retournes/retournez/rentre/rentres/rentrez dans/en ton/ta/tes/votre/vos/leur pays/bled/brousse/jungle/désert/gourbi/afrique/tribu', category: 'identity_attack', severity: 3 },
  { pattern: 'retourne/retournes/retournez/rentre/rentres/rentrez en afrique/algérie/tunisie/turquie/roumanie/afghanistan/arabie', category: 'identity_attack', severity: 3 },
  { pattern: 'retourne/retournes/retournez/rentre/rentres/rentrez au bled/maroc/mali/sénégal/maghreb', category: 'identity_attack', severity: 3 },
  { pattern: 'mort/morts aux arabes/juifs/noirs/musulmans/blancs/chrétiens/juives/pédés/homos/gitans/roms/migrants/immigrés/étrangers/français/nègres/négros/bougnoules',
    category: 'identity_attack', severity: 3 },
  { pattern: 'dehors les arabes/juifs/noirs/musulmans/migrants/immigrés/étrangers/bougnoules/nègres/roms/gitans', category: 'identity_attack', severity: 3 },
  { pattern: 'la france aux français', category: 'identity_attack', severity: 1 },

  // --- dehumanizing, when aimed at people (the engine needs a target for these)
  { pattern: 'vermine(s)', category: 'identity_attack', severity: 3, needsTarget: true },
  { pattern: 'sont/êtes/etes de la vermine/racaille', category: 'identity_attack', severity: 3 },
  { pattern: 'cette vermine', category: 'identity_attack', severity: 3 },
  // `parasite` alone folds like parasité ("un débat parasité"): only in expressions aimed at people.
  { pattern: 'ces/sales parasites', category: 'identity_attack', severity: 2, allow: ['ces parasites intestinaux'] },
  { pattern: 'bande/tas/ramassis de parasites', category: 'identity_attack', severity: 2 },
  { pattern: 'sont des parasites', category: 'identity_attack', severity: 2 },
  { pattern: 'nuisible(s)', category: 'identity_attack', severity: 2, needsTarget: true,
    allow: ['insectes nuisibles', 'insecte nuisible', 'espèces nuisibles', 'espèce nuisible', 'animaux nuisibles', 'animal nuisible'] },
  { pattern: 'sauvage(s)', category: 'identity_attack', severity: 2, needsTarget: true,
    allow: ['camping sauvage', 'grève sauvage', 'grèves sauvages', 'animaux sauvages', 'animal sauvage', 'faune sauvage', 'dépôt sauvage', 'dépôts sauvages', 'plantes sauvages', 'saumon sauvage', 'vie sauvage', 'nature sauvage', 'côte sauvage', 'capitalisme sauvage', 'stationnement sauvage', 'décharge sauvage', 'décharges sauvages', 'affichage sauvage', 'urbanisation sauvage', 'chat sauvage', 'chats sauvages', 'fleur sauvage', 'fleurs sauvages', 'herbes sauvages', 'champignons sauvages', 'cheval sauvage', 'chevaux sauvages', 'espèces sauvages', 'plage sauvage', 'plages sauvages', 'terres sauvages', 'zone sauvage'] },
  { pattern: 'vous êtes/etes des animaux/bêtes/sauvages/singes/porcs/rats/cafards/chiens/macaques/parasites', category: 'identity_attack', severity: 2 },
  // fr-2026.12.1 — a whole people, faith or origin called criminals or animals: `les Peuls sont des
  // bandits`, `tous les musulmans sont des terroristes`. Needs the group named right before the verb,
  // so `des bandits armés ont attaqué` (news) and `ces gens sont des victimes` stay alone.
  // One entry per adverb: a slot of alternatives per word, and the three together would expand too far.
  ...['', 'tous ', 'toutes ', 'que ', 'vraiment '].flatMap((adverb): LexiconEntry[] => [VILE, VILE_MORE].map((nouns) =>
    ({ pattern: `${PEOPLES} sont ${adverb}des ${nouns}`, category: 'identity_attack', severity: 2 }))),
  { pattern: `${PEOPLES} ne sont que des ${VILE}`, category: 'identity_attack', severity: 2 },
  { pattern: `${PEOPLES} ne sont que des ${VILE_MORE}`, category: 'identity_attack', severity: 2 },
  { pattern: `${PEOPLES} sont un/une ${PLAGUE}`, category: 'identity_attack', severity: 2 },
  { pattern: `${PEOPLES} sont un vrai/véritable ${PLAGUE}`, category: 'identity_attack', severity: 2 },
  { pattern: `${PEOPLES} sont une vraie/véritable ${PLAGUE}`, category: 'identity_attack', severity: 2 },
  { pattern: `${PEOPLES} c est un/une ${PLAGUE}`, category: 'identity_attack', severity: 2 },
  // A swarm of people: said of a group (identity word in the sentence), it holds; of no one named, it flags.
  { pattern: `arrivent/débarquent/déferlent/envahissent/pullulent/prolifèrent/grouillent/reproduisent/multiplient/entrent comme des ${SWARM}`, category: 'identity_attack', severity: 1 },
  { pattern: 'les juifs contrôlent/dirigent/tiennent/possèdent/controlent les/le médias/banques/monde/finance/gouvernement/pouvoir', category: 'identity_attack', severity: 2 },
  { pattern: 'déchet/déchets de l humanité', category: 'identity_attack', severity: 3 },
  { pattern: 'sous humain(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'sous humaine(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'faut/faudrait les exterminer/gazer/stériliser/déporter/pendre/fusiller/parquer', category: 'identity_attack', severity: 3 },
  { pattern: 'faut/faudrait tous les exterminer/gazer/éradiquer/stériliser/déporter/pendre/fusiller/tuer/buter', category: 'identity_attack', severity: 3 },
  { pattern: 'à exterminer/gazer', category: 'identity_attack', severity: 3, needsTarget: true },
  { pattern: 'bon/bons/bonne/bonnes pour le/les four/fours', category: 'identity_attack', severity: 3 },
  { pattern: 'bon/bons/bonne/bonnes pour la chambre à/a gaz', category: 'identity_attack', severity: 3 },
  { pattern: 'à/a la chambre à/a gaz', category: 'identity_attack', severity: 3 },
  { pattern: 'hitler aurait dû/du/pu finir/terminer le travail/boulot', category: 'identity_attack', severity: 3 },
  { pattern: 'hitler avait raison', category: 'identity_attack', severity: 3 },
  { pattern: 'heil hitler', category: 'identity_attack', severity: 3 },
  { pattern: 'sieg heil', category: 'identity_attack', severity: 3 },

  // --- homophobic and transphobic
  { pattern: 'pédé(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'pédoque(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'tarlouze(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'tarlouse(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'tantouze(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'tantouse(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'tapette(s)', category: 'identity_attack', severity: 3, needsTarget: true,
    allow: ['tapette à mouches', 'tapettes à mouches', 'tapette à souris', 'tapettes à souris'] },
  { pattern: 'fiotte(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'gouine(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'gouinasse(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'enculé/enculés de pédé/pédés', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales pédé/pédés/pédale/pédales/homo/homos/gouine/gouines/tarlouze/tarlouzes/tapette/tapettes/travelo/travelos/trav/travs/lesbienne/lesbiennes/gay/gays/pd/trans/tranny',
    category: 'identity_attack', severity: 3 },
  { pattern: 'espèce/espece de pédé/homo/gouine/tarlouze/tapette/travelo/pd/fiotte/lopette/pédale', category: 'identity_attack', severity: 3 },
  { pattern: 'travelo(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'trav(s)', category: 'identity_attack', severity: 2, needsTarget: true },
  { pattern: 'suceur/suceurs de bites/bite/queues', category: 'identity_attack', severity: 3 },

  // --- misogynist
  { pattern: 'mal baisée(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'mal baisé(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'retourne/retournez/retournes à/a ta/tes/votre/vos cuisine/casseroles/vaisselle', category: 'identity_attack', severity: 2 },
  { pattern: 'feminazi(e)(s)', category: 'identity_attack', severity: 2 },

  // --- ableist (used as insults)
  { pattern: 'trisomique(s)', category: 'identity_attack', severity: 2, needsTarget: true },
  { pattern: 'triso(s)', category: 'identity_attack', severity: 2 },
  { pattern: 'autiste(s)', category: 'identity_attack', severity: 1, needsTarget: true },
  { pattern: 'handicapé/handicapée/handicapés/handicapées du cerveau/mental/mentaux', category: 'identity_attack', severity: 2 },
  { pattern: 'espèce/espece de/d handicapé/handicapée/handicapés/trisomique/trisomiques/autiste/autistes/mongolien/mongolienne/mongol/mongole/mongols/gogol/gogols/débile/débiles/taré/tarée/tarés',
    category: 'identity_attack', severity: 2 },
  { pattern: 'sale/sales handicapé/handicapés/handicapée/handicapées/trisomique/trisomiques/mongol/mongols/gogol/gogols', category: 'identity_attack', severity: 3 },
  { pattern: 'subhumain(e)(s)', category: 'identity_attack', severity: 3 },
  // --- fr-2026.11.2
  { pattern: 'les/des/ces/sale/sales basané/basanés/basanée/basanées', category: 'identity_attack', severity: 2 },
  { pattern: 'métèque(s)', category: 'identity_attack', severity: 2, allow: ['métèques d athènes', 'métèque athénien', 'métèques athéniens', 'statut de métèque'] },
  { pattern: 'tafiole(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales/ces/les/des bridé/bridés/bridée/bridées', category: 'identity_attack', severity: 3 },
  { pattern: 'sale/sales/ces/espèce de romano/romanos', category: 'identity_attack', severity: 3 },
  { pattern: 'sandnigger(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'sand nigger(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'faggot(s)', category: 'identity_attack', severity: 3 },
  { pattern: 'race/races supérieure/supérieures', category: 'identity_attack', severity: 1 },
];
