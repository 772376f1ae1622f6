import type { Knex } from 'knex';
import { toCount } from '../db/dialect.js';
import type { Category } from '../scoring/types.js';
import { selectComments, toComment, type Comment, type CommentStatus } from './comments.repo.js';
import { applySearch, searchRestriction } from './comment-search.js';

export type QueueView = 'todo' | 'held' | 'flagged' | 'approved' | 'rejected' | 'published' | 'all';
export type QueueSort = 'score' | 'newest' | 'oldest';

export const VIEW_STATUSES: Record<QueueView, readonly CommentStatus[] | null> = {
  todo: ['held', 'flagged'],
  held: ['held'],
  flagged: ['flagged'],
  approved: ['approved'],
  rejected: ['rejected'],
  published: ['published'],
  all: null,
};

/** Where the previous page stopped: the sort key of its last comment and its id. */
export interface QueueCursor {
  key: number;
  id: number;
}

export interface QueueFilter {
  view: QueueView;
  sort: QueueSort;
  articleId?: number;
  authorId?: number;
  category?: Category;
  minScore?: number;
  maxScore?: number;
  from?: Date;
  to?: Date;
  /** Full-text search (see domain/search-query.ts): body, author name, article title. */
  search?: string;
  after?: QueueCursor;
  /** A page going back: the comments just before this cursor, still in the view's order. */
  before?: QueueCursor;
  limit: number;
}

const SORT_COLUMN: Record<QueueSort, string> = { score: 'comments.score', newest: 'comments.created_at', oldest: 'comments.created_at' };

export function sortKeyOf(comment: Comment, sort: QueueSort): number {
  return sort === 'score' ? comment.score : comment.createdAt.getTime();
}

/** The order rows are read in: the view's, or its reverse when paging back. */
function pageDirection(filter: QueueFilter): 'asc' | 'desc' {
  const forward = filter.sort === 'oldest' ? 'asc' : 'desc';
  return filter.before ? (forward === 'asc' ? 'desc' : 'asc') : forward;
}

export function createQueueRepo(db: Knex) {
  async function pageQuery(filter: QueueFilter, statuses: readonly CommentStatus[] | null): Promise<Array<Record<string, unknown>>> {
    const column = SORT_COLUMN[filter.sort];
    const direction = pageDirection(filter);
    const query = selectComments(db)
      .orderBy([
        { column, order: direction },
        { column: 'comments.id', order: direction },
      ])
      .limit(filter.limit);
    if (statuses) query.whereIn('comments.status', statuses);
    if (filter.articleId) query.where('comments.article_id', filter.articleId);
    if (filter.authorId) query.where('comments.author_id', filter.authorId);
    if (filter.category) query.where(`comments.cat_${filter.category}`, '>', 0);
    if (filter.minScore !== undefined) query.where('comments.score', '>=', filter.minScore);
    if (filter.maxScore !== undefined) query.where('comments.score', '<=', filter.maxScore);
    if (filter.from) query.where('comments.created_at', '>=', filter.from);
    if (filter.to) query.where('comments.created_at', '<', filter.to);
    const cursor = filter.before ?? filter.after;
    if (cursor) {
      const { key, id } = cursor;
      const value = filter.sort === 'score' ? key : new Date(key);
      const beyond = direction === 'desc' ? '<' : '>';
      query.where((q) => q.where(column, beyond, value).orWhere((q2) => q2.where(column, '=', value).andWhere('comments.id', beyond, id)));
    }
    const restriction = await searchRestriction(db, filter.search, statuses);
    return applySearch(db, query, restriction) ? await query : [];
  }

  return {
    /**
     * One page of the queue, keyset-paginated. A view over several statuses runs one indexed
     * query per status and merges them, so the database never sorts the whole queue.
     */
    async page(filter: QueueFilter): Promise<Comment[]> {
      const statuses = VIEW_STATUSES[filter.view];
      const groups = statuses && statuses.length > 1 ? statuses.map((status) => [status]) : [statuses];
      const pages = await Promise.all(groups.map((group) => pageQuery(filter, group)));
      const comments = pages.flat().map(toComment);
      const sign = pageDirection(filter) === 'asc' ? 1 : -1;
      comments.sort((a, b) => sign * (sortKeyOf(a, filter.sort) - sortKeyOf(b, filter.sort)) || sign * (a.id - b.id));
      const page = comments.slice(0, filter.limit);
      return filter.before ? page.reverse() : page;
    },

    /** How many comments each view holds (the tab counts). */
    async viewCounts(): Promise<Record<QueueView, number>> {
      // Kept by database triggers (see the comment_counts migration): no scan of the comments.
      const rows: Array<{ status: string; n: unknown }> = await db('comment_counts').select('status', 'n');
      const byStatus = new Map(rows.map((row) => [row.status, toCount(row.n)]));
      const counts = {} as Record<QueueView, number>;
      for (const [view, statuses] of Object.entries(VIEW_STATUSES) as Array<[QueueView, readonly CommentStatus[] | null]>) {
        counts[view] = statuses
          ? statuses.reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0)
          : [...byStatus.values()].reduce((a, b) => a + b, 0);
      }
      return counts;
    },

    /** Comments by id, for showing a reply's parent. */
    async byIds(ids: readonly number[]): Promise<Map<number, Comment>> {
      if (ids.length === 0) return new Map();
      const rows = await selectComments(db).whereIn('comments.id', ids);
      return new Map(rows.map((row: Record<string, unknown>) => [Number(row.id), toComment(row)]));
    },

    /** Comments, rejections and pending comments per author, in one query. */
    async authorStats(authorIds: readonly number[]): Promise<Map<number, { comments: number; rejected: number; pending: number }>> {
      const stats = new Map(authorIds.map((id) => [id, { comments: 0, rejected: 0, pending: 0 }]));
      if (authorIds.length === 0) return stats;
      const rows: Array<{ author_id: unknown; status: string; n: unknown }> = await db('comments')
        .whereIn('author_id', authorIds)
        .select('author_id', 'status')
        .count({ n: '*' })
        .groupBy('author_id', 'status');
      for (const row of rows) {
        const entry = stats.get(Number(row.author_id))!;
        const n = toCount(row.n);
        entry.comments += n;
        if (row.status === 'rejected') entry.rejected += n;
        if (row.status === 'held' || row.status === 'flagged') entry.pending += n;
      }
      return stats;
    },

    async articles(): Promise<Array<{ id: number; title: string }>> {
      const rows = await db('articles').select('id', 'title', 'external_id').orderBy('created_at', 'desc').limit(200);
      return rows.map((row: { id: unknown; title: string | null; external_id: string }) => ({
        id: Number(row.id),
        title: row.title ?? row.external_id,
      }));
    },
  };
}

export type QueueRepo = ReturnType<typeof createQueueRepo>;
