import { Router, json } from 'express';
import { isUtf8 } from 'node:buffer';
import type { Comment } from '../../repositories/comments.repo.js';
import type { CommentsRepo } from '../../repositories/comments.repo.js';
import type { AccountsService } from '../../services/accounts.service.js';
import type { IngestService, IngestOutcome } from '../../services/ingest.service.js';
import { requireApiKey } from '../auth.middleware.js';
import { AppError } from '../errors.js';
import {
  MAX_BATCH,
  incomingCommentSchema,
  listQuerySchema,
  toFieldProblems,
  type FieldProblem,
  type IncomingCommentInput,
} from '../schemas/comments.schema.js';

/** The largest request body: a full batch of long comments fits, anything bigger gets 413. */
export const MAX_REQUEST_BYTES = '5mb';

/** What the API says about a comment: everything a site needs to act on the decision. */
export function toApiComment(comment: Comment) {
  return {
    id: comment.id,
    source: comment.source,
    externalId: comment.externalId,
    status: comment.status,
    score: comment.score,
    categories: comment.categories,
    target: comment.target,
    matches: comment.matches,
    article: { externalId: comment.article.externalId },
    author: { externalId: comment.author.externalId, name: comment.author.name, status: comment.author.status },
    parentExternalId: comment.parentExternalId,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    decidedAt: comment.decidedAt?.toISOString() ?? null,
    scorerVersion: comment.scorerVersion,
    version: comment.version,
  };
}

function toApiOutcome(outcome: IngestOutcome) {
  return { ...toApiComment(outcome.comment), duplicate: outcome.duplicate };
}

/** Every item is validated before anything is written: one bad item rejects the whole request. */
function validateBatch(body: unknown): { items: IncomingCommentInput[]; single: boolean } {
  const single = !Array.isArray(body);
  const raw = single ? [body] : (body as unknown[]);
  if (raw.length === 0) throw validationError([{ index: null, field: '(body)', problem: 'the array is empty' }]);
  if (raw.length > MAX_BATCH) {
    throw validationError([{ index: null, field: '(body)', problem: `at most ${MAX_BATCH} comments per request` }]);
  }
  const problems: FieldProblem[] = [];
  const items: IncomingCommentInput[] = [];
  raw.forEach((item, index) => {
    const parsed = incomingCommentSchema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else problems.push(...toFieldProblems(parsed.error, single ? null : index));
  });
  if (problems.length > 0) throw validationError(problems);
  assertNoRepeat(items);
  return { items, single };
}

/**
 * A batch that sends one comment twice is refused whole: the two may differ, and keeping either
 * silently would drop what the site meant by the other. (Sending it again in a later request is
 * fine: that answers the stored comment, `duplicate: true`.)
 */
function assertNoRepeat(items: readonly IncomingCommentInput[]): void {
  const firstIndex = new Map<string, number>();
  const problems: FieldProblem[] = [];
  items.forEach((item, index) => {
    const key = JSON.stringify([item.source, item.externalId]);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else problems.push({ index, field: 'externalId', problem: `repeats item ${first} (${item.source}/${item.externalId})`, code: 'duplicate_in_batch' });
  });
  if (problems.length === 0) return;
  const { index, problem } = problems[0]!;
  const id = items[index!]!.externalId;
  throw new AppError(400, 'duplicate_in_batch', `Invalid batch: the externalId "${id}" is sent twice (item ${index} ${problem.split(' (')[0]}); send each comment once`, problems);
}

/** 400 `validation`, or `invalid_text` when a field holds a character no database can store. */
function validationError(problems: FieldProblem[]): AppError {
  const first = problems.find((problem) => problem.code !== undefined) ?? problems[0]!;
  const where = first.index === null ? first.field : `item ${first.index}, ${first.field}`;
  return new AppError(400, first.code ?? 'validation', `Invalid comment: ${where} ${first.problem}`, problems);
}

function encodeCursor(comment: Comment): string {
  return Buffer.from(JSON.stringify([comment.updatedAt.getTime(), comment.id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: Date; id: number } {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, number];
    if (Number.isFinite(time) && Number.isInteger(id)) return { updatedAt: new Date(time), id };
  } catch {
    // fall through to the error below
  }
  throw new AppError(400, 'validation', 'Invalid cursor: pass back the nextCursor of a previous page');
}

export function apiCommentsRoutes(deps: { accounts: AccountsService; ingest: IngestService; comments: CommentsRepo }): Router {
  const router = Router();
  const body = json({
    limit: MAX_REQUEST_BYTES,
    verify(_req, _res, buffer) {
      if (!isUtf8(buffer)) throw new AppError(400, 'invalid_utf8', 'The request body is not valid UTF-8.');
    },
  });

  router.post('/comments', requireApiKey(deps.accounts, 'ingest'), body, async (req, res) => {
    const { items, single } = validateBatch(req.body);
    const outcomes = await deps.ingest.ingest(items);
    const created = outcomes.some((outcome) => !outcome.duplicate);
    res.status(created ? 201 : 200).json(single ? toApiOutcome(outcomes[0]!) : { items: outcomes.map(toApiOutcome) });
  });

  router.get('/comments/:id', requireApiKey(deps.accounts, 'read'), async (req, res) => {
    const id = Number(req.params.id);
    const comment = Number.isSafeInteger(id) && id > 0 ? await deps.comments.findById(id) : undefined;
    if (!comment) throw new AppError(404, 'not_found', `No comment with id ${req.params.id}`);
    res.json(toApiComment(comment));
  });

  router.get('/comments', requireApiKey(deps.accounts, 'read'), async (req, res) => {
    const query = listQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(toFieldProblems(query.error, null));
    const limit = query.data.limit ?? 100;
    const comments = await deps.comments.listChanged({
      statuses: query.data.status as Comment['status'][] | undefined,
      updatedSince: query.data.updatedSince,
      after: query.data.cursor ? decodeCursor(query.data.cursor) : undefined,
      search: query.data.q,
      limit,
    });
    const last = comments.at(-1);
    res.json({ items: comments.map(toApiComment), nextCursor: comments.length === limit && last ? encodeCursor(last) : null });
  });

  return router;
}
