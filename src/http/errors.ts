import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { messages } from './messages.fr.js';

/** An error whose message is meant for the client, with its HTTP status and a stable code. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError(404, 'not_found', messages.errors.notFound));
};

function wantsJson(path: string): boolean {
  return path.startsWith('/api/') || path === '/healthz' || path === '/metrics';
}

/** The one place errors become responses: JSON under /api, a French page elsewhere. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    if (appError.status >= 500) logger.error({ err, path: req.path }, 'request failed');
    res.status(appError.status);
    if (wantsJson(req.path)) {
      res.json({ error: { code: appError.code, message: appError.message, details: appError.details } });
    } else {
      res.render('pages/error', { title: appError.message, status: appError.status, message: appError.message });
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // body-parser and friends set a status and a type on the errors they raise.
  const { status, type } = (err ?? {}) as { status?: number; type?: string };
  if (status === 413 || type === 'entity.too.large') return new AppError(413, 'payload_too_large', messages.errors.tooLarge);
  if (type === 'entity.parse.failed') return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError(415, 'unsupported_encoding', 'Only UTF-8 bodies are accepted.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError(status, 'bad_request', messages.errors.badRequest);
  return new AppError(500, 'internal', messages.errors.server);
}
