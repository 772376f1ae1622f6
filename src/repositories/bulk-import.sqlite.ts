import type { Knex } from 'knex';
import { insertValueRows, valueRowsAsJson, PAUSE_ROW_COUNTERS, RESUME_ROW_COUNTERS, runScript } from '../db/dialect.js';
import { CATEGORY_COLUMNS, type CommentStatus } from './comments.repo.js';
import { batchLogCounterStatements, batchLogCounts, COUNTER_MARK_SELECT, statusCounterStatements, type BatchLogCounts } from './counters.repo.js';
import { externalKey } from './external-key.js';
import type { AuthorStatus } from './authors.repo.js';
import { CATEGORIES, type CategoryScores, type Match, type Target } from '../scoring/types.js';

/** One new comment of a bulk batch, scored, with what SQL needs to resolve its ids and status. */
export interface BulkComment {
  source: string;
  externalId: string;
  article: { externalId: string; url: string | null; title: string | null };
  author: { externalId: string; name: string };
  parentExternalId: string | null;
  /** Its place in the insertion order (after its parent, if that is in the batch: see reply-order.ts). */
  rank: number;
  /** Link to a parent inserted earlier in this batch (a reply caught in a cycle gets none). */
  linkParent: boolean;
  body: string;
  createdAt: Date;
  /** The status for each status its author may have (an imported decision: the same three). */
  statusFor: Record<AuthorStatus, CommentStatus>;
  score: number;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  scorerVersion: string;
  /** Its decision comes from the dump (--keep-status): logged as imported, not triaged. */
  kept: boolean;
}

/** The temporary table's columns, in the order rowsOf gives their values. */
const ROW_COLUMNS = [
  'rank', 'source', 'external_id', 'article_external_id', 'article_first', 'article_url', 'article_title',
  'author_external_id', 'author_first', 'author_name', 'parent_external_id', 'link_parent', 'body', 'created_at',
  'status', 'status_if_premoderated', 'status_if_banned', 'score', ...CATEGORY_COLUMNS, 'target', 'matches', 'scorer_version', 'kept',
];
const ROWS_TABLE = `create temp table if not exists import_rows (${ROW_COLUMNS.join(', ')})`;
const MARK_TABLE = 'create temp table if not exists import_mark (comment_id, event_id)';
const SINCE = { comments: '(select comment_id from import_mark)', events: '(select event_id from import_mark)' };

/**
 * The write of a bulk import's batch on SQLite, in two calls to the driver whatever the batch's
 * size: one statement fills a temporary table with the batch's rows (their JSON text, in pieces), then
 * one script (sqlite3_exec, in the driver's thread) creates or completes their articles and
 * authors, inserts the comments with their ids and statuses resolved by joins, links the replies,
 * appends their log events and adds them all to the counters. Statement by statement, each of
 * these waited for the import's busy JavaScript thread to send the next, and for it to convert
 * returned rows; the transaction of a batch is the import's critical path.
 * Runs in the caller's transaction, after it made sure that none of these comments is stored yet
 * (SQLite has one writer: nothing can come in between).
 */
export function createSqliteBulkImportRepo() {
  return {
    /** The batch as `insert` takes it: JSON text in pieces, which a bulk import builds before the transaction. */
    serialize: (batch: readonly BulkComment[]): SerializedBatch => ({
      size: batch.length,
      logCounts: batchLogCounts(batch),
      json: valueRowsAsJson(rowsOf(batch)),
    }),

    async insert(trx: Knex, batch: SerializedBatch, at: Date): Promise<void> {
      if (batch.size === 0) return;
      // Empty: the script below empties them at its end, and a failed batch rolls them back.
      await runScript(trx, `${ROWS_TABLE}; ${MARK_TABLE};`);
      await insertValueRows(trx, 'import_rows', ROW_COLUMNS, batch.json);
      await runScript(trx, script(trx, at.getTime(), batch.logCounts));
    },
  };
}

export interface SerializedBatch {
  size: number;
  /** What its log events add to the counters, but for the statuses (see batchLogCounts). */
  logCounts: BatchLogCounts;
  /** The rows as pieces of one JSON array's text (see valueRowsAsJson). */
  json: string[];
}

/**
 * The rows of the temporary table, in the batch's order. An article or author seen several times is
 * written once, in the order first seen, with its last sighting's title, url or name, as the
 * per-batch upserts always did: the last name wins, a title or url fills in what was missing and
 * never erases one.
 */
