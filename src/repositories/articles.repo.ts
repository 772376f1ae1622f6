import type { Knex } from 'knex';

export interface ArticleInput {
  source: string;
  externalId: string;
  url?: string | null;
  title?: string | null;
  createdAt?: Date;
}

export function createArticlesRepo(db: Knex) {
  return {
    /** The article's id, creating it on first sight; a later title or url fills in what was missing. */
    async upsert(input: ArticleInput, trx: Knex = db): Promise<number> {
      const [row] = await trx('articles')
        .insert({
          source: input.source,
          external_id: input.externalId,
          url: input.url ?? null,
          title: input.title ?? null,
          created_at: input.createdAt ?? new Date(),
        })
        .onConflict(['source', 'external_id'])
        .merge({
          url: trx.raw('coalesce(excluded.url, articles.url)'),
          title: trx.raw('coalesce(excluded.title, articles.title)'),
        })
        .returning('id');
      return (row as { id: number }).id;
    },
  };
}

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;
