import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
/** The anonymous visitor's half of the double-submit token. */
export const CSRF_COOKIE = 'crible.csrf';
const NONCE = /^[A-Za-z0-9_-]{43}$/;

/** The token each request's forms must send back, found by assertCsrf. */
const expectedTokens = new WeakMap<Request, string>();

/**
 * Two kinds of token, so that an anonymous visitor costs no stored row:
 * - signed in: a synchronizer token, random, kept in the session;
 * - not signed in (the login form): a signed double-submit token, the HMAC of a random nonce kept
 *   in an HttpOnly cookie. Another site can neither read that cookie nor compute the HMAC.
 * Every state-changing request must also come from this site when the browser says where it comes
 * from (Sec-Fetch-Site, else Origin): defence in depth on top of the token. The API authenticates
 * by bearer key instead and is mounted before this.
 */
export function createCsrfProtection(options: { secret: string; secureCookie: boolean | 'auto' }): RequestHandler {
  const sign = (nonce: string) => createHmac('sha256', options.secret).update(`csrf:${nonce}`).digest('base64url');
  return (req, res, next) => {
    let token: string;
    if (req.session.userId !== undefined) {
      token = req.session.csrfToken ??= randomBytes(32).toString('base64url');
    } else {
      let nonce = cookieOf(req, CSRF_COOKIE);
      if (nonce === undefined || !NONCE.test(nonce)) {
        nonce = randomBytes(32).toString('base64url');
        res.cookie(CSRF_COOKIE, nonce, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: options.secureCookie === 'auto' ? req.secure : options.secureCookie,
        });
      }
      token = sign(nonce);
    }
    expectedTokens.set(req, token);
    res.locals.csrfToken = token;
    if (!UNSAFE_METHODS.has(req.method)) return next();
    assertSameOrigin(req);
    // An upload's token is in its multipart body, read by the route itself (assertCsrf).
    if (MULTIPART_ROUTES.has(req.path) && req.is('multipart/form-data')) return next();
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    assertCsrf(req, sent);
    next();
  };
}

/** The only routes that take multipart forms; they check the token once they have parsed it. */
const MULTIPART_ROUTES = new Set(['/admin/imports', '/admin/lexicon/import']);

/** Throws 403 unless `sent` is the CSRF token this request's forms carried. */
export function assertCsrf(req: Request, sent: unknown): void {
  const expected = expectedTokens.get(req);
  if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) {
    throw new AppError(403, 'csrf', messages.errors.csrf);
  }
}

/**
 * Refuses a request the browser marks as coming from another site. Browsers without
 * Sec-Fetch-Site still send Origin on a cross-origin POST; a client sending neither is not a
 * browser a forged page can drive, and still needs the token.
 */
function assertSameOrigin(req: Request): void {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw new AppError(403, 'csrf', messages.errors.csrf);
  }
  const origin = req.get('origin');
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = origin === 'null' ? undefined : new URL(origin).host;
  } catch {
    host = undefined;
  }
  // req.host follows X-Forwarded-Host from a trusted proxy; the Host header is what the browser sent.
  if (host === undefined || (host !== req.get('host') && host !== req.host)) throw new AppError(403, 'csrf', messages.errors.csrf);
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