function rowsOf(batch: readonly BulkComment[]): unknown[][] {
  const articles = new Map<string, { first: BulkComment; last: BulkComment }>();
  const authors = new Map<string, { first: BulkComment; last: BulkComment }>();
  const sighted = (seen: typeof articles, key: string, c: BulkComment) => {
    const entry = seen.get(key);
    if (entry) entry.last = c;
    else seen.set(key, { first: c, last: c });
    return entry ?? seen.get(key)!;
  };
  const sightings = batch.map((c) => ({
    article: sighted(articles, externalKey(c.source, c.article.externalId), c),
    author: sighted(authors, externalKey(c.source, c.author.externalId), c),
  }));
  return batch.map((c, index) => {
    const { article, author } = sightings[index]!;
    return [
      c.rank,
      c.source,
      c.externalId,
      c.article.externalId,
      article.first === c ? 1 : 0,
      article.last.article.url,
      article.last.article.title,
      c.author.externalId,
      author.first === c ? 1 : 0,
      author.last.author.name,
      c.parentExternalId,
      c.linkParent ? 1 : 0,
      c.body,
      c.createdAt,
      c.statusFor.normal,
      c.statusFor.premoderated,
      c.statusFor.banned,
      c.score,
      ...CATEGORIES.map((category) => c.categories[category]),
      c.target,
      JSON.stringify(c.matches),
      c.scorerVersion,
      c.kept ? 1 : 0,
    ];
  });
}

/** The batch's write, from import_rows; `now` (epoch ms) and the counts are the only values written into the SQL. */
function script(trx: Knex, now: number, logCounts: BatchLogCounts): string {
  if (!Number.isSafeInteger(now)) throw new TypeError(`not a time: ${now}`);
  return [
    PAUSE_ROW_COUNTERS,
    `insert into import_mark ${COUNTER_MARK_SELECT}`,
    // Existing rows first, then the missing ones (an upsert would spend an id of the table's
    // AUTOINCREMENT sequence on every row it finds there). CROSS JOIN keeps the batch's rows as the
    // outer loop, each probing the table's unique index (the temporary table has no statistics);
    // `id in` makes the update find its rows by primary key rather than read the whole table.
    `with f as materialized (select a.id, r.article_url as url, r.article_title as title from import_rows r
       cross join articles a on a.source = r.source and a.external_id = r.article_external_id
       where r.article_first and ((a.url is null and r.article_url is not null) or (a.title is null and r.article_title is not null)))
     update articles set url = coalesce(articles.url, f.url), title = coalesce(articles.title, f.title)
     from f where articles.id = f.id and articles.id in (select id from f)`,
    `insert into articles (source, external_id, url, title, created_at)
     select source, article_external_id, article_url, article_title, ${now} from import_rows r
     where article_first and not exists (select 1 from articles a where a.source = r.source and a.external_id = r.article_external_id) order by rowid`,
    `with f as materialized (select a.id, r.author_name as name from import_rows r
       cross join authors a on a.source = r.source and a.external_id = r.author_external_id
       where r.author_first and a.name <> r.author_name)
     update authors set name = f.name, updated_at = ${now} from f where authors.id = f.id and authors.id in (select id from f)`,
    `insert into authors (source, external_id, name, status, created_at, updated_at)
     select source, author_external_id, author_name, 'normal', ${now}, ${now} from import_rows r
     where author_first and not exists (select 1 from authors a where a.source = r.source and a.external_id = r.author_external_id) order by rowid`,
    // A parent stored before this batch is found here; one inserted by it is linked just after.
    `insert into comments (source, external_id, article_id, author_id, parent_id, parent_external_id, body, created_at, ingested_at,
       updated_at, status, score, ${CATEGORY_COLUMNS.join(', ')}, target, matches, scorer_version)
     select r.source, r.external_id, a.id, u.id, p.id, r.parent_external_id, r.body, r.created_at, ${now}, ${now},
       case u.status when 'banned' then r.status_if_banned when 'premoderated' then r.status_if_premoderated else r.status end,
       r.score, ${CATEGORY_COLUMNS.map((column) => `r.${column}`).join(', ')}, r.target, r.matches, r.scorer_version
     from import_rows r
     cross join articles a on a.source = r.source and a.external_id = r.article_external_id
     cross join authors u on u.source = r.source and u.external_id = r.author_external_id
     left join comments p on p.source = r.source and p.external_id = r.parent_external_id
     order by r.rank`,
    `update comments set parent_id = (select p.id from comments p where p.source = comments.source and p.external_id = comments.parent_external_id)
     where id > ${SINCE.comments} and (source, external_id) in (select source, external_id from import_rows where link_parent)`,
    // As events.appendArrivals writes them: the triaged first, then the imported decisions. Without
    // imported decisions (the common case), the batch's comments are the ones after the mark, read
    // by id rather than each found again by its key.
    `insert into moderation_events (comment_id, author_id, actor_type, actor_user_id, action, from_status, to_status, score, matches, created_at) ${
      logCounts.imported > 0
        ? `select c.id, c.author_id, case when r.kept then 'import' else 'system' end, null, case when r.kept then 'import' else 'triage' end,
             null, c.status, c.score, c.matches, ${now}
           from import_rows r cross join comments c on c.source = r.source and c.external_id = r.external_id
           order by r.kept, c.id`
        : `select c.id, c.author_id, 'system', null, 'triage', null, c.status, c.score, c.matches, ${now}
           from comments c where c.id > ${SINCE.comments} order by c.id`
    }`,
    ...statusCounterStatements(trx, SINCE),
    ...batchLogCounterStatements(logCounts, now),
    RESUME_ROW_COUNTERS,
    'delete from import_rows',
    'delete from import_mark',
  ].join(';\n');
}
