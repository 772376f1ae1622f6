import type { RequestHandler } from 'express';
import { INVALID_TEXT, findUnstorable } from '../domain/storable-text.js';
import { AppError } from './errors.js';
import { messages } from './messages.fr.js';

/**
 * Refuses, with 400 `invalid_text`, a query string or form holding U+0000 or a lone surrogate
 * (PostgreSQL cannot store or even compare them: a search for `%00` would be a 500 there and
 * nothing on SQLite). The API's JSON bodies are checked field by field by their schemas instead.
 */
export const rejectUnstorableInput: RequestHandler = (req, _res, next) => {
  const found = findUnstorable(req.query, 'query') ?? findUnstorable(req.body, 'form');
  if (!found) return next();
  const api = req.path.startsWith('/api/') || req.path === '/metrics';
  next(new AppError(400, INVALID_TEXT, api ? `Invalid request: ${found.field} ${found.problem}` : messages.errors.invalidText, [found]));
};
