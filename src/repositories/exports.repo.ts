import type { Knex } from 'knex';
import { fromJsonText, toDate } from '../db/dialect.js';
import { CATEGORIES, type CategoryScores, type Match, type Target } from '../scoring/types.js';
import type { CommentStatus } from './comments.repo.js';
import type { ActorType } from './events.repo.js';

/** Rows per query. Exports read the table in keyset pages of this size, never all at once. */
export const EXPORT_PAGE_SIZE = 1000;

/** Which events to export. `from` is inclusive, `before` exclusive (the service turns a day into its end). */
export interface EventExportFilter {
  from?: Date;
  before?: Date;
  moderatorId?: number;
  action?: string;
  reason?: string;
  articleExternalId?: string;
}

export interface CommentExportFilter {
  statuses?: readonly CommentStatus[];
  from?: Date;
  before?: Date;
  articleExternalId?: string;
}

export interface PageOptions {
  pageSize?: number;
}

/** One event of the moderation log with what a reader of the export needs to understand it. */
export interface EventExportRow {
  id: number;
  createdAt: Date;
  actorType: ActorType;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reasonCode: string | null;
  note: string | null;
  commentId: number | null;
  commentExternalId: string | null;
  source: string | null;
  body: string | null;
  articleExternalId: string | null;
  articleTitle: string | null;
  authorExternalId: string | null;
  authorName: string | null;
  /** The score and matches stored on the event: what the moderator saw when deciding. */
  score: number | null;
  matches: Match[] | null;
}

export interface CommentExportRow {
  id: number;
  source: string;
  externalId: string;
  articleExternalId: string;
  articleUrl: string | null;
  articleTitle: string | null;
  authorExternalId: string;
  authorName: string;
  parentExternalId: string | null;
  body: string;
  createdAt: Date;
  status: CommentStatus;
  score: number;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  scorerVersion: string;
  updatedAt: Date;
}

const nullableString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const nullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function toEventExportRow(row: Record<string, unknown>): EventExportRow {
  return {
    id: Number(row.id),
    createdAt: toDate(row.created_at)!,
    actorType: row.actor_type as ActorType,
    actorName: nullableString(row.actor_name),
    actorEmail: nullableString(row.actor_email),
    action: String(row.action),
    fromStatus: nullableString(row.from_status),
    toStatus: nullableString(row.to_status),
    reasonCode: nullableString(row.reason_code),
    note: nullableString(row.note),
    commentId: nullableNumber(row.comment_id),
    commentExternalId: nullableString(row.comment_external_id),
    source: nullableString(row.source),
    body: nullableString(row.body),
    articleExternalId: nullableString(row.article_external_id),
    articleTitle: nullableString(row.article_title),
    authorExternalId: nullableString(row.author_external_id),
    authorName: nullableString(row.author_name),
    score: nullableNumber(row.score),
    matches: fromJsonText<Match[] | null>(row.matches, null),
  };
}

function toCommentExportRow(row: Record<string, unknown>): CommentExportRow {
  return {
    id: Number(row.id),
    source: String(row.source),
    externalId: String(row.external_id),
    articleExternalId: String(row.article_external_id),
    articleUrl: nullableString(row.article_url),
    articleTitle: nullableString(row.article_title),
    authorExternalId: String(row.author_external_id),
    authorName: String(row.author_name),
    parentExternalId: nullableString(row.parent_external_id),
    body: String(row.body),
    createdAt: toDate(row.created_at)!,
    status: row.status as CommentStatus,
    score: Number(row.score),
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, Number(row[`cat_${c}`])])) as CategoryScores,
    target: row.target as Target,
    matches: fromJsonText<Match[]>(row.matches, []),
    scorerVersion: String(row.scorer_version),
    updatedAt: toDate(row.updated_at)!,
  };
}

/**
 * Reads a query in keyset pages on `idColumn` (`id > last` … `limit n`), so an export of a million
 * rows holds one page in memory and every page costs what the first did (no OFFSET). Knex's
 * `.stream()` would need pg-query-stream on PostgreSQL; plain pages work the same on both.
 */
async function* keysetPages<T extends { id: number }>(
  build: () => Knex.QueryBuilder,
  idColumn: string,
  map: (row: Record<string, unknown>) => T,
  pageSize: number,
): AsyncGenerator<T[]> {
  let lastId = 0;
  for (;;) {
    const rows: Array<Record<string, unknown>> = await build().where(idColumn, '>', lastId).orderBy(idColumn, 'asc').limit(pageSize);
    if (rows.length === 0) return;
    const page = rows.map(map);
    lastId = page[page.length - 1]!.id;
    yield page;
    if (rows.length < pageSize) return;
  }
}

async function* flatten<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

