import type { Knex } from 'knex';
import { externalKey, findOrCreateByExternalKeys } from './external-key.js';

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
      const unique = new Map(inputs.map((input) => [externalKey(input.source, input.externalId), input]));
      const rows = [...unique.values()].map((input) => ({
        source: input.source,
        external_id: input.externalId,
        url: input.url ?? null,
        title: input.title ?? null,
        created_at: input.createdAt ?? new Date(),
      }));
      const found = await findOrCreateByExternalKeys(trx, 'articles', rows, ['id', 'url', 'title']);
      const ids = new Map<string, number>();
      for (const [key, row] of found) {
        ids.set(key, Number(row.id));
        const input = unique.get(key);
        // A later title or url fills in what an earlier sighting lacked; it never erases one.
        const fill = { url: row.url ?? input?.url ?? null, title: row.title ?? input?.title ?? null };
        if (fill.url !== row.url || fill.title !== row.title) await trx('articles').where({ id: row.id }).update(fill);
      }
      return ids;
    },
  };
}

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;
