import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from './errors.js';
import { messages } from './messages.fr.js';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    userId?: number;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Synchronizer token: one random token per session, put in every form (`_csrf`) and checked on
 * every state-changing request of the web interface. The API authenticates by bearer key instead.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  res.locals.csrfToken = req.session.csrfToken;
  if (!UNSAFE_METHODS.has(req.method)) return next();
  // An upload's token is in its multipart body, read by the route itself (assertCsrf).
  if (MULTIPART_ROUTES.has(req.path) && req.is('multipart/form-data')) return next();
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  assertCsrf(req, sent);
  next();
};

/** The only routes that take multipart forms; they check the token once they have parsed it. */
const MULTIPART_ROUTES = new Set(['/admin/imports', '/admin/lexicon/import']);

/** Throws 403 unless `sent` is this session's CSRF token. */
export function assertCsrf(req: Request, sent: unknown): void {
  if (typeof sent !== 'string' || !req.session.csrfToken || !sameToken(sent, req.session.csrfToken)) {
    throw new AppError(403, 'csrf', messages.errors.csrf);
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
