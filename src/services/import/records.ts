import { createGunzip } from 'node:zlib';
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import streamArray from 'stream-json/streamers/stream-array.js';

export type ImportFormat = 'ndjson' | 'json' | 'csv';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ndjson', 'json', 'csv'];

/** One row of a dump: its fields, or why it could not be read. `raw` is kept for the rejects file. */
export type ImportRecord =
  | { line: number; fields: Record<string, unknown>; raw: string }
  | { line: number; error: string; raw: string };

/** The format from a file name (`comments.csv.gz` → csv), or undefined. */
export function formatFromName(name: string): ImportFormat | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.ndjson') || base.endsWith('.jsonl')) return 'ndjson';
  if (base.endsWith('.json')) return 'json';
  if (base.endsWith('.csv') || base.endsWith('.tsv')) return 'csv';
  return undefined;
}

/** Whether `err` is the input going away (a client that hung up), not something wrong in the file. */
export function isInterruption(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted';
}

/**
 * `source` piped into `target`, read from `target`. Unlike `.pipe()`, a failing source (an upload
 * whose client hung up) destroys `target` with its error, so the reader sees it as a throw
 * instead of an unhandled 'error' event that would end the process.
 */
function through<T extends Duplex>(source: AsyncIterable<unknown>, target: T): T {
  pipeline(Readable.from(source), target).catch(() => {}); // the reader of `target` gets the error
  return target;
}

/** Gunzips when the stream starts with gzip's magic bytes, whatever the file is called. */
async function* maybeGunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest = (async function* () {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
    let compressed = 0;
    const counted = (async function* () {
      for await (const chunk of rest) {
        compressed += chunk.length;
        yield chunk;
      }
    })();
    let expanded = 0;
    for await (const chunk of through(counted, createGunzip()) as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > MIN_BOMB_BYTES && expanded > MAX_GZIP_RATIO * compressed) {
        throw new UnreadableDumpError(`the gzipped file expands more than ${MAX_GZIP_RATIO} times (${compressed} bytes gave over ${expanded}): refused as a decompression bomb`);
      }
      yield chunk;
    }
  } else {
    yield* rest;
  }
}

/**
 * Decodes UTF-8 without stopping at bad bytes: they become U+FFFD, and a row holding one is
 * rejected as invalid UTF-8 (see INVALID_UTF8), so nothing is silently altered or lost.
 */
async function* decode(input: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  for await (const chunk of input) yield decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail) yield tail;
}

export const INVALID_UTF8 = 'invalid UTF-8 (bytes that are not text)';

/**
 * Longest record read, in characters. A comment body holds at most 20,000; a longer line, quoted
 * span or array element is a row error, so a hostile file cannot make the import hold it in memory.
 */
export const MAX_RECORD_CHARS = 1_000_000;
const tooLongError = `row longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters: not read`;
const EXCERPT_CHARS = 200;

/**
 * A gzipped dump may expand this many times at most (real comment dumps compress 3–10×), past
 * the first MIN_BOMB_BYTES: beyond, it is a decompression bomb and the import stops.
 */
export const MAX_GZIP_RATIO = 100;
const MIN_BOMB_BYTES = 64 * 1024 * 1024;

/** The dump itself cannot be read further (a decompression bomb, a header line too long). */
export class UnreadableDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableDumpError';
  }
}
const REPLACEMENT = '\uFFFD';

async function* ndjsonRecords(text: AsyncIterable<string>): AsyncGenerator<ImportRecord> {
  let pending = '';
  let line = 0;
  // Set while the rest of a line over MAX_RECORD_CHARS is skipped: the start of that line.
  let skipped: string | null = null;
  const parseLine = (raw: string): ImportRecord | undefined => {
    line += 1;
    const trimmed = raw.replace(/\r$/, '');
    if (trimmed.trim() === '') return undefined;
    if (trimmed.includes(REPLACEMENT)) return { line, error: INVALID_UTF8, raw: trimmed };
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { line, error: 'not a JSON object', raw: trimmed };
      }
      return { line, fields: value as Record<string, unknown>, raw: trimmed };
    } catch (err) {
      return { line, error: `invalid JSON: ${(err as Error).message}`, raw: trimmed };
    }
  };
  const endLine = (rest: string): ImportRecord | undefined => {
    if (skipped === null) return parseLine(pending + rest);
    line += 1;
    const record = { line, error: tooLongError, raw: skipped };
    skipped = null;
    return record;
  };
  for await (const chunk of text) {
    // Only the new chunk is searched: rescanning a long pending line at every chunk is quadratic.
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      const record = endLine(chunk.slice(start, newline));
      pending = '';
      if (record) yield record;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (skipped === null) {
      pending += chunk.slice(start);
      if (pending.length > MAX_RECORD_CHARS) {
        skipped = pending.slice(0, EXCERPT_CHARS);
        pending = '';
      }
    }
  }
  if (pending !== '' || skipped !== null) {
    const record = endLine('');
    if (record) yield record;
  }
}

