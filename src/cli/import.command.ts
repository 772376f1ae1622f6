import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { MappingError, parseMapOptions } from '../services/import/mapping.js';
import { formatFromName, IMPORT_FORMATS, type ImportFormat } from '../services/import/records.js';
import type { ImportReport, ImportService } from '../services/import/import.service.js';
import { createProgressLine } from './progress.js';
import { rejectsFile } from '../services/import/rejects.js';
import type { ImportJobsRepo } from '../repositories/import-jobs.repo.js';

interface ImportCliOptions {
  format?: ImportFormat;
  source: string;
  map: string[];
  dryRun?: boolean;
  keepStatus?: boolean;
  json?: boolean;
}

/**
 * Where the progress line goes. `crible import` runs in a worker thread (bin/crible.js), whose
 * stderr is a pipe into the main thread's: still a terminal when the main thread's is one.
 */
function progressStream(): NodeJS.WriteStream {
  const onTerminal = !isMainThread && (workerData as { stderrIsTTY?: boolean } | null)?.stderrIsTTY === true;
  if (!onTerminal) return process.stderr;
  return { isTTY: true, write: (text: string) => process.stderr.write(text) } as unknown as NodeJS.WriteStream;
}

/** Counts the bytes going through, for the progress bar. */
async function* counting(input: AsyncIterable<Buffer>, counter: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (err) {
    throw new InvalidArgumentError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

function describe(file: string, report: ImportReport): string {
  const lines = [
    `${file}: ${report.dryRun ? 'dry run, nothing written' : `import job ${report.jobId}`}`,
    `  read ${report.read}, ${report.dryRun ? 'new' : 'inserted'} ${report.inserted}, duplicates ${report.duplicates}, rejected ${report.rejected}`,
    `  ${report.seconds.toFixed(1)} s, ${Math.round(report.ratePerSecond)} rows/s`,
  ];
  if (report.wouldBe) {
    lines.push(`  would be: ${Object.entries(report.wouldBe).map(([status, n]) => `${status} ${n}`).join(', ')}`);
  }
  if (report.rejected > 0 && report.jobId !== null) {
    lines.push(`  rejected rows to fix: crible import-rejects ${report.jobId} > rejets.txt   (reasons: --reasons)`);
  }
  return lines.join('\n');
}

/**
 * `crible import FILE…`: NDJSON, JSON array or CSV, gzipped or not; `-` reads stdin.
 * `withImport` opens the database and the services for the command's duration.
 */
export function registerImportCommand(
  program: Command,
  withImport: <T>(body: (imports: ImportService) => Promise<T>) => Promise<T>,
): void {
  program
    .command('import')
    .description('import comment dumps (NDJSON, JSON array or CSV, optionally .gz): scored, triaged, idempotent')
    .argument('<files...>', 'files to import; - reads standard input')
    .addOption(new Option('--format <format>', 'format, when the file name does not say it').choices([...IMPORT_FORMATS]))
    .option('--source <name>', 'the platform the comments come from (rows with a source column keep theirs)', 'import')
    .option('--map <field=column>', 'read a field from another column, e.g. --map body=texte (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .option('--dry-run', 'read, check and score everything, write nothing, report what would happen')
    .option('--keep-status', 'keep the decisions the dump carries (approved, rejected…) instead of triaging by score')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts: ImportCliOptions) => {
      let map: ReturnType<typeof parseMapOptions>;
      try {
        map = parseMapOptions(opts.map);
      } catch (err) {
        if (err instanceof MappingError) throw new InvalidArgumentError(err.message);
        throw err;
      }
      const reports: Array<ImportReport & { file: string }> = [];
      await withImport(async (imports) => {
        for (const file of files) {
          const format = opts.format ?? (file === '-' ? undefined : formatFromName(file));
          if (!format) throw new InvalidArgumentError(`cannot tell the format of ${file}: name it .ndjson, .json or .csv (optionally .gz), or pass --format`);
          const counter = { bytes: 0 };
          // Checked before opening: a stream that fails to open would emit its error unheard.
          const size = file === '-' ? undefined : sizeOf(file);
          const stream = file === '-' ? process.stdin : createReadStream(file);
          const progress = createProgressLine(progressStream(), size);
          const report = await imports.run(
            counting(stream as AsyncIterable<Buffer>, counter),
            { format, source: opts.source, map, dryRun: opts.dryRun, keepStatus: opts.keepStatus, filename: file === '-' ? 'stdin' : basename(file) },
            (p) => progress.update(p.read, counter.bytes),
          );
          progress.done();
          reports.push({ file, ...report });
          if (!opts.json) console.log(describe(file, report));
        }
      });
      if (opts.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    });
}

/** `crible import-rejects JOB`: the rows an import rejected, ready to fix and import again. */
export function registerImportRejectsCommand(
  program: Command,
  withJobs: <T>(body: (jobs: ImportJobsRepo) => Promise<T>) => Promise<T>,
): void {
  program
    .command('import-rejects')
    .description('print the rows an import rejected, in their original format, to fix and import again')
    .argument('<job>', 'the import job number (printed by crible import)')
    .option('--reasons', 'print line, reason and excerpt as CSV instead')
    .action(async (jobArg: string, opts: { reasons?: boolean }) => {
      const jobId = Number(jobArg);
      if (!Number.isSafeInteger(jobId) || jobId <= 0) throw new InvalidArgumentError(`not a job number: ${jobArg}`);
      await withJobs(async (jobs) => {
        const job = await jobs.find(jobId);
        if (!job) throw new InvalidArgumentError(`no import job ${jobId}`);
        for await (const text of rejectsFile(job, jobs.rejects(jobId), opts.reasons ?? false)) {
          if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      });
    });
}
