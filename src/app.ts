import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';
import { builtinModel } from './scoring/index.js';
import { viewsDir, publicDir } from './paths.js';
import { DatabaseSessionStore } from './http/session-store.js';
import { createCsrfProtection } from './http/csrf.js';
import { loadUser } from './http/auth.middleware.js';
import { errorHandler, notFound } from './http/errors.js';
import { messages } from './http/messages.fr.js';
import { createTimeFormat, score100, scoreLevel, threshold100 } from './http/views/format.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { queueRoutes } from './http/routes/queue.routes.js';
import { adminRoutes } from './http/routes/admin.routes.js';
import { apiCommentsRoutes } from './http/routes/api-comments.routes.js';
import { exposeFlash } from './http/flash.js';
import { rejectUnstorableInput } from './http/storable-input.js';
import path from 'node:path';
import { apiImportRoutes, adminImportRoutes } from './http/routes/imports.routes.js';
import { adminExportRoutes, apiExportRoutes } from './http/routes/export.routes.js';
import { lexiconRoutes } from './http/routes/lexicon.routes.js';
import { apiStatsRoutes, metricsRoutes, statsPageRoutes } from './http/routes/stats.routes.js';

export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Built once by the caller (server.ts, the tests) with createServices. */
  services: Services;
  sessionSecret: string;
}

/** Builds the Express application. Never listens: server.ts does, tests use supertest. */
export function createApp(deps: AppDeps): Express {
  const { config, db, logger, services, sessionSecret } = deps;
  const { accounts, ingest, imports, exports: exportService, moderation, rescore, lexicon, stats, metrics, harassment, thresholds } = services;
  const { users, apiKeys, comments, events, queue, authors, sessions, importJobs } = services.repos;

  const app = express();
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.locals.t = messages;
  app.locals.fmt = { ...createTimeFormat(config.timeZone), score100, scoreLevel, threshold100 };

  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' } }));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Scripts only from this server: a comment that smuggles markup still cannot run anything.
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          // TLS is the reverse proxy's business; forcing https breaks a plain-HTTP intranet install.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(rejectUnstorableInput);
  app.use(healthRoutes(db));
  app.use(metricsRoutes({ accounts, metrics, metricsToken: config.metricsToken }));
  app.use('/static', express.static(publicDir, { maxAge: config.env === 'production' ? '1d' : 0 }));
  // Before sessions: a browser's icon request must never load (and consume) a moderator's session.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  const importDeps = { accounts, imports, jobs: importJobs, uploadsDir: path.join(config.dataDir, 'uploads'), logger };
  // The API authenticates by key, not by session: it sits before sessions and CSRF. Imports first:
  // their body is a stream, which the JSON parser of the comments routes must not consume.
  app.use('/api/v1', apiImportRoutes(importDeps));
  // Before the comments routes, whose GET /comments/:id would take /comments/export.
  app.use('/api/v1', apiExportRoutes({ accounts, exports: exportService }));
  app.use('/api/v1', apiCommentsRoutes({ accounts, ingest, comments }));
  app.use('/api/v1', apiStatsRoutes({ accounts, stats }));
  app.use('/api', notFound);

  app.use(
    session({
      name: 'crible.sid',
      secret: sessionSecret,
      store: new DatabaseSessionStore(sessions),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.env === 'production' ? 'auto' : false,
        maxAge: 12 * 60 * 60 * 1000,
      },
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(rejectUnstorableInput);
  app.use(createCsrfProtection({ secret: sessionSecret, secureCookie: config.env === 'production' ? 'auto' : false }));
  app.use(loadUser(users));
  app.use(exposeFlash);

  app.use(authRoutes(accounts, services.loginThrottle));
  app.use(adminImportRoutes(importDeps));
  app.use(adminExportRoutes({ exports: exportService }));
  app.use(adminRoutes({ accounts, thresholds, modelDefaults: builtinModel().thresholds, harassment, users, apiKeys }));
  app.use(lexiconRoutes({ lexicon, rescore }));
  app.use(statsPageRoutes({ stats }));
  app.use(queueRoutes({ queue, moderation, events, authors, harassment }));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
