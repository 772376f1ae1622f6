import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import type { AuthorStatus } from '../repositories/authors.repo.js';
import type { CommentStatus } from '../repositories/comments.repo.js';
import { createEventsRepo, type NewEvent } from '../repositories/events.repo.js';
import { createRescoreRepo, type RescoredComment, type RescoreFilter, type RescoreJob, type RescoreReason, type RescoreRow } from '../repositories/rescore.repo.js';
import type { Decision, ScoreResult, Scorer } from '../scoring/types.js';
import type { ScorerSource } from './lexicon/scorer-source.js';
import { triageDecision, type Thresholds, type ThresholdsService } from './triage.js';

/** The statuses triage gives; the others (approved, rejected) are a moderator's and never change. */
export const AUTOMATIC_STATUSES: readonly CommentStatus[] = ['published', 'flagged', 'held'];

const STATUS_OF_DECISION: Record<Decision, CommentStatus> = { publish: 'published', flag: 'flagged', hold: 'held' };

const BATCH = 500;
/** A running job whose heartbeat is older than this lost its process and is resumed. */
const STALE_AFTER_MS = 2 * 60 * 1000;

/**
 * The status a comment has after rescoring. A moderator's decision stands; an automatic status
 * follows the new score, except that a comment held because its author is pre-moderated or banned
 * stays held (rescoring judges the words, not the author).
 *
 * @example
 * statusAfterRescore('flagged', 'publish', 'normal');      // 'published'
 * statusAfterRescore('held', 'publish', 'premoderated');   // 'held'
 * statusAfterRescore('rejected', 'publish', 'normal');     // 'rejected'
 */
export function statusAfterRescore(current: CommentStatus, decision: Decision, authorStatus: AuthorStatus): CommentStatus {
  if (!AUTOMATIC_STATUSES.includes(current)) return current;
  if (current === 'held' && authorStatus !== 'normal') return 'held';
  return STATUS_OF_DECISION[decision];
}

/** What a change would do to the comments waiting in (or passing through) triage. */
export interface DryRunReport {
  /** Comments examined (the newest first, up to the limit). */
  examined: number;
  /** Comments the rescoring after saving would read. */
  total: number;
  /** Per current status: how many would change, to what, and a few examples. */
  byStatus: Record<'held' | 'flagged' | 'published', { changed: number; to: Partial<Record<CommentStatus, number>>; samples: DryRunSample[] }>;
}

export interface DryRunSample {
  id: number;
  body: string;
  from: CommentStatus;
  to: CommentStatus;
  scoreBefore: number;
  scoreAfter: number;
  terms: string[];
}

const SAMPLES = 5;
/** A dry run reads at most this many comments (the newest), to answer within a few seconds. */
export const DRY_RUN_LIMIT = 100_000;

function rescore(scorer: Scorer, row: RescoreRow, limits: Thresholds): { result: ScoreResult; status: CommentStatus } {
  const result = scorer.score(row.body, row.parentAuthorName ? { parentAuthorName: row.parentAuthorName } : undefined);
  return { result, status: statusAfterRescore(row.status, triageDecision(result, limits), row.authorStatus) };
}

function unchanged(row: RescoreRow, result: ScoreResult, status: CommentStatus): boolean {
  return status === row.status && result.score === row.score && result.target === row.target && JSON.stringify(result.matches) === row.matchesText;
}

/**
 * Rescoring: comments scored again with the current lexicon, in the background, in batches that
 * each commit their writes, their events and the job's progress together — so a job killed midway
 * resumes where it stopped. A comment whose result did not change is not written at all.
 */