/** Read-only queries behind the exports of the moderation log and of the comments. */
export function createExportsRepo(db: Knex) {
  function eventsQuery(filter: EventExportFilter): Knex.QueryBuilder {
    const query = db('moderation_events')
      .leftJoin('users', 'users.id', 'moderation_events.actor_user_id')
      .leftJoin('comments', 'comments.id', 'moderation_events.comment_id')
      .leftJoin('articles', 'articles.id', 'comments.article_id')
      // Author events (ban, restore) have no comment; comment events may leave author_id empty.
      .leftJoin('authors', 'authors.id', db.raw('coalesce(moderation_events.author_id, comments.author_id)'))
      .select(
        'moderation_events.id',
        'moderation_events.created_at',
        'moderation_events.actor_type',
        'users.display_name as actor_name',
        'users.email as actor_email',
        'moderation_events.action',
        'moderation_events.from_status',
        'moderation_events.to_status',
        'moderation_events.reason_code',
        'moderation_events.note',
        'moderation_events.comment_id',
        'comments.external_id as comment_external_id',
        db.raw('coalesce(comments.source, authors.source) as source'),
        'comments.body',
        'articles.external_id as article_external_id',
        'articles.title as article_title',
        'authors.external_id as author_external_id',
        'authors.name as author_name',
        'moderation_events.score',
        'moderation_events.matches',
      );
    if (filter.from) query.where('moderation_events.created_at', '>=', filter.from);
    if (filter.before) query.where('moderation_events.created_at', '<', filter.before);
    if (filter.moderatorId !== undefined) query.where('moderation_events.actor_user_id', filter.moderatorId);
    if (filter.action) query.where('moderation_events.action', filter.action);
    if (filter.reason) query.where('moderation_events.reason_code', filter.reason);
    if (filter.articleExternalId) query.where('articles.external_id', filter.articleExternalId);
    return query;
  }

  function commentsQuery(filter: CommentExportFilter): Knex.QueryBuilder {
    const query = db('comments')
      .join('articles', 'articles.id', 'comments.article_id')
      .join('authors', 'authors.id', 'comments.author_id')
      .leftJoin('comments as parent', 'parent.id', 'comments.parent_id')
      .select(
        'comments.id',
        'comments.source',
        'comments.external_id',
        'articles.external_id as article_external_id',
        'articles.url as article_url',
        'articles.title as article_title',
        'authors.external_id as author_external_id',
        'authors.name as author_name',
        // The stored parent's id when it is known; else the id the site sent (parent not imported yet).
        db.raw('coalesce(parent.external_id, comments.parent_external_id) as parent_external_id'),
        'comments.body',
        'comments.created_at',
        'comments.status',
        'comments.score',
        ...CATEGORIES.map((c) => `comments.cat_${c}`),
        'comments.target',
        'comments.matches',
        'comments.scorer_version',
        'comments.updated_at',
      );
    if (filter.statuses?.length) query.whereIn('comments.status', filter.statuses);
    if (filter.from) query.where('comments.created_at', '>=', filter.from);
    if (filter.before) query.where('comments.created_at', '<', filter.before);
    if (filter.articleExternalId) query.where('articles.external_id', filter.articleExternalId);
    return query;
  }

  return {
    /** Events oldest first (by id), one page of rows per query. */
    eventPages(filter: EventExportFilter, options: PageOptions = {}): AsyncGenerator<EventExportRow[]> {
      return keysetPages(() => eventsQuery(filter), 'moderation_events.id', toEventExportRow, options.pageSize ?? EXPORT_PAGE_SIZE);
    },

    /** The same events one at a time; still read from the database a page at a time. */
    eventRows(filter: EventExportFilter, options: PageOptions = {}): AsyncGenerator<EventExportRow> {
      return flatten(this.eventPages(filter, options));
    },

    /** Comments in insertion order (by id), with their article, author and parent's external id. */
    commentPages(filter: CommentExportFilter, options: PageOptions = {}): AsyncGenerator<CommentExportRow[]> {
      return keysetPages(() => commentsQuery(filter), 'comments.id', toCommentExportRow, options.pageSize ?? EXPORT_PAGE_SIZE);
    },

    commentRows(filter: CommentExportFilter, options: PageOptions = {}): AsyncGenerator<CommentExportRow> {
      return flatten(this.commentPages(filter, options));
    },

    /** A user by id or by e-mail (as stored: lowercase), for the `moderator` filter. */
    async findUserId(ref: { id: number } | { email: string }): Promise<number | undefined> {
      const row = await db('users')
        .where('id' in ref ? { id: ref.id } : { email: ref.email.toLowerCase() })
        .first('id');
      return row ? Number(row.id) : undefined;
    },
  };
}

export type ExportsRepo = ReturnType<typeof createExportsRepo>;
