/**
 * The everyday words of French — articles, pronouns, prepositions, conjunctions, the commonest
 * verbs and adverbs — written folded (lower case, no accents). A local term made only of these
 * would match nearly every comment, so it is refused.
 */
const COMMON_WORDS = new Set(
  `
  a ai aie aient aies ait as au aura aurai auras aurez aurons auront aussi autre autres aux avec avez avoir avons ayant
  bien bon bonne c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme comment
  d dans de des deja deux dit dire doit donc dont du elle elles en encore entre es est et etaient etais etait
  etant ete etes etre eu eux faire fait fais faut fois font ici il ils j je jamais jusque l la le les leur leurs lui
  m ma mais me meme memes mes moi moins mon n ne ni non nos notre nous on ont ou oui par parce pas peu peut peux plus
  pour pourquoi qu quand que quel quelle quelles quels qui quoi rien s sa sans se sera seront ses si sien son sont
  sous sur t ta tant te tes toi ton toujours tous tout toute toutes tres trop tu un une uns unes vers voila vos votre
  vous vu y ya alors apres avant ainsi beaucoup depuis dessus dessous devant ensuite jour jours ans an fin gens
  chose choses fois homme femme hommes femmes pays monde temps vie ville article journal merci oui non peut etre
  va vais vas vont allez allons aller venir viens vient faites fait faisons dis disent dit voir vois voit vu
  sais sait savoir veux veut vouloir pouvoir peux peut doit devoir mettre prendre donner parler
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Whether a folded word is one of the everyday words above. */
export function isCommonWord(folded: string): boolean {
  return COMMON_WORDS.has(folded);
}
