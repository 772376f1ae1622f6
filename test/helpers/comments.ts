import { randomUUID } from 'node:crypto';

/** A comment as a site would POST it, unique per call; override any field. */
export function aComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = randomUUID();
  return {
    source: 'test-site',
    externalId: `c-${id}`,
    article: { externalId: 'article-1', url: 'https://journal.example/article-1', title: 'Sécurité à Bamako' },
    author: { externalId: `u-${id}`, name: `Lecteur ${id.slice(0, 6)}` },
    body: 'Merci pour cet article très complet.',
    createdAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}
