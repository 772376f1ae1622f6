import type { Knex } from 'knex';
import { externalKey } from './external-key.js';

export interface ArticleInput {
  source: string;
  externalId: string;
  url?: string | null;
  title?: string | null;
  createdAt?: Date;
}

export function createArticlesRepo(db: Knex) {
  return {
    /**
     * Ids of the articles, creating those seen for the first time; a later title or url fills in
     * what was missing. Keyed by externalKey(source, externalId).
     */
    async upsertMany(inputs: readonly ArticleInput[], trx: Knex = db): Promise<Map<string, number>> {
      // One row per article: PostgreSQL refuses to upsert the same row twice in one statement.
      const unique = new Map(inputs.map((input) => [externalKey(input.source, input.externalId), input]));
      const ids = new Map<string, number>();
      const rows = [...unique.values()].map((input) => ({
        source: input.source,
        external_id: input.externalId,
        url: input.url ?? null,
        title: input.title ?? null,
        created_at: input.createdAt ?? new Date(),
      }));
      for (let i = 0; i < rows.length; i += 500) {
        const returned = await trx('articles')
          .insert(rows.slice(i, i + 500))
          .onConflict(['source', 'external_id'])
          .merge({
            url: trx.raw('coalesce(excluded.url, articles.url)'),
            title: trx.raw('coalesce(excluded.title, articles.title)'),
          })
          .returning(['id', 'source', 'external_id']);
        for (const row of returned) ids.set(externalKey(row.source, row.external_id), Number(row.id));
      }
      return ids;
    },
  };
}

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;
