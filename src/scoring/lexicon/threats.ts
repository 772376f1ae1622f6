import type { LexiconEntry } from '../types.js';

/**
 * Threats of violence aimed at the reader or at someone, as whole expressions: a first person
 * (je, j', on, nous, ils) + a second person object (te, t', vous) + a violent verb.
 * All severity 3.
 *
 * No bare verb or noun is listed: "les djihadistes ont tué 12 soldats", "accusé de viol",
 * "menaces de mort" are news, not threats.
 *
 * @example
 * { pattern: 'je/j/on vais/va te/t/vous tuer/crever/buter', category: 'threat', severity: 3 }
 */

/** Violent verbs in the infinitive, after "je vais te …" / "on va vous …". */
const KILL =
  'tuer/crever/buter/flinguer/égorger/égorgé/saigner/étrangler/massacrer/défoncer/démolir/fracasser/éclater/exploser/'
  + 'dépecer/découper/décapiter/lyncher/pendre/fusiller/éliminer/éventrer/planter/suriner/poignarder/brûler/cramer/'
  + 'immoler/noyer/écraser/tabasser/frapper/cogner/défigurer/mutiler/torturer/assassiner/achever/enterrer/'
  + 'briser/détruire/fumer/plomber/calciner/gazer/violer/kidnapper/séquestrer/buté/tué';

