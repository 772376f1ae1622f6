import { z } from 'zod';
import { MAX_INPUT_CHARS } from '../../scoring/index.js';
import { COMMENT_STATUSES } from '../../repositories/comments.repo.js';

/** The most comments one POST may carry. */
export const MAX_BATCH = 1000;

const id = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(300, `${what} is longer than 300 characters`);

export const incomingCommentSchema = z.strictObject({
  source: id('source').regex(/^[\w.:-]+$/, 'source may contain only letters, digits, _ . : -').default('api'),
  externalId: id('externalId'),
  article: z.strictObject({
    externalId: id('article.externalId'),
    url: z.url({ error: 'article.url must be a URL' }).max(2000).nullish(),
    title: z.string().max(1000).nullish(),
  }),
  author: z.strictObject({
    externalId: id('author.externalId'),
    name: z.string().trim().min(1, 'author.name must not be empty').max(300),
  }),
  parentExternalId: id('parentExternalId').nullish(),
  body: z
    .string({ error: 'body must be a string' })
    .refine((body) => body.trim().length > 0, 'body must not be empty')
    .refine((body) => body.length <= MAX_INPUT_CHARS, `body is longer than ${MAX_INPUT_CHARS} characters`),
  createdAt: z.iso
    .datetime({ offset: true, error: 'createdAt must be an ISO 8601 date-time, e.g. 2026-11-23T10:00:00Z' })
    .transform((value) => new Date(value))
    .optional(),
});

export type IncomingCommentInput = z.infer<typeof incomingCommentSchema>;

export interface FieldProblem {
  index: number | null;
  field: string;
  problem: string;
}

/** zod issues as `{ index, field, problem }`, the shape the API documents. */
export function toFieldProblems(error: z.ZodError, index: number | null): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const field = issue.path.filter((part) => typeof part === 'string').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ index, field: field ? `${field}.${key}` : key, problem: 'unknown field' }));
    }
    const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return [{ index, field: field || '(body)', problem }];
  });
}

export const listQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(COMMENT_STATUSES as [string, ...string[]]))),
  updatedSince: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  cursor: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(500),
}).partial();
