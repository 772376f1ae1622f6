import { z } from 'zod';
import { CATEGORIES } from '../../scoring/types.js';
import { REASON_CODES } from '../../repositories/events.repo.js';

/** Form fields and query strings send '' for "not set". */
const blank = (value: unknown) => (value === '' ? undefined : value);
const optionalNumber = (schema: z.ZodNumber) => z.preprocess(blank, z.coerce.number().pipe(schema).optional()).catch(undefined);
const optionalDay = z
  .preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional())
  .catch(undefined);

/** The queue's query string. Anything unparseable falls back to its default rather than failing. */
export const queueQuerySchema = z.object({
  view: z.enum(['todo', 'held', 'flagged', 'approved', 'rejected', 'published', 'all']).catch('todo'),
  sort: z.enum(['score', 'newest', 'oldest']).catch('score'),
  article: optionalNumber(z.number().int().positive()),
  author: optionalNumber(z.number().int().positive()),
  category: z.preprocess(blank, z.enum(CATEGORIES as [string, ...string[]]).optional()).catch(undefined),
  /** Scores on the 0–100 scale the cards show (stored 0–1: see toFilter). */
  min: optionalNumber(z.number().min(0).max(100)),
  max: optionalNumber(z.number().min(0).max(100)),
  from: optionalDay,
  to: optionalDay,
  q: z.preprocess(blank, z.string().trim().max(200).optional()).catch(undefined),
  after: z.preprocess(blank, z.string().regex(/^-?[\d.]+_\d+$/).optional()).catch(undefined),
  before: z.preprocess(blank, z.string().regex(/^-?[\d.]+_\d+$/).optional()).catch(undefined),
  /** Comments per page (a phone wants fewer, a long session more). */
  per: optionalNumber(z.number().int().min(5).max(100)),
});

export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const decisionFormSchema = z.object({
  action: z.enum(['approve', 'reject']),
  reason: z.preprocess(blank, z.enum(REASON_CODES).optional()),
  note: z.preprocess(blank, z.string().max(2000).optional()),
  version: z.coerce.number().int().positive(),
});

export const bulkFormSchema = z.object({
  action: z.enum(['approve', 'reject']),
  reason: z.preprocess(blank, z.enum(REASON_CODES).optional()),
  // "id:version" pairs, one per checked card.
  items: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().regex(/^\d+:\d+$/)).max(500),
  ),
});

export const authorStatusFormSchema = z.object({
  status: z.enum(['normal', 'premoderated', 'banned']),
  rejectPending: z.preprocess((value) => value === 'on' || value === 'true' || value === '1', z.boolean()),
  reason: z.preprocess(blank, z.enum(REASON_CODES).optional()),
  note: z.preprocess(blank, z.string().max(2000).optional()),
});
