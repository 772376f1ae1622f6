import type { LexiconEntry } from '../types.js';

/**
 * Harassment: telling someone to shut up, get lost or harm themselves, and contempt aimed at the
 * reader ("je t'emmerde", "personne ne t'a sonné"). The engine also turns an insult aimed at a
 * person into harassment; these entries are harassment on their own.
 *
 * @example
 * { pattern: 'ferme/fermez ta/votre/vos gueule/gueules', category: 'harassment', severity: 2 }
 */
export const harassment: readonly LexiconEntry[] = [
  // --- shut up
  { pattern: 'ta/vos gueule/gueules', category: 'harassment', severity: 2 },
  { pattern: 'ta/vos geule/gueulle/yeule/gueul', category: 'harassment', severity: 2 },
  { pattern: 'ferme/fermez/fermes ta/votre/vos gueule/gueules/geule/yeule/gueulle/mouille', category: 'harassment', severity: 2 },
  { pattern: 'ferme/fermez/fermes ta/votre/vos grande/sale gueule/bouche', category: 'harassment', severity: 2 },
  { pattern: 'ferme/fermez/fermes ton/votre clapet/bec', category: 'harassment', severity: 1 },
  { pattern: 'ferme/fermez/fermes ton/votre claque merde', category: 'harassment', severity: 2 },
  { pattern: 'la ferme connard/connasse/salope/abruti/crétin/imbécile/idiot/débile/pauvre/sale', category: 'harassment', severity: 2 },
  { pattern: 'on t/vous a/avait pas sonné/demandé', category: 'harassment', severity: 1 },
  { pattern: 'on/personne ne t/vous a/avait pas/rien sonné/demandé', category: 'harassment', severity: 1 },

  // --- get lost
  { pattern: 'va/allez te/vous faire foutre/enculer/empapaouter/empaffer/shampouiner', category: 'harassment', severity: 2 },
  { pattern: 'va/allez te/vous faire voir/cuire', category: 'harassment', severity: 1 },
  { pattern: 'va/allez chier/caguer', category: 'harassment', severity: 2 },
  { pattern: 'va/allez te/vous faire soigner/interner', category: 'harassment', severity: 1 },
  { pattern: 'casse/cassez toi/vous', category: 'harassment', severity: 1,
    allow: ['casse toi pas la tête', 'casse toi la tête', 'cassez vous la tête', 'casse toi pas', 'cassez vous pas'] },
  { pattern: 'casse/cassez toi/vous pauvre/sale con/conne/type/connard/merde', category: 'harassment', severity: 2 },
  { pattern: 'dégage/dégagez connard/connards/connasse/sale/salope/pauvre/abruti/abrutis/crétin/crétins/imbécile/idiot/minable/raclure/ordure/enculé/enfoiré', category: 'harassment', severity: 2 },
  { pattern: 'dégage/dégagez d ici', category: 'harassment', severity: 1 },
  { pattern: 'barre/barrez toi/vous', category: 'harassment', severity: 1 },
  { pattern: 'va/allez jouer ailleurs', category: 'harassment', severity: 1 },
  { pattern: 'va/allez te/vous cacher', category: 'harassment', severity: 1 },
  { pattern: 'retourne/retournez jouer aux billes/lego/legos', category: 'harassment', severity: 1 },
  { pattern: 'retourne/retournez dans/à/a ta/tes/votre/vos grotte/poubelle/caverne/niche/porcherie/cage/écurie', category: 'harassment', severity: 2 },

  // --- self-harm and death wishes
  { pattern: 'va/allez te/vous pendre/suicider/tuer/flinguer', category: 'harassment', severity: 3,
    allow: ['allez vous tuer à la tâche', 'allez vous tuer au travail'] },
  { pattern: 'tue/tues toi', category: 'harassment', severity: 3, allow: ['tue toi à la tâche', 'tues toi à la tâche'] },
  { pattern: 'suicide/suicides/suicidez toi/vous', category: 'harassment', severity: 3 },
  { pattern: 'pends/pendez toi/vous', category: 'harassment', severity: 3 },
  { pattern: 'jette/jetez toi/vous d un pont/immeuble/toit/balcon/falaise', category: 'harassment', severity: 3 },
  { pattern: 'jette/jetez toi/vous du haut/pont/toit/balcon', category: 'harassment', severity: 3 },
  { pattern: 'jette/jetez toi/vous sous un/le train/métro/bus/camion', category: 'harassment', severity: 3 },
  { pattern: 'fais/faites nous/moi plaisir crève/crevez/suicide/meurs', category: 'harassment', severity: 3 },
  { pattern: 'tu/vous devrais/devriez te/vous suicider/pendre/tuer/flinguer', category: 'harassment', severity: 3 },
  { pattern: 'tu/vous mérites/méritez de/d crever/mourir/souffrir', category: 'harassment', severity: 3 },
  { pattern: 'tu/vous mérites/méritez d être violé/violée/violés/violées/tué/tuée/tués/pendu/pendus', category: 'harassment', severity: 3 },
  { pattern: 'monde se porterait mieux sans toi/vous', category: 'harassment', severity: 3 },
  { pattern: 'monde serait mieux sans toi/vous', category: 'harassment', severity: 3 },

  // --- contempt aimed at the reader
  { pattern: 'personne/nul ne t/vous aime/aimera', category: 'harassment', severity: 2 },
  { pattern: 'personne ne te/vous regrettera/regretterait', category: 'harassment', severity: 2 },
  { pattern: 'tu/vous sers/servez à/a rien', category: 'harassment', severity: 1 },
  { pattern: 'tu sers à/a quoi', category: 'harassment', severity: 1 },
  { pattern: 't/tu es inutile', category: 'harassment', severity: 1 },
  { pattern: 'vous êtes/etes inutiles', category: 'harassment', severity: 1 },
  { pattern: 't/tu es une/la honte', category: 'harassment', severity: 1 },
  { pattern: 'vous êtes/etes une/la honte', category: 'harassment', severity: 1 },
  { pattern: 'je/j t/vous emmerde/emmerdes/encule/pisse/chie', category: 'harassment', severity: 2 },
  { pattern: 'je/j te/vous pisse/chie dessus', category: 'harassment', severity: 2 },
  { pattern: 'je/j te/vous pisse/chie à/a la raie', category: 'harassment', severity: 2 },
  { pattern: 'je/j te/vous crache/chie/pisse/vomis/vomi à/a la gueule/tronche', category: 'harassment', severity: 2 },
  { pattern: 'je/j te/vous crache dessus', category: 'harassment', severity: 2 },
  { pattern: 'je/j te/vous méprise', category: 'harassment', severity: 1 },
  { pattern: 'tu/vous me/nous fais/faites/soûles/saoules/gaves/gavez/pompes/pompez/casses/cassez les couilles/burnes/bonbons/pieds', category: 'harassment', severity: 1 },
  { pattern: 'tu/vous me/nous les casses/cassez/brises/brisez', category: 'harassment', severity: 1 },
  { pattern: 'tu/vous me/nous fais/faites gerber/vomir', category: 'harassment', severity: 2 },
  { pattern: 'tu/vous me/nous dégoûtes/dégoûtez/écoeures/écoeurez', category: 'harassment', severity: 1 },
  { pattern: 'tu/vous me/nous fais/faites pitié', category: 'harassment', severity: 1 },
  { pattern: 'je/j vais/va publier/balancer ton/votre adresse/numéro/nom', category: 'harassment', severity: 3 },
  { pattern: 'occupe/occupez toi/vous de/d ton/tes/vos/votre cul/fesses/oignons/miches', category: 'harassment', severity: 1 },
  { pattern: 'on/je/j s/m en fout/fous/branle/bat de ton/ta/tes/votre/vos avis/vie/gueule/opinion/opinions', category: 'harassment', severity: 2 },
  { pattern: 'ton/votre avis/opinion on/je s/m en fout/fous/branle/tape/bat/balance', category: 'harassment', severity: 2 },
  { pattern: 'ton/votre avis/opinion tu/vous peux/pouvez te/vous le/la mettre/carrer/foutre', category: 'harassment', severity: 2 },
  { pattern: 'mets/mettez le/la toi/vous où/ou je pense', category: 'harassment', severity: 2 },
  { pattern: 'tu/vous peux/pouvez te/vous le/la carrer/foutre/mettre dans le/ton/ta/votre cul/fion', category: 'harassment', severity: 2 },
  { pattern: 'tu/vous peux/pouvez te/vous le/la carrer/foutre/mettre au cul', category: 'harassment', severity: 2 },
  { pattern: 'tu/vous peux/pouvez te/vous le/la carrer/foutre/mettre où/ou je pense', category: 'harassment', severity: 2 },
];
