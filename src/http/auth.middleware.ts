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

/** The API authenticates each request by `Authorization: Bearer <key>`, a key holding `scope`. */
export function requireApiKey(accounts: AccountsService, scope: ApiScope): RequestHandler {
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const apiKey = match ? await accounts.verifyApiKey(match[1]!) : undefined;
    if (!apiKey) return next(new AppError(401, 'unauthorized', 'A valid API key is required (Authorization: Bearer …).'));
    if (!apiKey.scopes.includes(scope)) {
      return next(new AppError(403, 'insufficient_scope', `This API key lacks the "${scope}" scope this request needs.`));
    }
    next();
  };
}
