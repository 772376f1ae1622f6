import type { Knex } from 'knex';
import { fromJsonText, toDate, toJsonText } from '../db/dialect.js';

export type ImportJobStatus = 'running' | 'done' | 'failed';

export interface ImportCounts {
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

export interface ImportJob extends ImportCounts {
  id: number;
  source: string;
  format: string;
  filename: string | null;
  status: ImportJobStatus;
  options: { dryRun?: boolean; keepStatus?: boolean; csvHeader?: string; map?: Record<string, string> };
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export interface ImportReject {
  line: number;
  reason: string;
  excerpt: string;
  raw: string | null;
}

function toJob(row: Record<string, unknown>): ImportJob {
  return {
    id: Number(row.id),
    source: String(row.source),
    format: String(row.format),
    filename: (row.filename as string | null) ?? null,
    status: row.status as ImportJobStatus,
    options: fromJsonText(row.options, {}),
    read: Number(row.rows_read),
    inserted: Number(row.rows_inserted),
    duplicates: Number(row.rows_duplicate),
    rejected: Number(row.rows_rejected),
    startedAt: toDate(row.started_at)!,
    finishedAt: toDate(row.finished_at),
    error: (row.error as string | null) ?? null,
  };
}

export function createImportJobsRepo(db: Knex) {
  return {
    async create(input: { source: string; format: string; filename: string | null; options: ImportJob['options']; createdBy: number | null }): Promise<number> {
      const [row] = await db('import_jobs')
        .insert({
          source: input.source,
          format: input.format,
          filename: input.filename,
          status: 'running',
          options: toJsonText(input.options),
          created_by: input.createdBy,
          started_at: new Date(),
          heartbeat_at: new Date(),
        })
        .returning('id');
      return Number((row as { id: unknown }).id);
    },

    /** Adds a batch's counts and rejected rows: called inside the batch's own transaction. */
    async recordBatch(trx: Knex, jobId: number, counts: ImportCounts, rejects: readonly ImportReject[]): Promise<void> {
      for (let i = 0; i < rejects.length; i += 100) {
        await trx('import_rejects').insert(
          rejects.slice(i, i + 100).map((r) => ({ job_id: jobId, line_number: r.line, reason: r.reason.slice(0, 500), excerpt: r.excerpt, raw: r.raw })),
        );
      }
      await trx('import_jobs')
        .where({ id: jobId })
        .update({
          rows_read: trx.raw('rows_read + ?', [counts.read]),
          rows_inserted: trx.raw('rows_inserted + ?', [counts.inserted]),
          rows_duplicate: trx.raw('rows_duplicate + ?', [counts.duplicates]),
          rows_rejected: trx.raw('rows_rejected + ?', [counts.rejected]),
          heartbeat_at: new Date(),
        });
    },

    /** Says the job's process is still at work (between batches, a slow upload may take minutes). */
    async touch(jobId: number): Promise<void> {
      await db('import_jobs').where({ id: jobId, status: 'running' }).update({ heartbeat_at: new Date() });
    },

    /** Closes as failed, with `reason`, the running jobs whose heartbeat is older than `staleBefore`. */
    async closeStale(staleBefore: Date, reason: string): Promise<number[]> {
      const stale = await db('import_jobs').where({ status: 'running' }).where('heartbeat_at', '<', staleBefore).select('id');
      const ids = stale.map((row) => Number(row.id));
      if (ids.length > 0) {
        // The status check again: a job that wrote a batch since the read above is alive.
        await db('import_jobs')
          .whereIn('id', ids)
          .where({ status: 'running' })
          .where('heartbeat_at', '<', staleBefore)
          .update({ status: 'failed', error: reason, finished_at: new Date() });
      }
      return ids;
    },

    async updateOptions(jobId: number, options: ImportJob['options']): Promise<void> {
      await db('import_jobs').where({ id: jobId }).update({ options: toJsonText(options) });
    },

    async finish(jobId: number, outcome: { status: 'done' | 'failed'; error?: string }): Promise<void> {
      await db('import_jobs').where({ id: jobId }).update({ status: outcome.status, error: outcome.error ?? null, finished_at: new Date() });
    },

    async find(jobId: number): Promise<ImportJob | undefined> {
      const row = await db('import_jobs').where({ id: jobId }).first();
      return row ? toJob(row) : undefined;
    },

    async recent(limit = 20): Promise<ImportJob[]> {
      return (await db('import_jobs').orderBy('id', 'desc').limit(limit)).map(toJob);
    },

    /** The rejected rows in line order, a page at a time (a dump can reject many). */
    async *rejects(jobId: number): AsyncGenerator<ImportReject> {
      let afterId = 0;
      for (;;) {
        const rows = await db('import_rejects').where({ job_id: jobId }).andWhere('id', '>', afterId).orderBy('id').limit(1000);
        if (rows.length === 0) return;
        for (const row of rows) yield { line: Number(row.line_number), reason: row.reason, excerpt: row.excerpt, raw: row.raw };
        afterId = Number(rows.at(-1).id);
      }
    },
  };
}

export type ImportJobsRepo = ReturnType<typeof createImportJobsRepo>;
