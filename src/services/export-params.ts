/**
 * What a person asks an export for, as they give it (query string, form, command line): checked
 * here, turned into the repository's filter, the format and the CSV options.
 */
import { z } from 'zod';
import { COMMENT_STATUSES, type CommentStatus } from '../domain/comment-status.js';
import { REASON_CODES } from '../repositories/events.repo.js';
import type { CommentExportFilter, EventExportFilter, PageOptions } from '../repositories/exports.repo.js';

export const EXPORT_FORMATS = ['csv', 'ndjson', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions extends PageOptions {
  /** CSV: start with a UTF-8 byte order mark, so Excel reads accents right. */
  bom?: boolean;
  /** CSV: `;` for spreadsheets set to French, where `,` is the decimal separator. */
  delimiter?: ',' | ';';
  /** CSV: prefix formula-like cells with `'` (default true). Off only for a machine that wants raw values. */
  escapeFormulas?: boolean;
  /** End `out` when done (default true). False for process.stdout. */
  end?: boolean;
}

/** A bad export parameter; the message names it and is meant for the person who gave it. */
export class ExportError extends Error {
  constructor(
    readonly param: string,
    readonly problem: string,
  ) {
    super(`invalid ${param}: ${problem}`);
    this.name = 'ExportError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const blank = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const dateOrDateTime = optional(
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone (2026-11-23T10:00:00Z)',
  }),
);
const booleanish = z.preprocess(
  (value) => (value === undefined || value === '' ? false : value === true ? true : value === false ? false : String(value).toLowerCase()),
  z.union([z.boolean(), z.enum(['1', 'true', 'on', 'yes']).transform(() => true), z.enum(['0', 'false', 'off', 'no']).transform(() => false)], {
    error: 'expected true or false',
  }),
);

const commonParams = {
  format: z.preprocess(blank, z.enum(EXPORT_FORMATS, { error: 'expected csv, ndjson or json' }).default('csv')),
  from: dateOrDateTime,
  to: dateOrDateTime,
  article: optional(z.string().trim().min(1).max(300)),
  bom: booleanish,
  delimiter: z.preprocess(blank, z.enum([',', ';'], { error: "expected ',' or ';'" }).default(',')),
};

/** Query string / form / options of a moderation-log export. Unknown keys are ignored. */
export const logParamsSchema = z.object({
  ...commonParams,
  moderator: optional(z.string().trim().min(1).max(320)),
  // Not an enum: the log may hold actions added after this file (imports, …); an unknown one matches nothing.
  action: optional(z.string().regex(/^[a-z_]{1,30}$/, 'expected an action such as approve, reject, undo, triage')),
  reason: optional(z.enum(REASON_CODES, { error: `expected one of ${REASON_CODES.join(', ')}` })),
});

/** Query string / form / options of a comments export. `status` may list several, comma-separated. */
export const commentsParamsSchema = z.object({
  ...commonParams,
  status: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((s) => s.trim()) : undefined),
    z.array(z.enum(COMMENT_STATUSES as [CommentStatus, ...CommentStatus[]], { error: `expected ${COMMENT_STATUSES.join(', ')}` })).optional(),
  ),
});

export type LogParams = z.infer<typeof logParamsSchema>;
export type CommentsParams = z.infer<typeof commentsParamsSchema>;

function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = String(issue.path[0] ?? 'parameters');
  throw new ExportError(param, issue.message);
}

/** `from` starts at that instant (a day: its first millisecond, UTC); `to` is inclusive (a day: all of it). */
function timeRange(from: string | undefined, to: string | undefined): { from?: Date; before?: Date } {
  const start = from === undefined ? undefined : new Date(DAY.test(from) ? `${from}T00:00:00Z` : from);
  const before =
    to === undefined ? undefined : DAY.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : new Date(Date.parse(to) + 1);
  if (start && before && start >= before) throw new ExportError('to', 'it is before from');
  return { ...(start && { from: start }), ...(before && { before }) };
}

/** The export of the moderation log a person asked for: filter (moderator still unresolved), format, CSV options. */
export function parseLogParams(input: unknown): { filter: LogFilter; format: ExportFormat; options: ExportOptions } {
  const params = parseParams(logParamsSchema, input);
  return {
    filter: {
      ...timeRange(params.from, params.to),
      moderator: params.moderator,
      action: params.action,
      reason: params.reason,
      articleExternalId: params.article,
    },
    format: params.format,
    options: { bom: params.bom, delimiter: params.delimiter },
  };
}

export function parseCommentsParams(input: unknown): { filter: CommentExportFilter; format: ExportFormat; options: ExportOptions } {
  const params = parseParams(commentsParamsSchema, input);
  return {
    filter: { ...timeRange(params.from, params.to), statuses: params.status, articleExternalId: params.article },
    format: params.format,
    options: { bom: params.bom, delimiter: params.delimiter },
  };
}

/** The log filter with the moderator as given: an e-mail or a user id. */
export interface LogFilter extends Omit<EventExportFilter, 'moderatorId'> {
  moderator?: string;
}
