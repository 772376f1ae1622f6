import { z } from 'zod';
import { COMMENT_STATUSES } from '../../domain/comment-status.js';

// The incoming comment is the domain's; the API's schemas build on it.
export { incomingCommentSchema, type IncomingCommentInput } from '../../domain/incoming-comment.js';
export { toFieldProblems, type FieldProblem } from '../../domain/field-problems.js';

/** The most comments one POST may carry. */
export const MAX_BATCH = 1000;

export const listQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(COMMENT_STATUSES as [string, ...string[]]))),
  updatedSince: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  cursor: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(500),
  /** Full-text search, as in the queue's search box (see docs/api.md). */
  q: z.string().trim().max(200),
}).partial();
