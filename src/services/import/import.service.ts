import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { CommentStatus } from '../../repositories/comments.repo.js';
import { COMMENT_STATUSES } from '../../repositories/comments.repo.js';
import { createDeferredIndexesRepo } from '../../repositories/deferred-indexes.repo.js';
import { createImportJobsRepo, type ImportCounts, type ImportReject } from '../../repositories/import-jobs.repo.js';
import { refreshPlannerStatistics } from '../../db/dialect.js';
import type { Scorer } from '../../scoring/types.js';
import type { Thresholds } from '../triage.js';
import type { IncomingComment, IngestService, Prescored } from '../ingest.service.js';
import { externalKey } from '../../repositories/external-key.js';
import { createRecordMapper, type MappedField } from './mapping.js';
import { isInterruption, readRecords, type ImportFormat } from './records.js';
import { latestEntries } from './latest-entries.js';
import { toStorableText } from '../../domain/storable-text.js';

export interface ImportOptions {
  format: ImportFormat;
  /** The platform the comments come from, for rows that do not say. */
  source: string;
  map?: Partial<Record<MappedField, string>>;
  dryRun?: boolean;
  keepStatus?: boolean;
  filename?: string | null;
  createdBy?: number | null;
  /** Rows per transaction (fewer when the rows are long: see MAX_BATCH_CHARS). */
  batchSize?: number;
  /** An existing job to run (the web upload creates it first, to show its page at once). */
  jobId?: number;
}

export interface ImportProgress extends ImportCounts {
  seconds: number;
}

export interface ImportReport extends ImportProgress {
  jobId: number | null;
  dryRun: boolean;
  /** Dry run only: the status each new comment would get. */
  wouldBe: Record<CommentStatus, number> | null;
  ratePerSecond: number;
}

const EXCERPT_CHARS = 200;
/**
 * A batch also ends at this much row text, so that memory stays bounded however long the rows
 * are (a body has no length limit): 2,000 rows of a typical dump hold under 1 MB.
 */
const MAX_BATCH_CHARS = 8_000_000;
const IMPORTED_TABLES = ['comments', 'moderation_events', 'authors', 'articles'];
/**
 * How many of the job's latest comments keep their author's name in memory, so that a reply to
 * one of them is scored before its batch's transaction (a reply names the one it answers).
 */
const RECENT_AUTHORS = 20_000;
/** Rows read between two turns of the event loop. */
const READ_SLICE = 25;

/**
 * A rejected row as the job keeps it. A row refused for a U+0000 would fail the insert of its own
 * reject on PostgreSQL (and the whole batch with it), so what is kept has such characters replaced.
 */
function rejectOf(line: number, reason: string, raw: string): ImportReject {
  const text = toStorableText(raw);
  return { line, reason: toStorableText(reason), excerpt: toStorableText(raw.slice(0, EXCERPT_CHARS)), raw: text };
}

/** Whether growing from `before` to `after` rows passes 5,000 rows or a multiple of 200,000. */
function crossed(before: number, after: number): boolean {
  return (before < 5_000 && after >= 5_000) || Math.floor(before / 200_000) < Math.floor(after / 200_000);
}

/** How often a running import says it is alive, and how long a silent one is taken for dead. */
const HEARTBEAT_MS = 30_000;
export const ABANDONED_AFTER_MS = 5 * 60_000;
export const ABANDONED_REASON =
  'the process running this import stopped (killed, crashed or restarted) before the end of the file; run the same file again to complete it: the rows already stored are not added twice';

/** Closes the import jobs whose process died: they would otherwise stay "running" forever. */
export async function closeAbandonedImports(db: Knex, now = new Date()): Promise<number[]> {
  return createImportJobsRepo(db).closeStale(new Date(now.getTime() - ABANDONED_AFTER_MS), ABANDONED_REASON);
}

/** What a failed job says: an interrupted upload in words a person acts on, else the error's message. */
export function failureReason(err: unknown): string {
  if (isInterruption(err)) {
    return 'the upload was interrupted before the end of the file (the client disconnected); send the same file again to complete the import: the rows already stored are not added twice';
  }
  const message = err instanceof Error ? err.message : String(err);
  // knex prefixes a driver's error with the whole SQL statement: the job keeps only the driver's words.
  const sqlEnd = message.lastIndexOf(' - ');
  const words = sqlEnd > 0 && /^\s*(insert|select|update|delete|with|create|alter|drop)\b/i.test(message) ? message.slice(sqlEnd + 3) : message;
  return words.slice(0, 500);
}

/**
 * Imports a dump: reads rows as they stream in, maps and validates them, and stores them in batches,
 * each batch one transaction with the job's counters and rejected rows. A bad row never stops the
 * import and is never dropped silently: it is recorded with its line, reason and text. Running the
 * same file again adds nothing (comments are unique by source and id), which is also how an import
 * killed midway is completed.
 */
