import type { Knex } from 'knex';
import { fromJsonText, insertOnConflict, toCount, toDate, toJsonText, whereInList } from '../db/dialect.js';
import { bySource, externalKey } from './external-key.js';
import { applySearch, searchRestriction } from './comment-search.js';
import { CATEGORIES, type CategoryScores, type Match, type Target } from '../scoring/types.js';

import type { CommentStatus } from '../domain/comment-status.js';

export { COMMENT_STATUSES, type CommentStatus } from '../domain/comment-status.js';

export interface NewComment {
  source: string;
  externalId: string;
  articleId: number;
  authorId: number;
  parentId: number | null;
  parentExternalId: string | null;
  body: string;
  createdAt: Date;
  status: CommentStatus;
  score: number;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  scorerVersion: string;
}

/** A comment as the rest of the code sees it, with its article and author. */
export interface Comment {
  id: number;
  source: string;
  externalId: string;
  body: string;
  status: CommentStatus;
  score: number;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  scorerVersion: string;
  version: number;
  createdAt: Date;
  ingestedAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  decidedBy: number | null;
  parentId: number | null;
  parentExternalId: string | null;
  article: { id: number; externalId: string; title: string | null; url: string | null };
  author: { id: number; externalId: string; name: string; status: 'normal' | 'premoderated' | 'banned' };
}

const CATEGORY_COLUMN = Object.fromEntries(CATEGORIES.map((category) => [category, `cat_${category}`])) as Record<(typeof CATEGORIES)[number], string>;

/** The comments table's per-category score columns. */
export const CATEGORY_COLUMNS: readonly string[] = CATEGORIES.map((category) => CATEGORY_COLUMN[category]);

/** The per-category scores as the comments table stores them: one `cat_<name>` column each. */
export function categoryColumns(categories: CategoryScores): Record<string, number> {
  const columns: Record<string, number> = {};
  for (const category of CATEGORIES) columns[CATEGORY_COLUMN[category]] = categories[category];
  return columns;
}

const SELECT_COLUMNS = [
  'comments.*',
  'articles.external_id as article_external_id',
  'articles.title as article_title',
  'articles.url as article_url',
  'authors.external_id as author_external_id',
  'authors.name as author_name',
  'authors.status as author_status',
];

/** comments joined with their article and author, ready for toComment. */
export function selectComments(db: Knex) {
  return db('comments')
    .join('articles', 'articles.id', 'comments.article_id')
    .join('authors', 'authors.id', 'comments.author_id')
    .select(SELECT_COLUMNS);
}

export function toComment(row: Record<string, unknown>): Comment {
  return {
    id: Number(row.id),
    source: String(row.source),
    externalId: String(row.external_id),
    body: String(row.body),
    status: row.status as CommentStatus,
    score: Number(row.score),
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, Number(row[`cat_${c}`])])) as CategoryScores,
    target: row.target as Target,
    matches: fromJsonText<Match[]>(row.matches, []),
    scorerVersion: String(row.scorer_version),
    version: Number(row.version),
    createdAt: toDate(row.created_at)!,
    ingestedAt: toDate(row.ingested_at)!,
    updatedAt: toDate(row.updated_at)!,
    decidedAt: toDate(row.decided_at),
    decidedBy: row.decided_by === null || row.decided_by === undefined ? null : Number(row.decided_by),
    parentId: row.parent_id === null || row.parent_id === undefined ? null : Number(row.parent_id),
    parentExternalId: (row.parent_external_id as string | null) ?? null,
    article: {
      id: Number(row.article_id),
      externalId: String(row.article_external_id),
      title: (row.article_title as string | null) ?? null,
      url: (row.article_url as string | null) ?? null,
    },
    author: {
      id: Number(row.author_id),
      externalId: String(row.author_external_id),
      name: String(row.author_name),
      status: row.author_status as Comment['author']['status'],
    },
  };
}