export function createRescoreService(deps: { db: Knex; scorers: ScorerSource; thresholds: ThresholdsService; logger: Logger }) {
  const { db, scorers, thresholds, logger } = deps;
  const repo = createRescoreRepo(db);
  const events = createEventsRepo(db);
  /** Jobs running in this process, so a stop can let them finish their batch first. */
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  async function runBatch(job: RescoreJob, rows: RescoreRow[]): Promise<number> {
    const [scorer, limits] = await Promise.all([scorers.current(), thresholds.get()]);
    const rescored: RescoredComment[] = [];
    const previous = new Map<number, RescoreRow>();
    for (const row of rows) {
      const { result, status } = rescore(scorer, row, limits);
      if (unchanged(row, result, status)) continue;
      previous.set(row.id, row);
      rescored.push({
        id: row.id,
        version: row.version,
        status,
        statusChanged: status !== row.status,
        score: result.score,
        categories: result.categories,
        target: result.target,
        matches: result.matches,
        scorerVersion: result.lexiconVersion,
      });
    }
    return db.transaction(async (trx) => {
      const at = new Date();
      const written = await repo.writeScores(trx, rescored, at);
      const statusEvents: NewEvent[] = rescored
        .filter((r) => r.statusChanged && written.has(r.id))
        .map((r) => ({
          commentId: r.id,
          authorId: previous.get(r.id)!.authorId,
          actorType: 'system',
          actorUserId: null,
          action: 'rescore',
          fromStatus: previous.get(r.id)!.status,
          toStatus: r.status,
          score: r.score,
          matches: r.matches,
          note: scorer.lexiconVersion,
          at,
        }));
      await events.appendMany(statusEvents, trx);
      await repo.recordProgress(trx, job.id, {
        rows: rows.length,
        changed: statusEvents.length,
        lastCommentId: rows[rows.length - 1]!.id,
        lexiconVersion: scorer.lexiconVersion,
      });
      return statusEvents.length;
    });
  }

  const service = {
    /** Creates a job (it does not run it: see `run` and `runInBackground`). */
    async createJob(input: { reason: RescoreReason; filter?: Partial<RescoreFilter>; createdBy: number | null }): Promise<RescoreJob> {
      const filter: RescoreFilter = { statuses: input.filter?.statuses ?? [...AUTOMATIC_STATUSES], since: input.filter?.since ?? null };
      const [total, scorer] = await Promise.all([repo.count(filter), scorers.current()]);
      const id = await repo.createJob({ reason: input.reason, filter, lexiconVersion: scorer.lexiconVersion, total, createdBy: input.createdBy });
      // A newer lexicon change makes an older lexicon rescoring pointless: it stops at its next batch.
      if (input.reason === 'lexicon') await repo.supersedeLexiconJobs(id);
      return (await repo.findJob(id))!;
    },

    /** Runs a job to its end (or until a newer job supersedes it); `onProgress` after each batch. */
    async run(jobId: number, onProgress?: (job: RescoreJob) => void): Promise<RescoreJob> {
      try {
        for (let batches = 0; ; batches++) {
          const job = (await repo.findJob(jobId))!;
          if (batches > 0) onProgress?.(job);
          // Stopping: the job stays running with its cursor; a server resumes it once its heartbeat is stale.
          if (stopping || job.status !== 'running') return job;
          const rows = await repo.batchAfter(job.lastCommentId, job.filter, BATCH);
          if (rows.length === 0) break;
          await runBatch(job, rows);
        }
        await repo.finishJob(jobId, { status: 'done' });
      } catch (err) {
        await repo.finishJob(jobId, { status: 'failed', error: (err as Error).message }).catch(() => {});
        throw err;
      }
      return (await repo.findJob(jobId))!;
    },

    /** Runs a job without waiting for it; its page shows the progress. */
    runInBackground(jobId: number): void {
      const running = service.run(jobId).then(
        (job) => logger.info({ jobId, done: job.done, changed: job.changed, status: job.status }, 'rescoring stopped'),
        (err: unknown) => logger.error({ err, jobId }, 'rescoring failed'),
      );
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },

    /** Lets background jobs finish their current batch and stop (before the database closes). */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all([...inFlight]);
    },

    /** At start: resumes the jobs whose process died (kill -9, a crash, a deploy). */
    async resumeStale(): Promise<number[]> {
      const claimed = await repo.claimStale(new Date(Date.now() - STALE_AFTER_MS));
      for (const id of claimed) service.runInBackground(id);
      return claimed;
    },

    latestJob: () => repo.latestJob(),
    findJob: (id: number) => repo.findJob(id),

    /**
     * What rescoring with `candidate` would change, without writing: the comments in automatic
     * statuses, newest first, up to `limit`. With no more than `limit` of them, the counts are
     * exactly what saving would do.
     */
    async dryRun(candidate: Scorer, limit = DRY_RUN_LIMIT): Promise<DryRunReport> {
      const filter: RescoreFilter = { statuses: [...AUTOMATIC_STATUSES], since: null };
      const [limits, total] = await Promise.all([thresholds.get(), repo.count(filter)]);
      const report: DryRunReport = {
        examined: 0,
        total,
        byStatus: {
          held: { changed: 0, to: {}, samples: [] },
          flagged: { changed: 0, to: {}, samples: [] },
          published: { changed: 0, to: {}, samples: [] },
        },
      };
      let beforeId: number | null = null;
      while (report.examined < limit) {
        const rows = await repo.newest(filter, Math.min(2_000, limit - report.examined), beforeId);
        if (rows.length === 0) break;
        for (const row of rows) {
          const { result, status } = rescore(candidate, row, limits);
          if (status === row.status) continue;
          const group = report.byStatus[row.status as 'held' | 'flagged' | 'published'];
          group.changed += 1;
          group.to[status] = (group.to[status] ?? 0) + 1;
          if (group.samples.length < SAMPLES) {
            group.samples.push({ id: row.id, body: row.body, from: row.status, to: status, scoreBefore: row.score, scoreAfter: result.score, terms: [...new Set(result.matches.map((m) => m.term))] });
          }
        }
        report.examined += rows.length;
        beforeId = rows[rows.length - 1]!.id;
      }
      return report;
    },
  };
  return service;
}

export type RescoreService = ReturnType<typeof createRescoreService>;
