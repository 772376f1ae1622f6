import { type Command, InvalidArgumentError } from 'commander';
import type { Knex } from 'knex';
import { COMMENT_STATUSES, type CommentStatus } from '../repositories/comments.repo.js';
import { AUTOMATIC_STATUSES, type RescoreService } from '../services/rescore.service.js';
import { createProgressLine } from './progress.js';

interface RescoreCliOptions {
  status?: CommentStatus[];
  since?: Date;
  json?: boolean;
}

function parseStatuses(value: string): CommentStatus[] {
  const statuses = value.split(',').map((s) => s.trim());
  const unknown = statuses.filter((s) => !(COMMENT_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown status ${unknown.join(', ')} (one of ${COMMENT_STATUSES.join(', ')})`);
  return statuses as CommentStatus[];
}

function parseSince(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected a date such as 2026-01-31 or 2026-01-31T12:00:00Z');
  return date;
}

/** `crible rescore`: scores comments again with the current lexicon (built-in + the newsroom's), in the foreground. */
export function registerRescoreCommand(program: Command, withRescore: <T>(body: (rescore: RescoreService, db: Knex) => Promise<T>) => Promise<T>): void {
  program
    .command('rescore')
    .description("score comments again with the current lexicon; a moderator's decision is never changed, status changes are logged as system events")
    .option('--status <list>', `comma-separated statuses to rescore (default: ${AUTOMATIC_STATUSES.join(',')})`, parseStatuses)
    .option('--since <date>', 'only comments written since this date (UTC)', parseSince)
    .option('--json', 'print the final report as JSON')
    .action((opts: RescoreCliOptions) =>
      withRescore(async (rescore) => {
        const job = await rescore.createJob({ reason: 'manual', filter: { statuses: opts.status, since: opts.since ?? null }, createdBy: null });
        const progress = createProgressLine(process.stderr, job.total);
        const started = performance.now();
        const done = await rescore.run(job.id, (j) => progress.update(j.done, j.done));
        progress.done();
        const seconds = (performance.now() - started) / 1000;
        const report = { jobId: done.id, status: done.status, lexiconVersion: done.lexiconVersion, total: done.total, rescored: done.done, statusChanges: done.changed, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(done.done / Math.max(seconds, 1e-9)) };
        if (opts.json) console.log(JSON.stringify(report));
        else
          console.log(
            [
              `rescore job ${report.jobId}: ${report.status} (lexicon ${report.lexiconVersion})`,
              `  rescored ${report.rescored} of ${report.total}, status changes ${report.statusChanges}`,
              `  ${report.seconds} s, ${report.perSecond} comments/s`,
            ].join('\n'),
          );
      }),
    );
}
