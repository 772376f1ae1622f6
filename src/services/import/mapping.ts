import { commentTimeProblem, incomingCommentSchema, type IncomingComment } from '../../domain/incoming-comment.js';
import type { CommentStatus } from '../../domain/comment-status.js';
import { toFieldProblems } from '../../domain/field-problems.js';

/** Crible's fields and the column names common dumps use for them (Coral Talk's CSV works as is). */
const DEFAULT_COLUMNS = {
  source: ['source'],
  id: ['id', 'comment_id', 'commentid', 'externalid', 'external_id'],
  article: ['article_id', 'story_id', 'post_id', 'article', 'articleid', 'url', 'article_url', 'article_title'],
  article_url: ['article_url', 'url', 'story_url', 'post_url'],
  article_title: ['article_title', 'story_title', 'post_title', 'title'],
  author: ['author_id', 'user_id', 'author', 'authorid', 'author_name', 'username'],
  author_name: ['author_name', 'username', 'user_name', 'display_name', 'author'],
  body: ['body', 'text', 'content', 'message', 'comment'],
  created_at: ['created_at', 'date', 'createdat', 'timestamp', 'created'],
  parent: ['parent_id', 'parentid', 'parentexternalid', 'reply_to', 'in_reply_to'],
  status: ['status'],
} as const;

export type MappedField = keyof typeof DEFAULT_COLUMNS;
export const MAPPED_FIELDS = Object.keys(DEFAULT_COLUMNS) as MappedField[];

export class MappingError extends Error {
  override name = 'MappingError';
}

/** Parses `--map body=texte` options into overrides, refusing unknown field names. */
export function parseMapOptions(options: readonly string[]): Partial<Record<MappedField, string>> {
  const overrides: Partial<Record<MappedField, string>> = {};
  for (const option of options) {
    const [field, column] = option.split('=', 2);
    if (!field || !column) throw new MappingError(`--map takes field=column, got "${option}"`);
    if (!MAPPED_FIELDS.includes(field as MappedField)) {
      throw new MappingError(`--map: unknown field "${field}" (one of ${MAPPED_FIELDS.join(', ')})`);
    }
    overrides[field as MappedField] = column;
  }
  return overrides;
}

/**
 * Dates as dumps write them: ISO 8601 (a time without zone is taken as UTC), `YYYY-MM-DD HH:MM:SS`,
 * or epoch seconds / milliseconds.
 */
export function parseDumpDate(value: unknown): Date | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
    const n = Number(value);
    const date = new Date(n < 1e11 ? n * 1000 : n);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return undefined;
  const [, day, time, zone] = match;
  const date = new Date(`${day}T${time ?? '00:00:00'}${zone ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Statuses a dump may carry, as Crible's (for --keep-status). Unknown or empty: scored triage. */
const STATUS_ALIASES: Record<string, CommentStatus> = {
  published: 'published',
  flagged: 'flagged',
  held: 'held',
  approved: 'approved',
  rejected: 'rejected',
  accepted: 'approved',
  approve: 'approved',
  visible: 'approved',
  public: 'approved',
  removed: 'rejected',
  deleted: 'rejected',
  spam: 'rejected',
  hidden: 'rejected',
  reject: 'rejected',
  premod: 'held',
  pending: 'held',
  withheld: 'held',
  system_withheld: 'held',
};

export function statusFromDump(value: unknown): CommentStatus | undefined {
  return typeof value === 'string' ? STATUS_ALIASES[value.trim().toLowerCase()] : undefined;
}

const knownColumns = new Map<string, string>();

/** A column name as the mapping compares it (trimmed, lower case); a dump repeats the same few. */
function normalizedColumn(key: string): string {
  let normalized = knownColumns.get(key);
  if (normalized === undefined) {
    normalized = key.trim().toLowerCase();
    if (knownColumns.size < 1000) knownColumns.set(key, normalized);
  }
  return normalized;
}

export type MappedRecord = { comment: IncomingComment; keptStatus?: CommentStatus } | { error: string };

/**
 * Turns a dump's row into a comment, by the default column names or the overrides. Also takes
 * rows already in the API's shape (`article: {externalId…}`, `author: {…}`).
 */
export function createRecordMapper(options: { source: string; overrides?: Partial<Record<MappedField, string>>; keepStatus: boolean }) {
  const columnsFor = (field: MappedField): readonly string[] => {
    const override = options.overrides?.[field];
    return override ? [override.toLowerCase()] : DEFAULT_COLUMNS[field];
  };

  return (fields: Record<string, unknown>): MappedRecord => {
    const lower = new Map<string, unknown>();
    for (const key in fields) lower.set(normalizedColumn(key), fields[key]);
    const pick = (field: MappedField): unknown => {
      for (const column of columnsFor(field)) {
        const value = lower.get(column);
        if (value !== undefined && value !== null && value !== '') return value;
      }
      return undefined;
    };
    const text = (value: unknown): string | undefined =>
      value === undefined ? undefined : typeof value === 'object' ? undefined : String(value);

    const nestedArticle = lower.get('article');
    const nestedAuthor = lower.get('author');
    const article =
      typeof nestedArticle === 'object' && nestedArticle !== null
        ? (nestedArticle as IncomingComment['article'])
        : { externalId: text(pick('article')) ?? '', url: text(pick('article_url')) ?? null, title: text(pick('article_title')) ?? null };
    if (article.url && !/^https?:\/\//i.test(article.url)) article.url = null;
    const authorId = text(pick('author'));
    const author =
      typeof nestedAuthor === 'object' && nestedAuthor !== null
        ? (nestedAuthor as IncomingComment['author'])
        : { externalId: authorId ?? '', name: text(pick('author_name')) ?? authorId ?? '' };

    const createdRaw = pick('created_at') ?? lower.get('createdat');
    const createdAt = createdRaw === undefined ? undefined : parseDumpDate(createdRaw);
    if (createdRaw !== undefined && !createdAt) return { error: `created_at: invalid date "${String(createdRaw).slice(0, 40)}"` };
    const timeProblem = createdAt && commentTimeProblem(createdAt);
    if (timeProblem) return { error: `created_at: ${createdAt.toISOString()} ${timeProblem}` };

    const candidate = {
      source: text(pick('source')) ?? options.source,
      externalId: text(pick('id')) ?? '',
      article,
      author,
      parentExternalId: text(pick('parent')) ?? text(lower.get('parentexternalid')) ?? null,
      body: text(pick('body')),
    };
    const parsed = incomingCommentSchema.safeParse(candidate);
    if (!parsed.success) {
      const problem = toFieldProblems(parsed.error, null)[0]!;
      return { error: `${problem.field}: ${problem.problem}` };
    }
    const keptStatus = options.keepStatus ? statusFromDump(pick('status')) : undefined;
    return { comment: { ...parsed.data, createdAt }, keptStatus };
  };
}
