import session from 'express-session';
import type { SessionsRepo } from '../repositories/sessions.repo.js';

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000; // one working day and a bit

/** express-session's Store over the sessions table. */
export class DatabaseSessionStore extends session.Store {
  constructor(private readonly sessions: SessionsRepo) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.sessions
      .get(sid, new Date())
      .then((data) => callback(null, data ? (JSON.parse(data) as session.SessionData) : null))
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.sessions
      .set(sid, JSON.stringify(data), expiryOf(data))
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.sessions
      .touch(sid, expiryOf(data))
      .then(() => callback?.())
      .catch(() => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.sessions
      .destroy(sid)
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }
}

function expiryOf(data: session.SessionData): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
}
