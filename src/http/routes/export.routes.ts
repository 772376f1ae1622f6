import { Router, type Request, type Response } from 'express';
import type { Writable } from 'node:stream';
import type { AccountsService } from '../../services/accounts.service.js';
import {
  CONTENT_TYPES,
  ExportError,
  OutputClosedError,
  exportFileName,
  parseCommentsParams,
  parseLogParams,
  type ExportFormat,
  type ExportResult,
  type ExportService,
} from '../../services/export.service.js';
import { requireApiKey, requireRole, requireUser } from '../auth.middleware.js';
import { AppError } from '../errors.js';

type Kind = 'moderation-log' | 'comments';

/** Bad parameters are the client's mistake: 400 with the parameter named. */
function parse<T>(parseParams: (input: unknown) => T, req: Request): T {
  try {
    return parseParams(req.query);
  } catch (err) {
    if (err instanceof ExportError) throw new AppError(400, 'validation', err.message, [{ field: err.param, problem: err.problem }]);
    throw err;
  }
}

/**
 * Streams a download. Until the first chunk is written an error still becomes a normal error
 * response (a bad moderator → 400, a database down → 500); after that the status is sent, so the
 * only honest signal left is to cut the response short, and the error is logged here rather than
 * passed to `next` (which would try to send a second response).
 */
async function download(
  req: Request,
  res: Response,
  kind: Kind,
  format: ExportFormat,
  write: (out: Writable) => Promise<ExportResult>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(kind, format)}"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    await write(res);
  } catch (err) {
    if (!res.headersSent) {
      // Nothing sent yet: the error page must not be saved as the export file.
      for (const header of ['Content-Type', 'Content-Disposition', 'Cache-Control']) res.removeHeader(header);
      if (err instanceof ExportError) throw new AppError(400, 'validation', err.message, [{ field: err.param, problem: err.problem }]);
      throw err;
    }
    // A reader who goes away mid-download is not a server fault.
    if (err instanceof OutputClosedError) req.log?.info({ kind }, 'export interrupted: the client went away');
    else req.log?.error({ err, kind }, 'export failed while streaming');
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * The exports for a site's own tools, with an API key (mounted under `/api/v1`):
 * `GET /moderation-log?format=csv|ndjson|json&from=&to=&moderator=&action=&reason=&article=&bom=&delimiter=`
 * and `GET /comments/export?format=…&status=&from=&to=&article=`.
 */
export function apiExportRoutes(deps: { accounts: AccountsService; exports: ExportService }): Router {
  const router = Router();
  const auth = requireApiKey(deps.accounts, 'export');

  router.get('/moderation-log', auth, async (req, res) => {
    const { filter, format, options } = parse(parseLogParams, req);
    await download(req, res, 'moderation-log', format, (out) => deps.exports.exportModerationLog(filter, format, options, out));
  });

  router.get('/comments/export', auth, async (req, res) => {
    const { filter, format, options } = parse(parseCommentsParams, req);
    await download(req, res, 'comments', format, (out) => deps.exports.exportComments(filter, format, options, out));
  });

  return router;
}

/** The same exports for admins signed in, as downloads from the admin page (GET forms, no CSRF needed). */
export function adminExportRoutes(deps: { exports: ExportService }): Router {
  const router = Router();
  router.use('/admin/export', requireUser, requireRole('admin'));

  router.get('/admin/export/log', async (req, res) => {
    const { filter, format, options } = parse(parseLogParams, req);
    await download(req, res, 'moderation-log', format, (out) => deps.exports.exportModerationLog(filter, format, options, out));
  });

  router.get('/admin/export/comments', async (req, res) => {
    const { filter, format, options } = parse(parseCommentsParams, req);
    await download(req, res, 'comments', format, (out) => deps.exports.exportComments(filter, format, options, out));
  });

  return router;
}
