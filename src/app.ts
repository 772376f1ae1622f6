import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { viewsDir, publicDir } from './paths.js';
import { createUsersRepo } from './repositories/users.repo.js';
import { createApiKeysRepo } from './repositories/api-keys.repo.js';
import { createSessionsRepo } from './repositories/sessions.repo.js';
import { createCommentsRepo } from './repositories/comments.repo.js';
import { createAccountsService } from './services/accounts.service.js';
import { DatabaseSessionStore } from './http/session-store.js';
import { csrfProtection } from './http/csrf.js';
import { loadUser } from './http/auth.middleware.js';
import { errorHandler, notFound } from './http/errors.js';
import { messages } from './http/messages.fr.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { queueRoutes } from './http/routes/queue.routes.js';
import { adminRoutes } from './http/routes/admin.routes.js';
import { apiCommentsRoutes } from './http/routes/api-comments.routes.js';
import { exposeFlash } from './http/flash.js';
import { createAuthorsRepo } from './repositories/authors.repo.js';
import { createEventsRepo } from './repositories/events.repo.js';
import { createQueueRepo } from './repositories/queue.repo.js';
import { createSettingsRepo } from './repositories/settings.repo.js';
import { createIngestService } from './services/ingest.service.js';
import { createModerationService } from './services/moderation.service.js';
import { createThresholdsService } from './services/triage.js';
import { builtinModel } from './scoring/index.js';
import { createLexiconScorerSource, type ScorerSource } from './services/lexicon/scorer-source.js';
import { createLexiconRepo } from './repositories/lexicon.repo.js';
import { createHarassmentService } from './services/harassment.service.js';
import { createLoginThrottle } from './services/login-throttle.js';
import { createLoginFailuresRepo } from './repositories/login-failures.repo.js';
import path from 'node:path';
import { apiImportRoutes, adminImportRoutes } from './http/routes/imports.routes.js';
import { createImportService } from './services/import/import.service.js';
import { createImportJobsRepo } from './repositories/import-jobs.repo.js';
import { adminExportRoutes, apiExportRoutes } from './http/routes/export.routes.js';
import { createExportService } from './services/export.service.js';
import { createRescoreService, type RescoreService } from './services/rescore.service.js';
import { createLexiconService } from './services/lexicon/lexicon.service.js';
import { lexiconRoutes } from './http/routes/lexicon.routes.js';
import { apiStatsRoutes, metricsRoutes, statsPageRoutes } from './http/routes/stats.routes.js';
import { createMetricsService, createStatsService } from './services/stats.service.js';
import { createStatsRepo } from './repositories/stats.repo.js';

export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Default: the built-in lexicon with the newsroom's own entries from the database. */
  scorers?: ScorerSource;
  sessionSecret: string;
  /** Default: rescoring in this process, with `scorers`. */
  rescore?: RescoreService;
}

/** Builds the Express application. Never listens: server.ts does, tests use supertest. */
export function createApp(deps: AppDeps): Express {
  const { config, db, logger, sessionSecret } = deps;
  const scorers = deps.scorers ?? createLexiconScorerSource(createLexiconRepo(db));
  const users = createUsersRepo(db);
  const apiKeys = createApiKeysRepo(db);
  const accounts = createAccountsService({ users, apiKeys });
  const comments = createCommentsRepo(db);
  const thresholds = createThresholdsService(createSettingsRepo(db));
  const ingest = createIngestService({ db, scorers, thresholds });
  const moderation = createModerationService(db);
  const events = createEventsRepo(db);
  const rescore = deps.rescore ?? createRescoreService({ db, scorers, thresholds, logger });
  const lexicon = createLexiconService({ db, rescore });
  const statsRepo = createStatsRepo(db);
  const stats = createStatsService({ stats: statsRepo, thresholds });
  const harassment = createHarassmentService(db);

  const app = express();
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.locals.t = messages;

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
  app.use(healthRoutes(db));
  app.use(metricsRoutes({ metrics: createMetricsService({ stats: statsRepo, lexiconVersion: async () => (await scorers.current()).lexiconVersion }) }));
  app.use('/static', express.static(publicDir, { maxAge: config.env === 'production' ? '1d' : 0 }));
  // Before sessions: a browser's icon request must never load (and consume) a moderator's session.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  const imports = createImportService({ db, ingest });
  const exportService = createExportService(db);
  const importDeps = { accounts, imports, jobs: createImportJobsRepo(db), uploadsDir: path.join(config.dataDir, 'uploads'), logger };
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
      store: new DatabaseSessionStore(createSessionsRepo(db)),
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
  app.use(csrfProtection);
  app.use(loadUser(users));
  app.use(exposeFlash);

  app.use(authRoutes(accounts, createLoginThrottle(createLoginFailuresRepo(db))));
  app.use(adminImportRoutes(importDeps));
  app.use(adminExportRoutes({ exports: exportService }));
  app.use(adminRoutes({ accounts, thresholds, modelDefaults: builtinModel().thresholds, harassment, users, apiKeys }));
  app.use(lexiconRoutes({ lexicon, rescore }));
  app.use(statsPageRoutes({ stats }));
  app.use(queueRoutes({ queue: createQueueRepo(db), moderation, events, authors: createAuthorsRepo(db), harassment }));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
