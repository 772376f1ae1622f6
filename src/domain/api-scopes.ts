/**
 * What an API key may do. A CMS that sends comments needs `ingest` (and `read` to learn the
 * decisions); `export` and `import` move the whole archive; `metrics` reads counts
 * (`/metrics`, `/api/v1/stats`).
 */
export const API_SCOPES = ['ingest', 'read', 'export', 'import', 'metrics'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** `ingest,read` or `ingest read` → the scopes, in the canonical order; throws on an unknown one. */
export function parseApiScopes(text: string): ApiScope[] {
  const words = text.split(/[\s,]+/).filter((word) => word !== '');
  const unknown = words.filter((word) => !isApiScope(word));
  if (unknown.length > 0) throw new Error(`unknown API key scope: ${unknown.join(', ')} (known: ${API_SCOPES.join(', ')})`);
  return API_SCOPES.filter((scope) => words.includes(scope));
}
