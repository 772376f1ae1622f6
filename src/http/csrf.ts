import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
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
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (typeof sent !== 'string' || !sameToken(sent, req.session.csrfToken)) {
    return next(new AppError(403, 'csrf', messages.errors.csrf));
  }
  next();
};

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
