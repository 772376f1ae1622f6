import type { Knex } from 'knex';
import { toCount } from '../db/dialect.js';
import { externalKey, findOrCreateByExternalKeys } from './external-key.js';

export type AuthorStatus = 'normal' | 'premoderated' | 'banned';

export interface AuthorInput {
  source: string;
  externalId: string;
  name: string;
}

export interface Author {
  id: number;
  source: string;
  externalId: string;
  name: string;
  status: AuthorStatus;
}

export interface AuthorStats {
  comments: number;
  rejected: number;
  pending: number;
}

export function createAuthorsRepo(db: Knex) {
  return {
    async findById(id: number, trx: Knex = db): Promise<Author | undefined> {
      const row = await trx('authors').where({ id }).first();
      return row
        ? { id: row.id, source: row.source, externalId: row.external_id, name: row.name, status: row.status }
        : undefined;
    },

    async setStatus(id: number, status: AuthorStatus, trx: Knex = db): Promise<void> {
      await trx('authors').where({ id }).update({ status, updated_at: new Date() });
    },

    /** What a moderator wants to know about an author at a glance. */
    async stats(id: number): Promise<AuthorStats> {
      const rows: Array<{ status: string; n: unknown }> = await db('comments')
        .where({ author_id: id })
        .select('status')
        .count({ n: '*' })
        .groupBy('status');
      const count = (statuses: string[]) =>
        rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + toCount(row.n), 0);
      return {
        comments: count(['published', 'flagged', 'held', 'approved', 'rejected']),
        rejected: count(['rejected']),
        pending: count(['held', 'flagged']),
      };
    },

    /** The author's id and moderation status, creating the author on first sight. */
    /**
     * Ids and statuses of the authors, creating those seen for the first time (keyed by
     * externalKey). A new display name replaces the old one.
     */
    async upsertMany(inputs: readonly AuthorInput[], trx: Knex = db): Promise<Map<string, { id: number; status: AuthorStatus }>> {
      const unique = new Map(inputs.map((input) => [externalKey(input.source, input.externalId), input]));
      const now = new Date();
      const rows = [...unique.values()].map((input) => ({
        source: input.source,
        external_id: input.externalId,
        name: input.name,
        status: 'normal',
        created_at: now,
        updated_at: now,
      }));
      const found = await findOrCreateByExternalKeys(trx, 'authors', rows, ['id', 'status', 'name']);
      const authors = new Map<string, { id: number; status: AuthorStatus }>();
      for (const [key, row] of found) {
        authors.set(key, { id: Number(row.id), status: row.status as AuthorStatus });
        const name = unique.get(key)?.name;
        if (name !== undefined && name !== row.name) await trx('authors').where({ id: row.id }).update({ name, updated_at: now });
      }
      return authors;
    },
  };
}

export type AuthorsRepo = ReturnType<typeof createAuthorsRepo>;
