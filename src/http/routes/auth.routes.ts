import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { AccountsService } from '../../services/accounts.service.js';
import type { LoginThrottle } from '../../services/login-throttle.js';
import { messages } from '../messages.fr.js';

const loginForm = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  next: z.string().optional(),
});

/** Only a path on this site: never `//elsewhere` or `https://…` (open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function authRoutes(accounts: AccountsService, throttle: LoginThrottle): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    res.render('pages/login', { title: messages.login.title, next: safeNext(req.query.next), error: null, email: '' });
  });

  router.post('/login', async (req, res, next) => {
    const form = loginForm.safeParse(req.body);
    const ip = req.ip ?? 'unknown';
    const refuse = (status: number, error: string) =>
      res.status(status).render('pages/login', { title: messages.login.title, next: safeNext(req.body?.next), error, email: form.success ? form.data.email : '' });
    if (!form.success) return refuse(401, messages.login.invalid);
    const { email, password } = form.data;
    // Decided before the password is checked: a blocked account says nothing about whether a guess was right.
    const attempt = await throttle.begin(email, ip);
    if (!attempt.allowed) {
      req.log?.warn({ email, ip, blockedBy: attempt.blockedBy }, 'sign-in refused: too many failures');
      return refuse(429, messages.login.throttled);
    }
    const user = await accounts.authenticate(email, password);
    if (!user) {
      req.log?.info({ email, ip }, 'sign-in failed');
      return refuse(401, messages.login.invalid);
    }
    await attempt.succeeded();
    // A new session id at login, so a session fixed before login is worth nothing after.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = user.id;
      req.session.csrfToken = randomBytes(32).toString('base64url');
      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, safeNext(form.data.next))));
    });
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((err) => (err ? next(err) : res.redirect(303, '/login')));
  });

  return router;
}