export function createCommentsRepo(db: Knex) {
  return {
    /**
     * Inserts the comments not stored yet, in order, skipping any (source, externalId) that exists.
     * Returns the new ids keyed by externalKey; a missing key means it was already there.
     */
    async insertManyIfNew(newComments: readonly NewComment[], trx: Knex = db): Promise<Map<string, number>> {
      const now = new Date();
      const ids = new Map<string, number>();
      const rows = newComments.map((comment) => ({
        source: comment.source,
        external_id: comment.externalId,
        article_id: comment.articleId,
        author_id: comment.authorId,
        parent_id: comment.parentId,
        parent_external_id: comment.parentExternalId,
        body: comment.body,
        created_at: comment.createdAt,
        ingested_at: now,
        updated_at: now,
        status: comment.status,
        score: comment.score,
        ...categoryColumns(comment.categories),
        target: comment.target,
        matches: toJsonText(comment.matches),
        scorer_version: comment.scorerVersion,
      }));
      const returned = await insertOnConflict(trx, 'comments', rows, { columns: ['source', 'external_id'], action: 'do nothing' }, ['id', 'source', 'external_id']);
      for (const row of returned) ids.set(externalKey(String(row.source), String(row.external_id)), Number(row.id));
      return ids;
    },

    /** Stored comments among these (source, externalId) pairs, keyed by externalKey. */
    async findManyByExternalIds(
      pairs: ReadonlyArray<{ source: string; externalId: string }>,
      trx: Knex = db,
    ): Promise<Map<string, Comment>> {
      const found = new Map<string, Comment>();
      for (const [source, externalIds] of bySource(pairs)) {
        const rows = await selectComments(trx).where('comments.source', source).where(whereInList(trx, 'comments.external_id', externalIds));
        for (const row of rows) found.set(externalKey(source, String(row.external_id)), toComment(row));
      }
      return found;
    },

    /**
     * The stored comments among these (source, externalId) pairs, reduced to what ingestion needs:
     * their id and their author's name. Keyed by externalKey.
     */
    async findKeys(
      pairs: ReadonlyArray<{ source: string; externalId: string }>,
      trx: Knex = db,
    ): Promise<Map<string, { id: number; authorName: string }>> {
      const found = new Map<string, { id: number; authorName: string }>();
      for (const [source, externalIds] of bySource(pairs)) {
        const rows = await trx('comments')
          .join('authors', 'authors.id', 'comments.author_id')
          .where('comments.source', source)
          .where(whereInList(trx, 'comments.external_id', externalIds))
          .select('comments.id', 'comments.external_id', 'authors.name');
        for (const row of rows) found.set(externalKey(source, String(row.external_id)), { id: Number(row.id), authorName: String(row.name) });
      }
      return found;
    },

    async findManyByIds(ids: readonly number[], trx: Knex = db): Promise<Map<number, Comment>> {
      const found = new Map<number, Comment>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await selectComments(trx).whereIn('comments.id', ids.slice(i, i + 500));
        for (const row of rows) found.set(Number(row.id), toComment(row));
      }
      return found;
    },

    async findById(id: number, trx: Knex = db): Promise<Comment | undefined> {
      const row = await selectComments(trx).where('comments.id', id).first();
      return row ? toComment(row) : undefined;
    },

    /**
     * Sets a new status if the comment is still at `expectedVersion` (optimistic locking).
     * Returns false when someone else changed it first.
     */
    async updateStatus(
      id: number,
      expectedVersion: number,
      change: { status: CommentStatus; decidedBy: number | null; at: Date },
      trx: Knex = db,
    ): Promise<boolean> {
      const updated = await trx('comments')
        .where({ id, version: expectedVersion })
        .update({
          status: change.status,
          decided_by: change.decidedBy,
          decided_at: change.at,
          updated_at: change.at,
          version: expectedVersion + 1,
        });
      return updated === 1;
    },

    /** For a site syncing decisions back: oldest change first, keyset on (updated_at, id); maybe a full-text search. */
    async listChanged(filter: {
      statuses?: readonly CommentStatus[];
      updatedSince?: Date;
      after?: { updatedAt: Date; id: number };
      search?: string;
      limit: number;
    }): Promise<Comment[]> {
      const query = selectComments(db).orderBy([
        { column: 'comments.updated_at', order: 'asc' },
        { column: 'comments.id', order: 'asc' },
      ]);
      if (filter.statuses?.length) query.whereIn('comments.status', filter.statuses);
      if (filter.updatedSince) query.where('comments.updated_at', '>=', filter.updatedSince);
      if (filter.after) {
        const { updatedAt, id } = filter.after;
        query.where((q) =>
          q.where('comments.updated_at', '>', updatedAt).orWhere((q2) => q2.where('comments.updated_at', '=', updatedAt).andWhere('comments.id', '>', id)),
        );
      }
      const restriction = await searchRestriction(db, filter.search, filter.statuses?.length ? filter.statuses : null);
      if (!applySearch(db, query, restriction)) return [];
      return (await query.limit(filter.limit)).map(toComment);
    },

    /** The author's comments still waiting for a moderator. */
    async pendingIdsOfAuthor(authorId: number, trx: Knex = db): Promise<number[]> {
      const rows = await trx('comments').where({ author_id: authorId }).whereIn('status', ['held', 'flagged']).select('id');
      return rows.map((row: { id: unknown }) => Number(row.id));
    },

    async count(): Promise<number> {
      const row = await db('comments').count({ n: '*' }).first();
      return toCount(row?.n);
    },
  };
}

export type CommentsRepo = ReturnType<typeof createCommentsRepo>;
