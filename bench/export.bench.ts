/**
 * The export benchmark: the whole moderation log to a file, as CSV then as NDJSON, with the time
 * taken and the peak resident memory. The import benchmark calls it after importing a million
 * comments; memory should stay flat whatever the row count (rows are read a page at a time).
 *
 *   const result = await benchExport(db, '/tmp/crible-export');  // writes /tmp/crible-export.csv and .ndjson
 */
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { createExportService, type ExportFormat } from '../src/services/export.service.js';

export interface ExportBenchResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
  byFormat: Record<'csv' | 'ndjson', { rows: number; seconds: number; peakRssMb: number; file: string }>;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs `body` while sampling process.memoryUsage().rss every 50 ms; returns its result and the peak. */
async function withRssSampling<T>(body: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await body();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { value, peakRss };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Exports the whole moderation log to `<out>.csv` and `<out>.ndjson` (a trailing .csv/.ndjson on
 * `out` is dropped). `rows` is the number of events, `seconds` the total of both exports,
 * `peakRssMb` the highest RSS seen during either.
 */
export async function benchExport(db: Knex, out: string): Promise<ExportBenchResult> {
  const base = out.replace(/\.(csv|ndjson)$/, '');
  const service = createExportService(db);
  const byFormat = {} as ExportBenchResult['byFormat'];
  for (const format of ['csv', 'ndjson'] as const satisfies readonly ExportFormat[]) {
    const file = `${base}.${format}`;
    const started = performance.now();
    const { value, peakRss } = await withRssSampling(() =>
      service.exportModerationLog({}, format, {}, createWriteStream(file)),
    );
    byFormat[format] = { rows: value.rows, seconds: (performance.now() - started) / 1000, peakRssMb: mb(peakRss), file };
  }
  return {
    rows: byFormat.csv.rows,
    seconds: byFormat.csv.seconds + byFormat.ndjson.seconds,
    peakRssMb: Math.max(byFormat.csv.peakRssMb, byFormat.ndjson.peakRssMb),
    byFormat,
  };
}
