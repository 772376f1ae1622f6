/** The harassment picture's strings (French): author figures, the automatic rule, pile-on alerts. */
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

export const harassmentMessages = {
  figures: {
    title: 'En chiffres',
    comments: 'Commentaires',
    flaggedRate: 'Signalés ou retenus au tri',
    rejected7: 'Rejets sur 7 jours',
    rejected30: 'Rejets sur 30 jours',
    none: '—',
  },
  automatic: (date: string) => `Prémodéré automatiquement le ${date}`,
  autoPremoderated: (name: string) => `${name} passe en prémodération automatique (trop de rejets récents).`,
  cardRecent: (n: number) => `dont ${n} en 7 j`,
  pileOn: {
    title: (name: string, replies: number, authors: number, minutes: number) =>
      `Possible acharnement contre ${name} : ${plural(replies, 'réponse')} ${replies > 1 ? 'signalées' : 'signalée'} de ${plural(authors, 'auteur')} en ${minutes} min`,
    targetPage: 'Page de la personne visée',
    rejectAll: 'Tout rejeter',
    approveAll: 'Tout approuver',
    more: (n: number) => `et ${n} de plus`,
  },
  admin: {
    rule: 'Prémodération automatique',
    ruleHelp:
      'Quand un rejet porte un auteur à ce nombre de commentaires rejetés sur la période, il passe en prémodération (événement « Crible (automatique) » au journal, réversible depuis sa page). Après un rétablissement, seuls les rejets suivants comptent.',
    enabled: 'Activée',
    rejections: 'Rejets',
    days: 'Jours',
    pileOn: 'Détection d’acharnement',
    pileOnHelp:
      'La file signale une personne (auteur du commentaire auquel on répond, ou nommée avec @) qui reçoit au moins ce nombre de réponses signalées ou retenues, d’au moins ce nombre d’auteurs distincts, dans la fenêtre donnée.',
    replies: 'Réponses',
    authors: 'Auteurs distincts',
    minutes: 'Fenêtre (minutes)',
    saved: 'Réglages enregistrés.',
  },
} as const;
