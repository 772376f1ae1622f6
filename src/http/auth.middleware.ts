import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Role, User, UsersRepo } from '../repositories/users.repo.js';
import type { AccountsService } from '../services/accounts.service.js';
import { AppError } from './errors.js';
import type { ApiScope } from '../domain/api-scopes.js';
import { messages } from './messages.fr.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** Puts the signed-in user (if any) on req.user and res.locals.user for the views. */
export function loadUser(users: UsersRepo): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session.userId;
    if (userId !== undefined) {
      const user = await users.findById(userId);
      if (user && !user.disabledAt) {
        req.user = user;
        res.locals.user = user;
        // A moderator's pages show comments, names and tokens: no shared or back-button cache keeps them.
        res.set('Cache-Control', 'no-store');
      }
    }
    next();
  };
}

/** Pages need a session; without one the browser goes to the login page and comes back after. */
export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    if (req.user?.role === role || req.user?.role === 'admin') return next();
    next(new AppError(403, 'forbidden', messages.errors.forbidden));
  };
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** The API authenticates each request by `Authorization: Bearer <key>`, a key holding `scope`. */
export function requireApiKey(accounts: AccountsService, scope: ApiScope): RequestHandler {
  return async (req, _res, next) => {
    const bearer = bearerOf(req.get('authorization'));
    const apiKey = bearer ? await accounts.verifyApiKey(bearer) : undefined;
    if (!apiKey) return next(new AppError(401, 'unauthorized', 'A valid API key is required (Authorization: Bearer …).'));
    if (!apiKey.scopes.includes(scope)) {
      return next(new AppError(403, 'insufficient_scope', `This API key lacks the "${scope}" scope this request needs.`));
    }
    next();
  };
}

/**
 * `/metrics`: a Prometheus scraper sends `Authorization: Bearer …`, either the METRICS_TOKEN of
 * the configuration (no database read per scrape) or an API key with the `metrics` scope.
 */
export function requireMetricsAccess(accounts: AccountsService, metricsToken: string | undefined): RequestHandler {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  const byKey = requireApiKey(accounts, 'metrics');
  return (req, res, next) => {
    const bearer = bearerOf(req.get('authorization'));
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (expected && bearer && timingSafeEqual(digest(bearer), expected)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="crible-metrics"');
    return byKey(req, res, next);
  };
}
