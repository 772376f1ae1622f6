/**
 * Exports of the moderation log and of the comments, as CSV, NDJSON or a JSON array, streamed:
 * rows are read from the database a page at a time and written as they come, waiting for the
 * output to drain, so a million rows cost the memory of one page whatever the format.
 *
 * CSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return, or their full-width forms) are prefixed with `'`, as OWASP advises against
 * CSV injection: a comment `=HYPERLINK("http://evil","clic")` is shown as text in Excel, not run.
 * NDJSON and JSON are not meant for spreadsheets and carry values unchanged.
 */
import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { stringify } from 'csv-stringify/sync';
import { CATEGORIES, type Category } from '../scoring/types.js';
import {
  createExportsRepo,
  type CommentExportFilter,
  type CommentExportRow,
  type EventExportFilter,
  type EventExportRow,
} from '../repositories/exports.repo.js';
import { ExportError, type ExportFormat, type ExportOptions, type LogFilter } from './export-params.js';

export {
  EXPORT_FORMATS,
  ExportError,
  commentsParamsSchema,
  logParamsSchema,
  parseCommentsParams,
  parseLogParams,
  type CommentsParams,
  type ExportFormat,
  type ExportOptions,
  type LogFilter,
  type LogParams,
} from './export-params.js';

// ---------------------------------------------------------------------------------------------
// Rows → records
// ---------------------------------------------------------------------------------------------

type Cell = string | number | null;
type Json = Cell | boolean | Json[] | { [key: string]: Json } | object;

/**
 * A column of an export: its name (the CSV header and the JSON key), its CSV cell and its JSON value.
 * Dates are ISO 8601 in UTC in every format.
 */
interface Column<R> {
  name: string;
  cell: (row: R) => Cell;
  json?: (row: R) => Json;
}

/** Terms that matched, each once, in order of appearance: `connard(e)(s) | ta gueule`. */
function matchedTerms(matches: ReadonlyArray<{ term: string }> | null): string {
  return [...new Set((matches ?? []).map((m) => m.term))].join(' | ');
}

export const EVENT_COLUMNS: ReadonlyArray<Column<EventExportRow>> = [
  { name: 'event_id', cell: (e) => e.id },
  { name: 'when', cell: (e) => e.createdAt.toISOString() },
  // A moderator's display name; `system` for automatic triage, `import` for imported decisions.
  { name: 'who', cell: (e) => (e.actorType === 'user' ? e.actorName : e.actorType) },
  { name: 'who_email', cell: (e) => e.actorEmail },
  { name: 'action', cell: (e) => e.action },
  { name: 'from_status', cell: (e) => e.fromStatus },
  { name: 'to_status', cell: (e) => e.toStatus },
  { name: 'reason_code', cell: (e) => e.reasonCode },
  { name: 'note', cell: (e) => e.note },
  { name: 'comment_id', cell: (e) => e.commentId },
  { name: 'comment_external_id', cell: (e) => e.commentExternalId },
  { name: 'source', cell: (e) => e.source },
  { name: 'body', cell: (e) => e.body },
  { name: 'article_external_id', cell: (e) => e.articleExternalId },
  { name: 'article_title', cell: (e) => e.articleTitle },
  { name: 'author_external_id', cell: (e) => e.authorExternalId },
  { name: 'author_name', cell: (e) => e.authorName },
  { name: 'score_at_decision', cell: (e) => e.score },
  // CSV: the terms; NDJSON/JSON: every match (term, category, severity, offsets, text) under `matches`.
  { name: 'matched_terms', cell: (e) => matchedTerms(e.matches) },
];

/**
 * The comments export. `source`, `id` (the site's id), `article_id`, `article_url`,
 * `article_title`, `author_id`, `author_name`, `parent_id`, `body`, `created_at` and `status` are
 * the names the import recognizes by default, so an export can be imported again as it is.
 */
export const COMMENT_COLUMNS: ReadonlyArray<Column<CommentExportRow>> = [
  { name: 'source', cell: (c) => c.source },
  { name: 'id', cell: (c) => c.externalId },
  { name: 'internal_id', cell: (c) => c.id },
  { name: 'article_id', cell: (c) => c.articleExternalId },
  { name: 'article_url', cell: (c) => c.articleUrl },
  { name: 'article_title', cell: (c) => c.articleTitle },
  { name: 'author_id', cell: (c) => c.authorExternalId },
  { name: 'author_name', cell: (c) => c.authorName },
  { name: 'parent_id', cell: (c) => c.parentExternalId },
  { name: 'body', cell: (c) => c.body },
  { name: 'created_at', cell: (c) => c.createdAt.toISOString() },
  { name: 'status', cell: (c) => c.status },
  { name: 'score', cell: (c) => c.score },
  ...CATEGORIES.map((category: Category): Column<CommentExportRow> => ({ name: `score_${category}`, cell: (c) => c.categories[category] })),
  { name: 'target', cell: (c) => c.target },
  { name: 'matched_terms', cell: (c) => matchedTerms(c.matches) },
  { name: 'scorer_version', cell: (c) => c.scorerVersion },
  { name: 'updated_at', cell: (c) => c.updatedAt.toISOString() },
];

