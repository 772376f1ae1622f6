import { z } from 'zod';
import type { CommentStatus } from './comment-status.js';
import { INVALID_TEXT, isStorableText, unstorableTextProblem } from './storable-text.js';

/**
 * The longest body accepted, in UTF-16 units. The scorer reads as much (MAX_INPUT_CHARS), so no
 * stored comment was scored on a truncated text; a test keeps the two equal.
 */
export const MAX_COMMENT_CHARS = 20_000;

/** Refuses text PostgreSQL cannot store (see storable-text.ts), with a problem naming the character. */
function storable<T extends z.ZodType<string>>(schema: T, what: string): T {
  return schema.refine(isStorableText, {
    error: (issue) => `${what} ${unstorableTextProblem(String(issue.input)) ?? 'cannot be stored'}`,
    params: { code: INVALID_TEXT },
  }) as T;
}

const id = (what: string) =>
  storable(z.string().trim().min(1, `${what} must not be empty`).max(300, `${what} is longer than 300 characters`), what);

/**
 * The times a comment may carry: none before the web had comments, none more than a day ahead
 * (a site's clock may run a little fast; a year 9999 would sort above everything forever).
 */
export const EARLIEST_COMMENT_TIME = new Date('1990-01-01T00:00:00Z');
export const MAX_COMMENT_TIME_AHEAD_MS = 24 * 60 * 60 * 1000;

/** What is wrong with a comment's time, or undefined when it is in bounds. */
export function commentTimeProblem(time: Date, now: Date = new Date()): string | undefined {
  if (Number.isNaN(time.getTime())) return 'is not a valid date';
  if (time < EARLIEST_COMMENT_TIME) return `is before ${EARLIEST_COMMENT_TIME.toISOString().slice(0, 10)}`;
  if (time.getTime() > now.getTime() + MAX_COMMENT_TIME_AHEAD_MS) return 'is more than a day in the future';
  return undefined;
}

/** The API's comment and an import's mapped row, checked by one schema. */
export const incomingCommentSchema = z.strictObject({
  source: id('source').regex(/^[\w.:-]+$/, 'source may contain only letters, digits, _ . : -').default('api'),
  externalId: id('externalId'),
  article: z.strictObject({
    externalId: id('article.externalId'),
    url: storable(z.url({ error: 'article.url must be a URL' }).max(2000), 'article.url').nullish(),
    title: storable(z.string().max(1000), 'article.title').nullish(),
  }),
  author: z.strictObject({
    externalId: id('author.externalId'),
    name: storable(z.string().trim().min(1, 'author.name must not be empty').max(300), 'author.name'),
  }),
  parentExternalId: id('parentExternalId').nullish(),
  body: storable(
    z
      .string({ error: 'body must be a string' })
      .refine((body) => body.trim().length > 0, 'body must not be empty')
      .refine((body) => body.length <= MAX_COMMENT_CHARS, `body is longer than ${MAX_COMMENT_CHARS} characters`),
    'body',
  ),
  createdAt: z.iso
    .datetime({ offset: true, error: 'createdAt must be an ISO 8601 date-time, e.g. 2026-11-23T10:00:00Z' })
    .transform((value) => new Date(value))
    .superRefine((time, ctx) => {
      const problem = commentTimeProblem(time);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `createdAt ${problem}` });
    })
    .optional(),
});

export type IncomingCommentInput = z.infer<typeof incomingCommentSchema>;

/** One comment as a site sends it (already validated). */
export interface IncomingComment {
  source: string;
  externalId: string;
  article: { externalId: string; url?: string | null; title?: string | null };
  author: { externalId: string; name: string };
  parentExternalId?: string | null;
  body: string;
  createdAt?: Date;
  /** A decision the comment already had on another platform (bulk import with --keep-status). */
  keptStatus?: CommentStatus;
}
