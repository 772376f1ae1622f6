/**
 * The export section of the admin page (French). Merged into the catalog as `export`:
 * `messages.export.title`, `t.export.title` in the views.
 */
export const exportMessages = {
  title: 'Exports',
  help: 'Téléchargez le journal de modération ou les commentaires. Les dates sont en UTC ; « au » inclut toute la journée.',
  log: 'Journal de modération',
  comments: 'Commentaires',
  format: 'Format',
  formats: { csv: 'CSV (tableur)', ndjson: 'NDJSON (une ligne JSON par entrée)', json: 'JSON' },
  from: 'Du',
  to: 'Au',
  moderator: 'Modérateur (e-mail)',
  action: 'Action',
  anyAction: 'Toutes',
  reason: 'Motif',
  anyReason: 'Tous',
  status: 'Statut',
  anyStatus: 'Tous',
  article: 'Article (identifiant du site)',
  bom: 'Pour Excel (BOM UTF-8)',
  delimiter: 'Séparateur',
  comma: 'Virgule (,)',
  semicolon: 'Point-virgule (;) — Excel en français',
  download: 'Télécharger',
  formulaNote:
    'Par sécurité, dans le CSV, une cellule qui commence par =, +, - ou @ est précédée d’une apostrophe : un tableur l’affiche comme du texte au lieu de l’exécuter comme une formule.',
  reimportNote:
    'Les exports de commentaires peuvent être réimportés tels quels ; pour un aller-retour exact (sans ces apostrophes), choisissez NDJSON ou JSON.',
} as const;

export type ExportMessages = typeof exportMessages;
