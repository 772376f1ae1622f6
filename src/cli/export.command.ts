/**
 * `crible export log|comments`: the moderation log or the comments as CSV, NDJSON or JSON, to
 * stdout (`> file`) or to `--output FILE`. Rows are streamed a page at a time, so exporting a
 * million rows needs the memory of one page.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { type Command, Option } from 'commander';
import type { Knex } from 'knex';
import { REASON_CODES } from '../repositories/events.repo.js';
import {
  EXPORT_FORMATS,
  ExportError,
  OutputClosedError,
  createExportService,
  parseCommentsParams,
  parseLogParams,
  type ExportResult,
  type ExportService,
} from '../services/export.service.js';

type WithDatabase = <T>(body: (db: Knex) => Promise<T>) => Promise<T>;

interface CommonOptions {
  format: string;
  from?: string;
  to?: string;
  article?: string;
  bom?: boolean;
  delimiter: string;
  escapeFormulas: boolean;
  output?: string;
}

function isClosedPipe(err: unknown): boolean {
  return err instanceof OutputClosedError || (err as { code?: unknown } | null)?.code === 'EPIPE';
}

/**
 * Writes to stdout, or to FILE through FILE.partial renamed at the end: a failed export never
 * leaves a file that looks complete.
 */
async function toOutput(output: string | undefined, write: (out: Writable, end: boolean) => Promise<ExportResult>): Promise<void> {
  if (output === undefined) {
    // `crible export log | head` closes the pipe early: that is the reader's choice, not an error.
    const ignore = () => {};
    process.stdout.on('error', ignore);
    try {
      await write(process.stdout, false);
    } catch (err) {
      if (!isClosedPipe(err)) throw err;
    } finally {
      process.stdout.off('error', ignore);
    }
    return;
  }
  const partial = `${output}.partial`;
  const file = createWriteStream(partial, { flags: 'w' });
  // A missing folder or a read-only one: say so before reading anything from the database.
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (err: NodeJS.ErrnoException) => reject(new ExportError('output', `cannot write ${output} (${err.code ?? err.message})`)));
  });
  try {
    const { rows } = await write(file, true);
    await rename(partial, output);
    process.stderr.write(`crible: exported ${rows} rows to ${output}\n`);
  } catch (err) {
    file.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

/** Runs the export; a bad option becomes one line on stderr and exit code 1. */
async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const message =
      err instanceof ExportError
        ? `invalid --${err.param}: ${err.problem}`
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err);
    process.stderr.write(`crible: ${message}\n`);
    process.exitCode = 1;
  }
}

function addCommonOptions(command: Command): Command {
  return command
    .showHelpAfterError(false) // a bad option: one line on stderr, not the whole help
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('csv'))
    .option('--from <date>', 'from this day (YYYY-MM-DD, UTC) or instant (ISO 8601 with a time zone)')
    .option('--to <date>', 'up to this day included, or this instant')
    .option('--article <externalId>', "only this article (the site's id)")
    .option('--bom', 'CSV: start with a UTF-8 byte order mark (for Excel)')
    .addOption(new Option('--delimiter <char>', "CSV: field separator (';' for a spreadsheet set to French)").choices([',', ';']).default(','))
    .option('--no-escape-formulas', "CSV: keep cells starting with = + - @ as they are (default: prefixed with ' against CSV injection)")
    .option('--output <file>', 'write to this file instead of stdout');
}

function commonInput(opts: CommonOptions) {
  return { format: opts.format, from: opts.from, to: opts.to, article: opts.article, bom: opts.bom === true, delimiter: opts.delimiter };
}

/**
 * Adds `crible export log` and `crible export comments` to the program.
 *
 * @example
 * registerExportCommand(program, withDatabase);
 * // crible export log --from 2026-11-01 --to 2026-11-30 --bom --delimiter ';' > journal.csv
 * // crible export comments --format ndjson --status rejected --output rejetes.ndjson
 */
export function registerExportCommand(program: Command, withDatabase: WithDatabase): void {
  const exportCommand = program.command('export').description('export the moderation log or the comments as CSV, NDJSON or JSON');
  const service = (db: Knex): ExportService => createExportService(db);

  addCommonOptions(exportCommand.command('log').description('export the moderation log, oldest event first'))
    .option('--moderator <emailOrId>', "only this moderator's decisions (e-mail or user id)")
    .option('--action <action>', 'only this action (triage, approve, reject, undo, author_ban, …)')
    .addOption(new Option('--reason <reason>', 'only rejections for this reason').choices(REASON_CODES))
    .action((opts: CommonOptions & { moderator?: string; action?: string; reason?: string }) =>
      run(async () => {
        const { filter, format, options } = parseLogParams({ ...commonInput(opts), moderator: opts.moderator, action: opts.action, reason: opts.reason });
        await withDatabase((db) =>
          toOutput(opts.output, (out, end) =>
            service(db).exportModerationLog(filter, format, { ...options, escapeFormulas: opts.escapeFormulas, end }, out),
          ),
        );
      }),
    );

  addCommonOptions(exportCommand.command('comments').description('export the comments (the CSV can be imported again)'))
    .option('--status <statuses>', 'only these statuses, comma-separated (held,flagged,published,approved,rejected)')
    .action((opts: CommonOptions & { status?: string }) =>
      run(async () => {
        const { filter, format, options } = parseCommentsParams({ ...commonInput(opts), status: opts.status });
        await withDatabase((db) =>
          toOutput(opts.output, (out, end) => service(db).exportComments(filter, format, { ...options, escapeFormulas: opts.escapeFormulas, end }, out)),
        );
      }),
    );
}
