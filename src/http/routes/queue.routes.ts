import { Router, type Request, type Response } from 'express';
import type { QueueRepo, QueueFilter } from '../../repositories/queue.repo.js';
import { sortKeyOf } from '../../repositories/queue.repo.js';
import type { Comment } from '../../repositories/comments.repo.js';
import type { EventsRepo } from '../../repositories/events.repo.js';
import type { AuthorsRepo } from '../../repositories/authors.repo.js';
import { ModerationError, type Decided, type ModerationService, type Undone } from '../../services/moderation.service.js';
import type { HarassmentService } from '../../services/harassment.service.js';
import type { Category } from '../../scoring/types.js';
import { CATEGORIES } from '../../scoring/types.js';
import { REASON_CODES, type ReasonCode } from '../../repositories/events.repo.js';
import { requireUser } from '../auth.middleware.js';
import { AppError } from '../errors.js';
import { backTo, flash, wantsJson } from '../flash.js';
import { messages } from '../messages.fr.js';
import { highlight } from '../views/highlight.js';
import { fromScore100 } from '../views/format.js';
import { authorStatusFormSchema, bulkFormSchema, decisionFormSchema, queueQuerySchema, type QueueQuery } from '../schemas/queue.schema.js';

const PAGE_SIZE = 25;
const HTTP_STATUS: Record<ModerationError['code'], number> = { not_found: 404, conflict: 409, invalid: 400 };

function toCursor(text: string | undefined) {
  const [key, id] = text?.split('_') ?? [];
  return key !== undefined && id !== undefined ? { key: Number(key), id: Number(id) } : undefined;
}

/** Whether the query narrows the view (then the tab's count is not the total of what is shown). */
function isFiltered(query: QueueQuery): boolean {
  return [query.article, query.author, query.category, query.min, query.max, query.from, query.to, query.q].some((v) => v !== undefined);
}

function toFilter(query: QueueQuery): QueueFilter {
  return {
    view: query.view,
    sort: query.sort,
    articleId: query.article,
    authorId: query.author,
    category: query.category as Category | undefined,
    minScore: query.min === undefined ? undefined : fromScore100(query.min),
    maxScore: query.max === undefined ? undefined : fromScore100(query.max),
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "to" is inclusive for a person: up to the end of that day.
    to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    search: query.q,
    after: query.before ? undefined : toCursor(query.after),
    before: toCursor(query.before),
    limit: query.per ?? PAGE_SIZE,
  };
}

