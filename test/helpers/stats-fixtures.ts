import type { Knex } from 'knex';

/**
 * Hand-built rows for the statistics tests: comments and log events written straight to the
 * tables with the exact times, scores and matches a test needs (the ingest and moderation services
 * always stamp "now", which a figure per day cannot be checked against).
 */
export interface FixtureMatch {
  term: string;
  category: string;
}

let counter = 0;

export async function insertArticleAndAuthor(db: Knex): Promise<{ articleId: number; authorId: number }> {
  counter += 1;
  const now = new Date();
  const [article] = await db('articles').insert({ source: 'fx', external_id: `a${counter}`, created_at: now }).returning('id');
  const [author] = await db('authors')
    .insert({ source: 'fx', external_id: `u${counter}`, name: `Auteur ${counter}`, created_at: now, updated_at: now })
    .returning('id');
  return { articleId: Number(article.id), authorId: Number(author.id) };
}

export async function insertUser(db: Knex, displayName: string): Promise<number> {
  counter += 1;
  const [row] = await db('users')
    .insert({ email: `fx${counter}-${process.pid}@example.test`, display_name: displayName, password_hash: 'x', role: 'moderator', created_at: new Date() })
    .returning('id');
  return Number(row.id);
}

const asMatches = (matches: readonly FixtureMatch[]) =>
  JSON.stringify(matches.map((m, i) => ({ ...m, severity: 2, start: i, end: i + 1, text: m.term })));

export async function insertComment(
  db: Knex,
  owner: { articleId: number; authorId: number },
  c: { at: string; status: string; score: number; categories?: Record<string, number>; matches?: FixtureMatch[]; body?: string },
): Promise<number> {
  counter += 1;
  const at = new Date(c.at);
  const categories = Object.fromEntries(Object.entries(c.categories ?? {}).map(([k, v]) => [`cat_${k}`, v]));
  const [row] = await db('comments')
    .insert({
      source: 'fx',
      external_id: `c${counter}`,
      article_id: owner.articleId,
      author_id: owner.authorId,
      body: c.body ?? 'texte',
      created_at: at,
      ingested_at: at,
      updated_at: at,
      status: c.status,
      score: c.score,
      ...categories,
      target: 'none',
      matches: asMatches(c.matches ?? []),
      scorer_version: 'fx',
    })
    .returning('id');
  return Number(row.id);
}

export async function insertEvent(
  db: Knex,
  e: {
    commentId: number;
    at: string;
    action: string;
    from: string | null;
    to: string;
    userId?: number;
    actorType?: 'user' | 'system' | 'import';
    score: number;
    matches?: FixtureMatch[];
  },
): Promise<void> {
  await db('moderation_events').insert({
    comment_id: e.commentId,
    actor_type: e.actorType ?? (e.userId ? 'user' : 'system'),
    actor_user_id: e.userId ?? null,
    action: e.action,
    from_status: e.from,
    to_status: e.to,
    score: e.score,
    matches: asMatches(e.matches ?? []),
    created_at: new Date(e.at),
  });
}
