import type { RequestHandler, Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    flash?: Array<{ kind: 'ok' | 'error'; text: string }>;
  }
}

/** A message shown once on the next page (the no-JavaScript path of every action). */
export function flash(req: Request, kind: 'ok' | 'error', text: string): void {
  (req.session.flash ??= []).push({ kind, text });
}

/**
 * Moves pending messages to res.locals.flash for the page being rendered. Only a page load takes
 * them: a script's JSON request or a stray asset request must not swallow a message meant for
 * the page the browser is about to show.
 */
export const exposeFlash: RequestHandler = (req, res, next) => {
  const pageLoad = req.method === 'GET' && req.accepts(['html', 'json']) === 'html' && !/\.\w{2,5}$/.test(req.path);
  res.locals.flash = pageLoad ? (req.session.flash ?? []) : [];
  if (pageLoad && req.session.flash) delete req.session.flash;
  next();
};

/** Where to go back to after a form: only a path on this site. */
export function backTo(req: Request, fallback: string): string {
  const back = (req.body as Record<string, unknown> | undefined)?.back;
  return typeof back === 'string' && /^\/(?![/\\])/.test(back) ? back : fallback;
}

/** The queue's scripts ask for JSON; plain forms get a redirect. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}
