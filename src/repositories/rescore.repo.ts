import type { Knex } from 'knex';
import { fromJsonText, toCount, toDate, toJsonText, typedParam } from '../db/dialect.js';
import { CATEGORIES } from '../scoring/types.js';
import type { AuthorStatus } from './authors.repo.js';
import type { CommentStatus } from './comments.repo.js';
import type { CategoryScores, Match, Target } from '../scoring/types.js';

export type RescoreJobStatus = 'running' | 'done' | 'failed' | 'superseded';
export type RescoreReason = 'lexicon' | 'manual';

/** Which comments a rescoring reads: by status, and optionally only those written since a date. */
export interface RescoreFilter {
  statuses: CommentStatus[];
  since: Date | null;
}

export interface RescoreJob {
  id: number;
  status: RescoreJobStatus;
  reason: RescoreReason;
  filter: RescoreFilter;
  lexiconVersion: string;
  total: number;
  done: number;
  changed: number;
  lastCommentId: number;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** What rescoring needs of a comment: its text, its current verdict, and who wrote and is answered. */
export interface RescoreRow {
  id: number;
  body: string;
  status: CommentStatus;
  version: number;
  score: number;
  target: string;
  matchesText: string;
  authorId: number;
  authorStatus: AuthorStatus;
  parentAuthorName: string | null;
  createdAt: Date;
}

export interface RescoredComment {
  id: number;
  /** The version read: the write is skipped if a moderator changed the comment since. */
  version: number;
  status: CommentStatus;
  statusChanged: boolean;
  score: number;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  scorerVersion: string;
}

function toJob(row: Record<string, unknown>): RescoreJob {
  const filter = fromJsonText<{ statuses: CommentStatus[]; since: string | null }>(row.filter, { statuses: [], since: null });
  return {
    id: Number(row.id),
    status: row.status as RescoreJobStatus,
    reason: row.reason as RescoreReason,
    filter: { statuses: filter.statuses, since: filter.since === null ? null : new Date(filter.since) },
    lexiconVersion: String(row.lexicon_version),
    total: Number(row.total),
    done: Number(row.done),
    changed: Number(row.changed),
    lastCommentId: Number(row.last_comment_id),
    startedAt: toDate(row.started_at)!,
    heartbeatAt: toDate(row.heartbeat_at)!,
    finishedAt: toDate(row.finished_at),
    error: (row.error as string | null) ?? null,
  };
}

function filtered(query: Knex.QueryBuilder, filter: RescoreFilter): Knex.QueryBuilder {
  query.whereIn('c.status', filter.statuses);
  if (filter.since !== null) query.where('c.created_at', '>=', filter.since);
  return query;
}

/** Rescoring's reads and writes: batches of comments, their new scores, and the jobs' progress. */
export function createRescoreRepo(db: Knex) {
  const selectRows = (trx: Knex) =>
    trx('comments as c')
      .join('authors as a', 'a.id', 'c.author_id')
      .leftJoin('comments as p', 'p.id', 'c.parent_id')
      .leftJoin('authors as pa', 'pa.id', 'p.author_id')
      .select('c.id', 'c.body', 'c.status', 'c.version', 'c.score', 'c.target', 'c.matches', 'c.author_id', 'c.created_at', 'a.status as author_status', 'pa.name as parent_author_name');

  const toRow = (row: Record<string, unknown>): RescoreRow => ({
    id: Number(row.id),
    body: String(row.body),
    status: row.status as CommentStatus,
    version: Number(row.version),
    score: Number(row.score),
    target: String(row.target),
    matchesText: String(row.matches),
    authorId: Number(row.author_id),
    authorStatus: row.author_status as AuthorStatus,
    parentAuthorName: (row.parent_author_name as string | null) ?? null,
    createdAt: toDate(row.created_at)!,
  });

  return {
    async count(filter: RescoreFilter): Promise<number> {
      const row = await filtered(db('comments as c'), filter).count<{ n: unknown }>({ n: '*' }).first();
      return toCount(row?.n);
    },

    /** The next comments after `afterId`, oldest id first (the keyset a resumed job continues from). */
    async batchAfter(afterId: number, filter: RescoreFilter, limit: number): Promise<RescoreRow[]> {
      const rows = await filtered(selectRows(db), filter).where('c.id', '>', afterId).orderBy('c.id').limit(limit);
      return rows.map(toRow);
    },

    /** The newest comments first, for a dry run. */
    async newest(filter: RescoreFilter, limit: number, beforeId: number | null): Promise<RescoreRow[]> {
      const query = filtered(selectRows(db), filter).orderBy('c.id', 'desc').limit(limit);
      if (beforeId !== null) query.where('c.id', '<', beforeId);
      return (await query).map(toRow);
    },

    /**
     * Writes new scores in one statement per batch; a changed status also bumps the comment's
     * version (a moderator looking at the old one gets a conflict, not a silent overwrite). Each row
     * is guarded by the version read, so a comment a moderator decided meanwhile is left alone.
     * Returns the ids actually written.
     */
    async writeScores(trx: Knex, rescored: readonly RescoredComment[], at: Date): Promise<Set<number>> {
      if (rescored.length === 0) return new Set();
      const columns: Array<[string, string, (r: RescoredComment) => Knex.RawBinding]> = [
        ['id', 'bigint', (r) => r.id],
        ['seen_version', 'integer', (r) => r.version],
        ['new_version', 'integer', (r) => (r.statusChanged ? r.version + 1 : r.version)],
        ['status', 'text', (r) => r.status],
        ['score', 'double precision', (r) => r.score],
        ['target', 'text', (r) => r.target],
        ['matches', 'text', (r) => toJsonText(r.matches)],
        ['scorer_version', 'text', (r) => r.scorerVersion],
        ...CATEGORIES.map((c): [string, string, (r: RescoredComment) => Knex.RawBinding] => [`cat_${c}`, 'double precision', (r) => r.categories[c]]),
      ];
      const row = `(${columns.map(([, type]) => typedParam(trx, type)).join(',')})`;
      const bindings: Knex.RawBinding[] = [];
      for (const r of rescored) for (const [, , value] of columns) bindings.push(value(r));
      const assigned = columns.filter(([name]) => name !== 'id' && name !== 'seen_version');
      const sql =
        `with v (${columns.map(([name]) => name).join(',')}) as (values ${rescored.map(() => row).join(',')}) ` +
        `update comments set ${assigned.map(([name]) => `${name === 'new_version' ? 'version' : name} = v.${name}`).join(', ')}, updated_at = ? ` +
        'from v where comments.id = v.id and comments.version = v.seen_version returning comments.id';
      const result = await trx.raw(sql, [...bindings, at]);
      const rows = (Array.isArray(result) ? result : (result as { rows: Array<{ id: unknown }> }).rows) as Array<{ id: unknown }>;
      return new Set(rows.map((r) => Number(r.id)));
    },

    async createJob(input: { reason: RescoreReason; filter: RescoreFilter; lexiconVersion: string; total: number; createdBy: number | null }): Promise<number> {
      const now = new Date();
      const [row] = await db('rescore_jobs')
        .insert({
          status: 'running',
          reason: input.reason,
          filter: toJsonText({ statuses: input.filter.statuses, since: input.filter.since?.toISOString() ?? null }),
          lexicon_version: input.lexiconVersion,
          total: input.total,
          created_by: input.createdBy,
          started_at: now,
          heartbeat_at: now,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },

    async findJob(id: number, trx: Knex = db): Promise<RescoreJob | null> {
      const row = await trx('rescore_jobs').where({ id }).first();
      return row ? toJob(row) : null;
    },

    async latestJob(): Promise<RescoreJob | null> {
      const row = await db('rescore_jobs').orderBy('id', 'desc').first();
      return row ? toJob(row) : null;
    },

    /** Progress, written in the batch's own transaction: a crash keeps both or neither. */
    async recordProgress(trx: Knex, id: number, progress: { rows: number; changed: number; lastCommentId: number; lexiconVersion: string }): Promise<void> {
      await trx('rescore_jobs')
        .where({ id })
        .update({
          done: trx.raw('done + ?', [progress.rows]),
          changed: trx.raw('changed + ?', [progress.changed]),
          last_comment_id: progress.lastCommentId,
          lexicon_version: progress.lexiconVersion,
          heartbeat_at: new Date(),
        });
    },

    async finishJob(id: number, outcome: { status: Exclude<RescoreJobStatus, 'running'>; error?: string }): Promise<void> {
      await db('rescore_jobs')
        .where({ id, status: 'running' })
        .update({ status: outcome.status, error: outcome.error ?? null, finished_at: new Date() });
    },

    /** Running lexicon jobs a newer change makes pointless: they stop at their next batch. */
    async supersedeLexiconJobs(exceptId: number): Promise<void> {
      await db('rescore_jobs')
        .where({ status: 'running', reason: 'lexicon' })
        .whereNot({ id: exceptId })
        .update({ status: 'superseded', finished_at: new Date() });
    },

    /**
     * Claims a running job whose process stopped writing (its heartbeat is older than `staleBefore`):
     * one atomic update, so of several instances starting at once only one resumes it.
     */
    async claimStale(staleBefore: Date): Promise<number[]> {
      const stale = await db('rescore_jobs').where({ status: 'running' }).where('heartbeat_at', '<', staleBefore).select('id');
      const claimed: number[] = [];
      for (const { id } of stale) {
        const n = await db('rescore_jobs').where({ id, status: 'running' }).where('heartbeat_at', '<', staleBefore).update({ heartbeat_at: new Date() });
        if (n === 1) claimed.push(Number(id));
      }
      return claimed;
    },
  };
}

export type RescoreRepo = ReturnType<typeof createRescoreRepo>;