/** A JSON array, one element at a time; `line` is the element's position (1-based). */
async function* jsonArrayRecords(text: AsyncIterable<string>): AsyncGenerator<ImportRecord> {
  const elements = through(text, streamArray.withParserAsStream());
  let index = 0;
  try {
    for await (const { key, value } of elements as AsyncIterable<{ key: number; value: unknown }>) {
      index = key + 1;
      const raw = JSON.stringify(value);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line: index, error: 'not a JSON object', raw };
      } else if (raw.includes(REPLACEMENT)) {
        yield { line: index, error: INVALID_UTF8, raw };
      } else {
        yield { line: index, fields: value as Record<string, unknown>, raw };
      }
    }
  } catch (err) {
    if (isInterruption(err)) throw err;
    // A syntax error leaves the rest of an array unreadable: say where, keep what came before.
    yield { line: index + 1, error: `invalid JSON after element ${index}: ${(err as Error).message}; the rest of the file was not read`, raw: '' };
  }
}

/** `;` or `,`, whichever the header line uses more (French spreadsheets write `;`). */
function sniffDelimiter(header: string): ',' | ';' {
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

async function* csvRecords(text: AsyncIterable<string>, onHeader?: (line: string) => void): AsyncGenerator<ImportRecord> {
  const iterator = text[Symbol.asyncIterator]();
  let head = '';
  const buffered: string[] = [];
  for (let seen = false; !seen; ) {
    const next = await iterator.next();
    if (next.done) break;
    seen = next.value.includes('\n');
    head += next.value;
    buffered.push(next.value);
    if (!seen && head.length > MAX_RECORD_CHARS) {
      throw new UnreadableDumpError(`the CSV header line is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (is this a CSV file?)`);
    }
  }
  const headerLine = (head.split('\n')[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  onHeader?.(headerLine);
  const delimiter = sniffDelimiter(headerLine);
  const skipped: ImportRecord[] = [];
  const parser = parseCsv({
    columns: (header: string[]) => header.map((name) => name.trim()),
    delimiter,
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: { message: string; lines?: number } | undefined, raw: string | undefined) => {
      const record: ImportRecord = { line: err?.lines ?? 0, error: `invalid CSV: ${err?.message ?? 'unreadable row'}`, raw: raw ?? '' };
      // After a bad quote the parser retries the same row several times: keep one record for it.
      const previous = skipped.at(-1);
      if (previous && record.raw.startsWith(previous.raw)) skipped[skipped.length - 1] = { ...record, line: previous.line };
      else skipped.push(record);
    },
  });
  const rest = (async function* () {
    yield* buffered;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  through(
    boundedCsvRecords(rest, (line, excerpt) => skipped.push({ line, error: tooLongError, raw: excerpt })),
    parser,
  );
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    const rawLine = raw.replace(/\r?\n$/, '');
    if (rawLine.includes(REPLACEMENT)) yield { line: info.lines, error: INVALID_UTF8, raw: rawLine };
    else yield { line: info.lines, fields: record, raw: rawLine };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/**
 * CSV text with every record over MAX_RECORD_CHARS taken out, before the CSV parser buffers it:
 * a record ends at a line break outside quotes (`""` inside a quoted field toggles twice). A
 * record taken out is reported to `onTooLong` with its first line's number and leaves its line
 * breaks behind, as empty lines, so the parser's line numbers stay those of the file.
 */
export async function* boundedCsvRecords(
  text: AsyncIterable<string>,
  onTooLong: (line: number, excerpt: string) => void,
): AsyncGenerator<string> {
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let partial = ''; // the current record's text from earlier chunks
  let skipped: string | null = null; // the excerpt of the record being taken out
  for await (const chunk of text) {
    let out = '';
    let recordStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x22) inQuotes = !inQuotes;
      else if (c === 0x0a) {
        line += 1;
        if (skipped !== null) out += '\n';
        if (!inQuotes) {
          if (skipped !== null) {
            onTooLong(recordLine, skipped);
            skipped = null;
          } else {
            out += partial + chunk.slice(recordStart, i + 1);
          }
          partial = '';
          recordStart = i + 1;
          recordLine = line;
        }
      }
      if (skipped === null && partial.length + (i + 1 - recordStart) > MAX_RECORD_CHARS) {
        skipped = (partial + chunk.slice(recordStart, recordStart + EXCERPT_CHARS)).slice(0, EXCERPT_CHARS);
        partial = '';
      }
    }
    if (skipped === null) partial += chunk.slice(recordStart);
    if (out) yield out;
  }
  if (skipped !== null) onTooLong(recordLine, skipped);
  else if (partial) yield partial;
}

/** Reads a dump (optionally gzipped) as records, one bad row never stopping the rest. */
export function readRecords(
  input: AsyncIterable<Buffer>,
  format: ImportFormat,
  onHeader?: (line: string) => void,
): AsyncGenerator<ImportRecord> {
  const text = decode(maybeGunzip(input));
  if (format === 'ndjson') return ndjsonRecords(text);
  if (format === 'json') return jsonArrayRecords(text);
  return csvRecords(text, onHeader);
}