/** The query string of the queue with some parameters changed (links keep the other filters). */
function queueLink(query: QueueQuery, changes: Partial<Record<keyof QueueQuery, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const merged = { ...query, ...changes } as Record<string, unknown>;
  for (const [name, value] of Object.entries(merged)) {
    if (value !== undefined && value !== '' && !(name === 'view' && value === 'todo') && !(name === 'sort' && value === 'score')) {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `/queue?${text}` : '/queue';
}

const REASON_FOR_CATEGORY: Record<Category, ReasonCode> = {
  threat: 'menace',
  identity_attack: 'haine',
  sexual: 'contenu_sexuel',
  harassment: 'harcelement',
  insult: 'insulte',
  profanity: 'insulte',
};

/** The reject reason preselected on a card: the one that matches its worst category. */
function suggestedReason(comment: Comment): ReasonCode {
  const worst = [...CATEGORIES].sort((a, b) => comment.categories[b] - comment.categories[a])[0]!;
  return comment.categories[worst] > 0 ? REASON_FOR_CATEGORY[worst] : 'autre';
}

/** Everything a card shows: the comment, its highlighted body, author numbers, the parent for context. */
async function toCards(deps: { queue: QueueRepo; harassment: HarassmentService }, comments: Comment[]) {
  const parents = await deps.queue.byIds(comments.flatMap((c) => (c.parentId ? [c.parentId] : [])));
  const authorIds = [...new Set(comments.map((c) => c.author.id))];
  const stats = await deps.queue.authorStats(authorIds);
  const lastWeek = await deps.harassment.rejectedLastWeek(authorIds);
  return comments.map((comment) => ({
    comment,
    segments: highlight(comment.body, comment.matches),
    parent: comment.parentId ? parents.get(comment.parentId) : undefined,
    authorStats: { ...stats.get(comment.author.id)!, rejectedLastWeek: lastWeek.get(comment.author.id) ?? 0 },
    suggestedReason: suggestedReason(comment),
    categories: CATEGORIES.filter((category) => comment.categories[category] > 0).sort(
      (a, b) => comment.categories[b] - comment.categories[a],
    ),
  }));
}

/** Runs a moderation action and answers as the caller wants: JSON for the script, redirect + message for a form. */
async function respond<T>(
  req: Request,
  res: Response,
  action: () => Promise<T>,
  okMessage: string | ((result: T) => string),
  fallback = '/queue',
) {
  try {
    const result = await action();
    const message = typeof okMessage === 'function' ? okMessage(result) : okMessage;
    if (wantsJson(req)) return res.json({ ok: true, message, result });
    flash(req, 'ok', message);
  } catch (err) {
    if (!(err instanceof ModerationError)) throw err;
    if (wantsJson(req)) return res.status(HTTP_STATUS[err.code]).json({ error: { code: err.code, message: err.message } });
    flash(req, 'error', err.message);
  }
  res.redirect(303, backTo(req, fallback));
}

/** Says what an undo reverted: which decision, on whose comment, and where it is now. */
function undoneMessage(undone: Undone): string {
  const u = messages.undo;
  const [first] = undone.comments;
  const text =
    undone.comments.length === 1 && first
      ? u.one(undone.action, first.author.name, excerpt(first.body), messages.statusOne[first.status])
      : undone.comments.length > 1
        ? u.many(undone.action, undone.comments.length)
        : u.none;
  return undone.failed.length > 0 ? `${text} ${u.failed(undone.failed.length)}` : text;
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function numericParam(value: unknown): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError(404, 'not_found', messages.errors.notFound);
  return id;
}

export function queueRoutes(deps: {
  queue: QueueRepo;
  moderation: ModerationService;
  events: EventsRepo;
  authors: AuthorsRepo;
  harassment: HarassmentService;
}): Router {
  const { queue, moderation, events, authors, harassment } = deps;
  const router = Router();

  router.get('/', requireUser, (_req, res) => res.redirect(303, '/queue'));

  router.get('/queue', requireUser, async (req, res) => {
    const query = queueQuerySchema.parse(req.query);
    const filter = toFilter(query);
    const [comments, counts, articles, pileOns] = await Promise.all([
      queue.page(filter),
      queue.viewCounts(),
      queue.articles(),
      // Alerts sit at the top of the queue: the next pages do without them.
      query.after || query.before ? { alerts: [] } : harassment.pileOnAlerts(),
    ]);
    const first = comments[0];
    const last = comments.at(-1);
    const cursorOf = (c: Comment) => `${sortKeyOf(c, query.sort)}_${c.id}`;
    // Going back, a short page means the start was reached.
    const atStart = !(query.after || query.before) || (query.before !== undefined && comments.length < filter.limit);
    res.render('pages/queue', {
      title: messages.views[query.view],
      query,
      counts,
      articles,
      cards: await toCards(deps, comments),
      pileOns: pileOns.alerts,
      categories: CATEGORIES,
      reasons: REASON_CODES,
      link: (changes: Parameters<typeof queueLink>[1]) => queueLink(query, changes),
      nextLink:
        last && (comments.length === filter.limit || query.before) ? queueLink(query, { after: cursorOf(last), before: undefined }) : null,
      prevLink: !atStart && first ? queueLink(query, { before: cursorOf(first), after: undefined }) : null,
      firstLink: atStart ? null : queueLink(query, { after: undefined, before: undefined }),
      total: isFiltered(query) ? null : counts[query.view],
      here: req.originalUrl,
    });
  });

  router.get('/comments/:id', requireUser, async (req, res) => {
    const id = numericParam(req.params.id);
    const comment = (await queue.byIds([id])).get(id);
    if (!comment) throw new AppError(404, 'not_found', messages.errors.notFound);
    res.render('pages/comment', {
      title: `${messages.log.comment} ${comment.id}`,
      cards: await toCards(deps, [comment]),
      history: await events.forComment(id),
      reasons: REASON_CODES,
      here: req.originalUrl,
    });
  });

  router.post('/comments/:id/decision', requireUser, async (req, res) => {
    const form = decisionFormSchema.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    const { action, reason, note, version } = form.data;
    await respond(
      req,
      res,
      () => moderation.decide(req.user!, { commentId: numericParam(req.params.id), expectedVersion: version, action, reasonCode: reason, note }),
      (decided: Decided) => {
        const done: string = action === 'approve' ? messages.flash.approved : messages.flash.rejected;
        return decided.autoPremoderated ? `${done} ${messages.harassment.autoPremoderated(decided.author.name)}` : done;
      },
    );
  });

  router.post('/comments/:id/undo', requireUser, async (req, res) => {
    await respond(req, res, () => moderation.undo(req.user!, numericParam(req.params.id)), messages.flash.undone);
  });

  router.post('/decisions/undo-last', requireUser, async (req, res) => {
    const undone = await moderation.undoLast(req.user!);
    const message = undone ? undoneMessage(undone) : messages.flash.nothingToUndo;
    const ok = undone !== undefined && undone.comments.length > 0;
    if (wantsJson(req)) {
      if (!ok) return res.status(400).json({ error: { code: 'invalid', message } });
      return res.json({ ok, message, result: { commentIds: undone.comments.map((c) => c.id), failed: undone.failed } });
    }
    flash(req, ok ? 'ok' : 'error', message);
    res.redirect(303, backTo(req, '/queue'));
  });

  router.post('/queue/bulk', requireUser, async (req, res) => {
    const form = bulkFormSchema.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    const items = form.data.items.map((pair) => {
      const [commentId, expectedVersion] = pair.split(':').map(Number) as [number, number];
      return { commentId, expectedVersion };
    });
    if (items.length === 0) {
      flash(req, 'error', messages.flash.nothingSelected);
      return res.redirect(303, backTo(req, '/queue'));
    }
    if (form.data.action === 'reject' && !form.data.reason) throw new AppError(400, 'validation', 'Un rejet demande un motif.');
    const outcome = await moderation.decideMany(req.user!, items, { action: form.data.action, reasonCode: form.data.reason });
    const message = [messages.flash.bulk(outcome.decided.length, outcome.failed.length), ...outcome.autoPremoderated.map(messages.harassment.autoPremoderated)].join(' ');
    if (wantsJson(req)) return res.json({ ok: true, message, result: outcome });
    flash(req, outcome.failed.length > 0 ? 'error' : 'ok', message);
    res.redirect(303, backTo(req, '/queue'));
  });

  router.get('/authors/:id', requireUser, async (req, res) => {
    const id = numericParam(req.params.id);
    const author = await authors.findById(id);
    if (!author) throw new AppError(404, 'not_found', messages.errors.notFound);
    const comments = await queue.page({ view: 'all', sort: 'newest', authorId: id, limit: 200 });
    res.render('pages/author', {
      title: `${messages.authorPage.title} ${author.name}`,
      author,
      stats: await authors.stats(id),
      figures: await harassment.authorFigures(id, author.status),
      cards: await toCards(deps, comments),
      history: await events.list({ authorId: id, limit: 200 }),
      reasons: REASON_CODES,
      here: req.originalUrl,
    });
  });

  router.post('/authors/:id/status', requireUser, async (req, res) => {
    const form = authorStatusFormSchema.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    await respond(
      req,
      res,
      () => moderation.setAuthorStatus(req.user!, numericParam(req.params.id), form.data.status, { ...form.data, reasonCode: form.data.reason }),
      messages.flash.authorStatus,
      `/authors/${req.params.id}`,
    );
  });

  router.get('/log', requireUser, async (req, res) => {
    const before = Number(req.query.before);
    const entries = await events.list({ beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined, limit: 100 });
    res.render('pages/log', {
      title: messages.log.title,
      entries,
      olderLink: entries.length === 100 ? `/log?before=${entries.at(-1)!.id}` : null,
    });
  });

  return router;
}