function jsonRecord<R extends { matches: unknown }>(columns: ReadonlyArray<Column<R>>, row: R): Record<string, Json> {
  const record: Record<string, Json> = {};
  for (const column of columns) {
    if (column.name === 'matched_terms') record.matches = (row.matches ?? null) as Json;
    else record[column.name] = column.json ? column.json(row) : column.cell(row);
  }
  return record;
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
/** A line break inside a cell followed by a formula start: a spreadsheet may read the next line as a cell of its own. */
const FORMULA_AFTER_BREAK = /(\r\n|\r|\n)(?=[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20])/g;

/**
 * Neutralizes a CSV cell a spreadsheet would evaluate (OWASP "CSV Injection"): a text starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (or a full-width `＝＋－＠`) gets a leading `'`,
 * and so does every line of the cell that starts with one.
 *
 * @example
 * neutralizeFormula('=HYPERLINK("http://x")') // → `'=HYPERLINK("http://x")`
 * neutralizeFormula('Bonjour\n=1+1')          // → "Bonjour\n'=1+1"
 * neutralizeFormula('Bonjour')                 // → 'Bonjour'
 */
export function neutralizeFormula(value: string): string {
  const lines = value.replace(FORMULA_AFTER_BREAK, "$1'");
  return lines.length > 0 && FORMULA_START.has(lines[0]!) ? `'${lines}` : lines;
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/**
 * The export as text chunks, one per page of rows. The first chunk (CSV header, `[`) comes with
 * the first page, so a database error on the first query happens before anything is written and
 * an HTTP caller can still answer with an error status.
 */
async function* encode<R extends { matches: unknown }>(
  pages: AsyncIterable<R[]>,
  columns: ReadonlyArray<Column<R>>,
  format: ExportFormat,
  options: ExportOptions,
): AsyncGenerator<string> {
  const escapeFormulas = options.escapeFormulas ?? true;
  const csvPage = (rows: R[], first: boolean): string =>
    stringify(
      rows.map((row) =>
        columns.map((column) => {
          const value = column.cell(row);
          return typeof value === 'string' && escapeFormulas ? neutralizeFormula(value) : value;
        }),
      ),
      {
        header: first,
        columns: columns.map((column) => column.name),
        delimiter: options.delimiter ?? ',',
        bom: first && options.bom === true,
        record_delimiter: 'windows', // RFC 4180, and what Excel writes
        // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a bare LF or CR,
        // which a spreadsheet would still read as the end of the row.
        quoted_match: /[\r\n]/,
      },
    );

  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    if (format === 'csv') yield csvPage(page, first);
    else if (format === 'ndjson') yield page.map((row) => `${JSON.stringify(jsonRecord(columns, row))}\n`).join('');
    else yield (first ? '[\n' : ',\n') + page.map((row) => JSON.stringify(jsonRecord(columns, row))).join(',\n');
    first = false;
  }
  if (format === 'csv' && first) yield csvPage([], true);
  if (format === 'json') yield first ? '[]\n' : '\n]\n';
}

/** The output went away (client disconnected, pipe closed) while the export was writing. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output was closed before the export finished');
    this.name = 'OutputClosedError';
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new OutputClosedError());
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

function finished(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.writableFinished) return resolve();
    out.once('finish', resolve);
    out.once('error', reject);
  });
}

/**
 * Writes chunks to `out`, waiting for 'drain' whenever it is full (backpressure), and stopping the
 * database reads when `out` is closed. Ending the generator early runs its `finally` (no page left open).
 */
async function pump(chunks: AsyncGenerator<string>, out: Writable, end: boolean): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (out.destroyed || out.writableEnded) throw new OutputClosedError();
      if (!out.write(chunk)) await drained(out);
    }
  } finally {
    await chunks.return(undefined);
  }
  if (end) {
    out.end();
    await finished(out);
  }
}

export interface ExportResult {
  rows: number;
}

/** Counts rows as they pass, without holding them. */
async function* counting<R>(pages: AsyncIterable<R[]>, result: ExportResult): AsyncGenerator<R[]> {
  for await (const page of pages) {
    result.rows += page.length;
    yield page;
  }
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `crible-moderation-log-2026-11-23.csv`: what the download is called. */
export function exportFileName(kind: 'moderation-log' | 'comments', format: ExportFormat, now = new Date()): string {
  return `crible-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
}

export function createExportService(db: Knex) {
  const repo = createExportsRepo(db);

  /** "12" is a user id, anything else an e-mail; an unknown one is an error, not an empty export. */
  async function moderatorId(moderator: string): Promise<number> {
    const id = /^\d+$/.test(moderator)
      ? await repo.findUserId({ id: Number(moderator) })
      : await repo.findUserId({ email: moderator });
    if (id === undefined) throw new ExportError('moderator', `no user with id or e-mail "${moderator}"`);
    return id;
  }

  return {
    /** Writes the moderation log, oldest event first, to `out`. Resolves when `out` has everything. */
    async exportModerationLog(filter: LogFilter, format: ExportFormat, options: ExportOptions, out: Writable): Promise<ExportResult> {
      const { moderator, ...rest } = filter;
      const eventFilter: EventExportFilter = moderator === undefined ? rest : { ...rest, moderatorId: await moderatorId(moderator) };
      const result: ExportResult = { rows: 0 };
      const pages = counting(repo.eventPages(eventFilter, options), result);
      await pump(encode(pages, EVENT_COLUMNS, format, options), out, options.end ?? true);
      return result;
    },

    /** Writes the comments, in the order they were stored, to `out`; the CSV can be imported again. */
    async exportComments(filter: CommentExportFilter, format: ExportFormat, options: ExportOptions, out: Writable): Promise<ExportResult> {
      const result: ExportResult = { rows: 0 };
      const pages = counting(repo.commentPages(filter, options), result);
      await pump(encode(pages, COMMENT_COLUMNS, format, options), out, options.end ?? true);
      return result;
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
