import type { ImportJob, ImportReject } from '../../repositories/import-jobs.repo.js';

/**
 * The rejected rows of a job as a file to fix and import again: the original rows in the job's
 * format (CSV keeps its header; JSON-array rows come out as NDJSON), or with `reasons`, a CSV of
 * line, reason and excerpt for reading.
 */
export async function* rejectsFile(job: ImportJob, rejects: AsyncIterable<ImportReject>, reasons: boolean): AsyncGenerator<string> {
  if (reasons) {
    yield 'line,reason,excerpt\n';
    for await (const r of rejects) yield `${r.line},${csvCell(r.reason)},${csvCell(r.excerpt)}\n`;
    return;
  }
  if (job.format === 'csv' && job.options.csvHeader) yield `${job.options.csvHeader}\n`;
  for await (const r of rejects) if (r.raw) yield `${r.raw}\n`;
}

/** Quotes a CSV cell, and defuses a leading = + - @ so a spreadsheet never runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The file name a download of these rejects gets. */
export function rejectsFileName(job: ImportJob, reasons: boolean): string {
  if (reasons) return `crible-import-${job.id}-rejets-motifs.csv`;
  return `crible-import-${job.id}-rejets.${job.format === 'csv' ? 'csv' : 'ndjson'}`;
}
