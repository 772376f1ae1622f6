/**
 * The lexicon and rescoring pages (French). Merged into the catalog as `lexicon`:
 * `t.lexicon.title` in the views.
 */
export const lexiconMessages = {
  title: 'Lexique',
  intro:
    "Les mots que Crible reconnaît : le lexique intégré et celui de votre rédaction. Chaque modification est d'abord simulée sur les commentaires en attente, puis enregistrée, journalisée et appliquée aussitôt à tous les nouveaux commentaires ; les commentaires en attente sont ensuite notés de nouveau en arrière-plan. Les décisions des modérateurs ne sont jamais modifiées.",
  version: 'Version',
  builtin: 'Intégré',
  local: 'Rédaction',
  search: 'Rechercher',
  searchLabel: 'Terme',
  anyCategory: 'Toutes catégories',
  anySeverity: 'Toutes gravités',
  anyOrigin: 'Tous',
  origins: { builtin: 'Intégrés', local: 'De la rédaction', disabled: 'Désactivés' },
  shown: (shown: number, total: number) =>
    shown < total ? `${shown.toLocaleString('fr-FR')} affichées sur ${total.toLocaleString('fr-FR')}` : `${total.toLocaleString('fr-FR')} ${total < 2 ? 'entrée' : 'entrées'}`,
  columns: { term: 'Terme', category: 'Catégorie', severity: 'Gravité', origin: 'Origine', notes: 'Précisions', actions: '' },
  needsTarget: 'seulement adressé à quelqu’un',
  allowedIn: 'autorisé dans',
  allowEntry: 'expression autorisée',
  disabled: 'désactivé',
  disable: 'Désactiver…',
  enable: 'Réactiver…',
  remove: 'Retirer…',
  severities: { 1: '1 · léger', 2: '2 · net', 3: '3 · grave' } as Record<number, string>,
  addTerm: 'Ajouter un terme',
  addTermHelp:
    "Écrivez le mot en toutes lettres, sans symbole : Crible reconnaît seul les déguisements (c0nn@rd, c o n n a r d, c*nnard). Une expression de plusieurs mots est reconnue mot à mot.",
  words: 'Mot ou expression',
  forms: 'Formes',
  formOptions: {
    exact: 'Telle quelle',
    plural: 'Avec le pluriel (+s)',
    gender_plural: 'Féminin et pluriel (+e, +s)',
    prefix: 'Tous les mots qui commencent ainsi',
  },
  variants: 'Autres orthographes (séparées par des virgules)',
  category: 'Catégorie',
  severity: 'Gravité',
  needsTargetLabel: "Ne compte que s'il vise quelqu'un (tu, espèce de, @nom, une réponse)",
  preview: "Simuler l'effet",
  addAllow: 'Autoriser une expression',
  addAllowHelp:
    "Un nom de lieu ou de personne qui contient un terme du lexique (un village, un patronyme) : le terme n'y comptera plus, et seulement là.",
  phrase: 'Expression',
  csv: 'Import et export CSV',
  csvHelp:
    'Colonnes : kind (term, allow, disable), words, forms, variants, category, severity (1 à 3), needs_target (oui/non). Un import ajoute ou remplace des entrées, il n’en retire aucune ; une seule ligne fautive et rien n’est importé.',
  exportCsv: 'Télécharger le lexique de la rédaction (CSV)',
  importCsv: 'Importer un CSV',
  file: 'Fichier',
  history: 'Historique des modifications',
  historyColumns: { version: 'Version', when: 'Quand', who: 'Qui', action: 'Action', before: 'Avant', after: 'Après' },
  changeActions: { add: 'Ajout', update: 'Modification', remove: 'Retrait', import: 'Import CSV' } as Record<string, string>,
  noHistory: 'Aucune modification pour le moment.',
  kinds: { term: 'terme', allow: 'expression autorisée', disable: 'désactivation' } as Record<string, string>,
  // The dry run
  previewTitle: 'Simulation',
  previewOf: {
    add: 'Ajout',
    remove: 'Retrait',
    import: 'Import',
  } as Record<string, string>,
  examined: (examined: number, total: number) =>
    examined < total
      ? `Simulé sur les ${examined.toLocaleString('fr-FR')} commentaires en attente les plus récents (sur ${total.toLocaleString('fr-FR')}) : les chiffres sont une estimation.`
      : `Simulé sur les ${total.toLocaleString('fr-FR')} commentaires en attente (publiés, signalés, retenus) : voici exactement ce que l'enregistrement changera.`,
  groups: { held: 'Retenus', flagged: 'Signalés', published: 'Publiés' } as Record<string, string>,
  wouldChange: (n: number) => (n === 0 ? 'aucun ne changerait' : n === 1 ? '1 changerait' : `${n} changeraient`),
  becomes: 'deviendraient',
  sampleColumns: { comment: 'Commentaire', before: 'Avant', after: 'Après', terms: 'Termes' },
  save: 'Enregistrer',
  cancel: 'Annuler',
  saved: (version: number) => `Lexique enregistré (version ${version}). Les commentaires en attente sont notés de nouveau.`,
  // Rescoring
  rescore: 'Nouvelle notation',
  rescoreJob: 'Nouvelle notation',
  rescoreStatus: { running: 'En cours', done: 'Terminée', failed: 'Échouée', superseded: 'Remplacée par une plus récente' } as Record<string, string>,
  rescoreReasons: { lexicon: 'après une modification du lexique', manual: 'à la demande' } as Record<string, string>,
  rescoreDone: (n: number) => (n < 2 ? 'commentaire relu' : 'commentaires relus'),
  rescoreChanged: (n: number) => (n < 2 ? 'changement de statut' : 'changements de statut'),
  rescoreTotal: 'à relire',
  rescoreRefreshing: 'Cette page se met à jour toute seule.',
  lastRescore: 'Dernière nouvelle notation',
  noRescore: 'Aucune pour le moment.',
} as const;