export const threats: readonly LexiconEntry[] = [
  { pattern: `je/j/on vais/va te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `jvais/jvé/jvai/chui te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `nous allons/irons te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `ils/ils/elles vont te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `je/j veux/voudrais/compte/devrais/pourrais te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `je/j vais/veux/devrais aller te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `je/j vais/veux/vas venir te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `on devrait/pourrait te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: `mérites/méritez/mériterais/mériteriez qu on/l on te/t/vous ${KILL}`, category: 'threat', severity: 3 },
  { pattern: 'je/j te/t/vous tuerai/crèverai/buterai/égorgerai/massacrerai/défoncerai/brûlerai/découperai/démolirai/saignerai/étranglerai/fumerai/planterai/lyncherai/exploserai/éclaterai/pendrai/violerai',
    category: 'threat', severity: 3 },
  { pattern: 'on te/t/vous tuera/crèvera/butera/égorgera/massacrera/défoncera/brûlera/découpera/démolira/saignera/fumera/plantera/lynchera/pendra',
    category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va les/le/la buter/égorger/crever/massacrer/flinguer/saigner/étrangler/lyncher/décapiter/dépecer/éventrer', category: 'threat', severity: 3 },
  { pattern: 'faut/faudrait le/la/les buter/égorger/massacrer/flinguer/lyncher/décapiter/dépecer/éventrer', category: 'threat', severity: 3 },
  // fr-2026.12.1: no subject needed, so coordinated threats count too (`je vais te retrouver et te faire la peau`)
  { pattern: 'te/t/vous faire la peau', category: 'threat', severity: 3 },
  { pattern: 'on/je/j va/vais/aura/aurai ta/votre peau', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous faire bouffer tes/vos dents', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous casser/péter/éclater/exploser/défoncer/refaire/arracher la/ta gueule/tronche/face/tête', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous casser/péter/briser les/tes/vos dents/jambes/genoux/bras/os/rotules', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous mettre/coller/loger une/des balle/balles', category: 'threat', severity: 3 },
  { pattern: 'une/des balle/balles dans ta/ton/votre tête/tete/crâne/gueule/bide/front', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous faire sauter/exploser la/ta/votre cervelle/caisse/tête/baraque/maison', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va brûler/cramer/incendier ta/votre maison/baraque/voiture/caisse', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous faire regretter', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous faire du/très mal', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous faire souffrir', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous régler ton/votre compte', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez le/la regretter', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez le/la payer cher/très', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez me/nous le payer', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez crever/morfler', category: 'threat', severity: 3,
    allow: ['tu vas crever de faim', 'tu vas crever de chaud', 'tu vas crever de froid', 'vous allez crever de faim', 'vous allez crever de chaud', 'vous allez crever de froid', 'tu vas crever d ennui', 'vous allez crever d ennui'] },
  { pattern: 'tu/vous vas/allez prendre cher', category: 'threat', severity: 2 },
  { pattern: 'tu/vous vas/allez finir/terminer à/a la morgue', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez finir/terminer six pieds sous terre', category: 'threat', severity: 3 },
  { pattern: 'tu/vous vas/allez finir/terminer dans un fossé/sac/cercueil/caniveau', category: 'threat', severity: 3 },
  { pattern: 't/tu es/es un homme mort', category: 'threat', severity: 3 },
  { pattern: 't/tu es/es une femme morte', category: 'threat', severity: 3 },
  { pattern: 'vous êtes/etes des hommes/femmes morts/mortes', category: 'threat', severity: 3 },
  { pattern: 't/tu es/es mort/morte', category: 'threat', severity: 2, allow: ['t es mort de rire', 'tu es mort de rire', 'tu es mort de peur', 'tu es morte de rire', 'tu es morte de peur'] },
  { pattern: 'tes/vos jours sont comptés', category: 'threat', severity: 3 },
  { pattern: 'je/on sais/sait/connais/connait/connaît où/ou tu/vous habites/habitez/vis/vivez/dors/dormez/bosses/travailles/travaillez', category: 'threat', severity: 3 },
  { pattern: 'je/j/on connais/connait/connaît ton/ta/votre adresse', category: 'threat', severity: 3 },
  { pattern: 'gare à/a toi', category: 'threat', severity: 2 },
  { pattern: 'attention à/a ta/ton/tes/votre/vos gueule/miches/fesses', category: 'threat', severity: 2 },
  { pattern: 'je/j vais/va m occuper de ton/votre cas', category: 'threat', severity: 2 },
  { pattern: 'je/j/on vais/va te/t/vous faire taire', category: 'threat', severity: 2 },
  { pattern: 'je/j/on vais/va t/te/vous apprendre à/a vivre', category: 'threat', severity: 2 },
  { pattern: 'mort à/a toi/vous/lui/eux', category: 'threat', severity: 3 },
  { pattern: 'crève/crevez salope/sale/connard/connasse/charogne/pourriture/ordure/enculé/chien/chienne/enfoiré', category: 'threat', severity: 3 },
  { pattern: 'va/vas/allez crever', category: 'threat', severity: 3, needsTarget: true,
    allow: ['va crever de faim', 'va crever de chaud', 'va crever de froid', 'allez crever de faim', 'allez crever de chaud', 'allez crever de froid', 'va crever d ennui', 'allez crever d ennui', 'va crever de rire', 'allez crever de rire', 'va crever le plafond', 'va crever l écran'] },
  { pattern: 'va/vas/allez crever/mourir salope/salopes/sale/connard/connards/connasse/charogne/pourriture/ordure/ordures/enculé/enculés/chien/chiens/chienne/enfoiré/enfoirés', category: 'threat', severity: 3 },
  { pattern: 'tu/vous peux/pouvez crever', category: 'threat', severity: 3,
    allow: ['tu peux crever de faim', 'vous pouvez crever de faim', 'tu peux crever de rire', 'vous pouvez crever de rire'] },
  { pattern: 'j espère/espere/souhaite que tu/vous crèves/crevez/meures/mourrez/mouriez/creves', category: 'threat', severity: 3 },
  // fr-2026.12.1: death wished on the reader's family
  { pattern: 'j espère/espere/souhaite que ta/ton/tes/votre/vos famille/mère/mere/père/pere/femme/fille/fils/enfants/gosses/proches/parents crève/creve/crèvera/crevera/crèvent/crevent/crèveront/creveront/meure/meurt/mourra/meurent/mourront',
    category: 'threat', severity: 3 },
  { pattern: 'mérites/mérite/méritez/méritent/mériterait/mériterais/mériteraient une/des balle/balles dans la/ta/sa/leur/votre tête/tete/crâne/nuque/gueule',
    category: 'threat', severity: 3 },
  { pattern: 'qu il/elle/ils/elles crève/crèvent/creve/crevent', category: 'threat', severity: 3 },
  { pattern: 'crever/crève/crèves/crevez comme un/une/des chien/chiens/rat/rats/chienne/porc/porcs', category: 'threat', severity: 2 },
  { pattern: 'qu on le/la/les pende/pendent/fusille/fusillent/bute/butent/crève', category: 'threat', severity: 3 },
  // fr-2026.12.1: death called for on someone named (`ce président mérite d'être pendu`)
  { pattern: 'mérite/mérites/méritent/mériterait/mériteraient/méritait d être pendu/pendus/pendue/fusillé/fusillés/fusillée/abattu/abattus/abattue/lynché/lynchés/lynchée/exécuté/exécutés/exécutée/égorgé/égorgés/buté/butés/butée/brûlé/brûlés/brûlée/décapité/décapités',
    category: 'threat', severity: 3 },
  // fr-2026.12.2: the same calls in every person (`elle mérite d'être violée`, `tu mériterais d'être abattu`).
  { pattern: 'mérite/mérites/méritent/mériterait/mériteraient/méritait/méritez/mériterais/mériteriez d être violé/violée/violés/violées/tué/tuée/tués/tuées/égorgée/égorgées/pendues/fusillées/abattues/lynchées/exécutées/brûlées/décapitée/décapitées/battu/battue/battus/battues/massacré/massacrée/massacrés/gazé/gazés/éliminé/éliminée/éliminés',
    category: 'threat', severity: 3 },
  { pattern: 'tu/vous mérites/méritez/mériterais/mériteriez d être pendue/fusillé/fusillée/abattu/abattue/lynché/lynchée/exécuté/exécutée/égorgé/égorgée/buté/butée/brûlé/brûlée/décapité/décapitée',
    category: 'threat', severity: 3 },
  { pattern: 'il/elle/ils/elles/ça/ca mérite/méritent/mériterait/mériteraient/méritait de/d crever/mourir/souffrir/disparaître/disparaitre', category: 'threat', severity: 3 },
  { pattern: 'mérite/méritent/mériterait/mériteraient de/d crever', category: 'threat', severity: 3 },
  { pattern: 'une/des balle/balles dans la tête/tete/gueule/nuque de ce/cette/ces/cet', category: 'threat', severity: 3 },
  { pattern: 'pendez les/le/la tous', category: 'threat', severity: 3 },
  { pattern: 'une/des corde/cordes et un arbre', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va violer ta/votre femme/fille/mère/soeur/sœur', category: 'threat', severity: 3 },
  { pattern: 'ça/ca va mal finir pour toi/vous', category: 'threat', severity: 2 },
  { pattern: 'tu/vous ne perds/perdez rien pour attendre', category: 'threat', severity: 2 },
  { pattern: 'tu/vous perds/perdez rien pour attendre', category: 'threat', severity: 2 },
  { pattern: 'tu/vous vas/allez le/la sentir passer', category: 'threat', severity: 2 },
  { pattern: 'tu/vous vas/allez en prendre une/plein', category: 'threat', severity: 2 },
  { pattern: 'je/j vais/va te/t/vous en coller/foutre/retourner une', category: 'threat', severity: 2 },
  { pattern: 'une/des baffe/baffes/claque/claques/tarte/tartes/mandale/mandales/beigne/beignes/gifle/gifles dans ta/la gueule/tronche', category: 'threat', severity: 2 },
  { pattern: 'mon poing dans ta/la gueule/tronche/face', category: 'threat', severity: 3 },
  { pattern: 'mon pied au cul', category: 'threat', severity: 2 },
  { pattern: 'mon pied dans le/ton/ta/votre cul/gueule/tronche', category: 'threat', severity: 2 },
  { pattern: 'coup/coups de pied au cul', category: 'threat', severity: 1, needsTarget: true },
  { pattern: 'tuez/tuons/butez/butons/crevez les/le/la tous/toutes', category: 'threat', severity: 3 },
  { pattern: 'qu on lui/leur coupe/coupent la tête/tete/gorge', category: 'threat', severity: 3 },
  { pattern: 'retrouver et te/t/vous buter/crever/tuer/égorger/flinguer/massacrer/défoncer', category: 'threat', severity: 3 },
  // --- fr-2026.11.2: threats about a third person, beatings, calls to lynch or execute someone
  { pattern: 'je/j vais/va lui/leur casser/péter/éclater/exploser/défoncer/refaire la gueule/tronche/face', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous/lui/leur mettre/coller/foutre une raclée/branlée/rouste/dérouillée/correction/tannée/trempe/pâtée', category: 'threat', severity: 2 },
  { pattern: 'tu/vous vas/allez prendre/recevoir/manger une raclée/branlée/rouste/dérouillée/correction/tannée', category: 'threat', severity: 2 },
  { pattern: 'je/j vais/va te/t/vous tirer dessus', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous envoyer à/a l hôpital/hosto/morgue', category: 'threat', severity: 3 },
  { pattern: 'je/j vais/va te/t/vous envoyer au cimetière/tapis', category: 'threat', severity: 3 },
  { pattern: 'si je/j te/t/vous chope/choppe/attrape', category: 'threat', severity: 2 },
  { pattern: 'on/il devrait/faudrait/faut le/la/les pendre/fusiller/lyncher/guillotiner/castrer/buter/égorger/décapiter', category: 'threat', severity: 3 },
  { pattern: 'butez/lynchez/fusillez/égorgez/massacrez/exterminez/tabassez/pendez les/le/la', category: 'threat', severity: 3,
    allow: ['pendez le linge'] },
];
