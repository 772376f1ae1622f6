/**
 * Hostile dumps: records too long to hold, a CSV with no line break, a decompression bomb. Each
 * costs bounded memory, keeps every valid row around it, and reports the bad record with its line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { readRecords, MAX_RECORD_CHARS, UnreadableDumpError, type ImportFormat, type ImportRecord } from '../../src/services/import/records.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';
import { importServiceFor } from '../helpers/import-app.js';
import type { Knex } from 'knex';

const MB = 1024 * 1024;

/** `size` characters of `letter`, produced 1 MB at a time (never held whole). */
function* filler(size: number, letter = 'x'): Generator<string> {
  const piece = letter.repeat(MB);
  for (let left = size; left > 0; left -= MB) yield left >= MB ? piece : piece.slice(0, left);
}

/** A dump built lazily from text pieces, as the bytes an import reads. */
function dumpOf(pieces: () => Iterable<string>): AsyncIterable<Buffer> {
  return Readable.from((function* () {
    for (const piece of pieces()) yield Buffer.from(piece);
  })());
}

const ndjsonRows = (from: number, count: number, tag: string): string =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ id: `${tag}-${from + i}`, body: `Commentaire ${from + i}`, author: 'Lecteur', article: tag })).join('\n') + '\n';
const csvRows = (from: number, count: number, tag: string): string =>
  Array.from({ length: count }, (_, i) => `${tag}-${from + i},Commentaire ${from + i},Lecteur,${tag}\n`).join('');

/** Reads every record, tracking how far the process's memory grew meanwhile. */
async function readAll(input: AsyncIterable<Buffer>, format: ImportFormat): Promise<{ rows: number; errors: ImportRecord[]; grewMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  let rows = 0;
  const errors: ImportRecord[] = [];
  for await (const record of readRecords(input, format)) {
    if ('error' in record) errors.push(record);
    else rows += 1;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { rows, errors, grewMb: (Math.max(peak, process.memoryUsage().rss) - start) / MB };
}

describe('hostile dumps', () => {
  it('when an NDJSON line is 400 MB long, then it is one row error with its line, memory stays flat, and the rows around it are read', async () => {
    const input = dumpOf(function* () {
      yield ndjsonRows(0, 1000, 'nd');
      yield '{"id":"huge","body":"';
      yield* filler(400 * MB);
      yield '"}\n';
      yield ndjsonRows(1000, 1000, 'nd');
    });
    const result = await readAll(input, 'ndjson');
    assert.equal(result.rows, 2000);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.line, 1001);
    assert.match((result.errors[0] as { error: string }).error, /longer than/);
    assert.ok(result.errors[0]!.raw.length <= 200, 'only an excerpt of the line is kept');
    assert.ok(result.grewMb < 250, `memory grew by ${result.grewMb.toFixed(0)} MB for a 400 MB line`);
  });

  it('when a CSV record over the limit sits between valid rows, then it is one row error and every row after it is read', async () => {
    const input = dumpOf(function* () {
      yield 'id,body,author,article\n';
      yield csvRows(0, 500, 'csv');
      yield 'long,';
      yield* filler(MAX_RECORD_CHARS + 10);
      yield ',Lecteur,csv\n';
      yield 'quoted,"guillemets ""doublés""\n';
      yield* filler(3 * MB, 'y');
      yield '",Lecteur,csv\n';
      yield csvRows(500, 500, 'csv');
    });
    const result = await readAll(input, 'csv');
    assert.equal(result.rows, 1000);
    assert.deepEqual(result.errors.map((e) => e.line), [502, 503]);
  });

  it('when a CSV quote is never closed and 300 MB follow, then the rows before it are read and memory stays flat', async () => {
    const input = dumpOf(function* () {
      yield 'id,body,author,article\n';
      yield csvRows(0, 300, 'open');
      yield 'open-quote,"ceci ne se ferme jamais\n';
      for (let i = 0; i < 300; i++) yield `${'z'.repeat(MB - 1)}\n`;
    });
    const result = await readAll(input, 'csv');
    assert.equal(result.rows, 300);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.line, 302);
    assert.ok(result.grewMb < 250, `memory grew by ${result.grewMb.toFixed(0)} MB for 300 MB in one quote`);
  });

  it('when a CSV file has no line break at all, then the import refuses it at once instead of reading it whole', async () => {
    const started = performance.now();
    const input = dumpOf(() => filler(20 * MB, 'a,'));
    await assert.rejects(readAll(input, 'csv'), (err: unknown) => err instanceof UnreadableDumpError && /header line/.test(err.message));
    assert.ok(performance.now() - started < 5000, 'refused without a long scan');
  });

  it('when a gzipped file expands more than the ratio allows, then it is refused as a bomb', async () => {
    const zeros = Buffer.alloc(MB, '\n');
    const bomb = Readable.from((function* () {
      for (let i = 0; i < 200; i++) yield zeros;
    })()).pipe(createGzip());
    await assert.rejects(readAll(bomb, 'ndjson'), (err: unknown) => err instanceof UnreadableDumpError && /bomb/.test(err.message));
  });
});

describe('a hostile dump imported', () => {
  let testEnv: TestEnv;
  let db: Knex;
  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  it('when one NDJSON line is too long, then every valid row is stored and the line is a rejected row', async () => {
    const tag = `hostile-${process.pid}`;
    const input = dumpOf(function* () {
      yield ndjsonRows(0, 300, tag);
      yield `{"id":"${tag}-huge","body":"`;
      yield* filler(5 * MB);
      yield '"}\n';
      yield ndjsonRows(300, 300, tag);
    });
    const report = await importServiceFor(db).run(input, { format: 'ndjson', source: tag });
    assert.equal(report.inserted, 600);
    assert.equal(report.rejected, 1);
    const rejects = await db('import_rejects').where({ job_id: report.jobId }).select('line_number', 'reason');
    assert.deepEqual(rejects.map((r) => Number(r.line_number)), [301]);
    assert.equal(Number((await db('comments').where({ source: tag }).count({ n: '*' }).first())?.n), 600);
  });
});