export function createImportService(deps: { db: Knex; ingest: IngestService }) {
  const jobs = createImportJobsRepo(deps.db);
  const deferredIndexes = createDeferredIndexesRepo(deps.db);

  return {
    async run(input: AsyncIterable<Buffer>, options: ImportOptions, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
      const started = performance.now();
      const batchSize = options.batchSize ?? 2000;
      const dryRun = options.dryRun ?? false;
      const jobOptions = { dryRun, keepStatus: options.keepStatus ?? false, map: options.map as Record<string, string> | undefined };
      const jobId = dryRun
        ? null
        : (options.jobId ??
          (await jobs.create({ source: options.source, format: options.format, filename: options.filename ?? null, options: jobOptions, createdBy: options.createdBy ?? null })));
      const mapRecord = createRecordMapper({ source: options.source, overrides: options.map, keepStatus: jobOptions.keepStatus });
      const totals: ImportCounts = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
      const wouldBe = Object.fromEntries(COMMENT_STATUSES.map((status) => [status, 0])) as Record<CommentStatus, number>;

      // Batch N+1 is scored (and on SQLite, its rows built) while batch N is written, with the
      // scorer and thresholds batch N used (the first ones are fetched in the try below, so that
      // a failure there closes the job as failed).
      let scorer: Scorer | null = null;
      let limits: Thresholds | undefined;
      const recentAuthors = latestEntries<string, string>(RECENT_AUTHORS);
      const remember = (batch: readonly IncomingComment[]) => {
        for (const c of batch) recentAuthors.set(externalKey(c.source, c.externalId), c.author.name);
      };

      let comments: IncomingComment[] = [];
      let rejects: ImportReject[] = [];
      let read = 0;
      let batchChars = 0;
      const store = async (batch: IncomingComment[], batchRejects: ImportReject[], batchRead: number, prescored?: Prescored) => {
        const counts: ImportCounts = { read: batchRead, inserted: 0, duplicates: 0, rejected: batchRejects.length };
        if (dryRun) {
          const preview = await deps.ingest.preview(batch);
          counts.inserted = preview.fresh;
          counts.duplicates = preview.duplicates;
          for (const status of preview.statuses) wouldBe[status] += 1;
        } else {
          const stored = await deps.ingest.ingestCounting(
            batch,
            async (trx, stored) => {
              counts.inserted = stored.inserted;
              counts.duplicates = stored.duplicates;
              await jobs.recordBatch(trx, jobId!, counts, batchRejects);
            },
            prescored,
          );
          scorer = stored.scorer;
          limits = stored.limits;
        }
        const before = totals.inserted;
        totals.read += counts.read;
        totals.inserted += counts.inserted;
        // Fresh planner statistics early (the tables may have been empty) and now and then.
        if (!dryRun && crossed(before, totals.inserted)) await refreshPlannerStatistics(deps.db, IMPORTED_TABLES);
        totals.duplicates += counts.duplicates;
        totals.rejected += counts.rejected;
        onProgress?.({ ...totals, seconds: (performance.now() - started) / 1000 });
      };
      // One batch is stored while the next is read, checked and scored: the database works in its
      // own thread, so that work costs no wall time (one batch ahead is enough: the write is the
      // critical path).
      let storing: Promise<void> = Promise.resolve();
      const flush = async () => {
        const prescored = scorer ? await deps.ingest.prescore(scorer, comments, recentAuthors, limits) : undefined;
        remember(comments);
        await storing;
        storing = store(comments, rejects, read, prescored);
        storing.catch(() => {}); // handled: the next flush or the end awaits it and rethrows
        comments = [];
        rejects = [];
        read = 0;
        batchChars = 0;
      };

      const heartbeat = jobId === null ? undefined : setInterval(() => void jobs.touch(jobId).catch(() => {}), HEARTBEAT_MS);
      heartbeat?.unref();
      try {
        // A first import fills an empty table: its read indexes are built once at the end
        // (also after a failure, and by the next import or start if this one is killed).
        if (!dryRun) {
          await deferredIndexes.rebuild();
          await deferredIndexes.deferIfEmpty();
          scorer = await deps.ingest.currentScorer();
          limits = await deps.ingest.currentLimits();
        }
        const onHeader = async (line: string) => {
          if (jobId !== null) await jobs.updateOptions(jobId, { ...jobOptions, csvHeader: line });
        };
        let headerWrite: Promise<void> | undefined;
        for await (const record of readRecords(input, options.format, (line) => (headerWrite = onHeader(line)))) {
          read += 1;
          // The batch being written waits on this thread for each of its statements: answer it often.
          if (read % READ_SLICE === 0) await yieldToEventLoop();
          batchChars += record.raw.length;
          if ('error' in record) {
            rejects.push(rejectOf(record.line, record.error, record.raw));
          } else {
            const mapped = mapRecord(record.fields);
            if ('error' in mapped) {
              rejects.push(rejectOf(record.line, mapped.error, record.raw));
            } else {
              comments.push(mapped.keptStatus ? { ...mapped.comment, keptStatus: mapped.keptStatus } : mapped.comment);
            }
          }
          if (comments.length + rejects.length >= batchSize || batchChars >= MAX_BATCH_CHARS) await flush();
        }
        await headerWrite;
        if (read > 0) await flush();
        await storing;
        if (!dryRun) await deferredIndexes.rebuild();
        if (!dryRun && totals.inserted > 0) await refreshPlannerStatistics(deps.db, IMPORTED_TABLES);
        if (jobId !== null) await jobs.finish(jobId, { status: 'done' });
      } catch (err) {
        await storing.catch(() => {}); // a batch still being stored settles before the job is closed
        if (!dryRun) await deferredIndexes.rebuild().catch(() => {}); // else the next import or start does
        if (jobId !== null) await jobs.finish(jobId, { status: 'failed', error: failureReason(err) }).catch(() => {});
        throw err;
      } finally {
        clearInterval(heartbeat);
      }

      const seconds = (performance.now() - started) / 1000;
      return {
        jobId,
        dryRun,
        ...totals,
        seconds,
        ratePerSecond: totals.read / Math.max(seconds, 1e-9),
        wouldBe: dryRun ? wouldBe : null,
      };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
