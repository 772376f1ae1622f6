import type { Knex } from 'knex';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createApiKeysRepo } from './repositories/api-keys.repo.js';
import { createAuthorsRepo } from './repositories/authors.repo.js';
import { createCommentsRepo } from './repositories/comments.repo.js';
import { createDeferredIndexesRepo } from './repositories/deferred-indexes.repo.js';
import { createEventsRepo } from './repositories/events.repo.js';
import { createImportJobsRepo } from './repositories/import-jobs.repo.js';
import { createLexiconRepo } from './repositories/lexicon.repo.js';
import { createLoginFailuresRepo } from './repositories/login-failures.repo.js';
import { createQueueRepo } from './repositories/queue.repo.js';
import { createSessionsRepo } from './repositories/sessions.repo.js';
import { createSettingsRepo } from './repositories/settings.repo.js';
import { createStatsRepo } from './repositories/stats.repo.js';
import { createUsersRepo } from './repositories/users.repo.js';
import { createAccountsService } from './services/accounts.service.js';
import { createExportService } from './services/export.service.js';
import { createHarassmentService } from './services/harassment.service.js';
import { createImportService } from './services/import/import.service.js';
import { createIngestService } from './services/ingest.service.js';
import { createLexiconService } from './services/lexicon/lexicon.service.js';
import { createLexiconScorerSource, type ScorerSource } from './services/lexicon/scorer-source.js';
import { createLoginThrottle } from './services/login-throttle.js';
import { createModerationService } from './services/moderation.service.js';
import { createRescoreService } from './services/rescore.service.js';
import { createMetricsService, createStatsService } from './services/stats.service.js';
import { createThresholdsService } from './services/triage.js';

export interface ServicesDeps {
  db: Knex;
  config: Config;
  logger: Logger;
  /** Default: the built-in lexicon with the newsroom's own entries from the database. */
  scorers?: ScorerSource;
}

/**
 * Every service and the repositories the routes read directly, built once on one database. The
 * server, the CLI and the tests all start here, so a service is wired the same way everywhere.
 * Building them starts nothing: no timer, no query, no compiled lexicon until first use.
 */
export function createServices({ db, config, logger, scorers: givenScorers }: ServicesDeps) {
  const scorers = givenScorers ?? createLexiconScorerSource(createLexiconRepo(db));
  const users = createUsersRepo(db);
  const apiKeys = createApiKeysRepo(db);
  const thresholds = createThresholdsService(createSettingsRepo(db));
  const ingest = createIngestService({ db, scorers, thresholds });
  const rescore = createRescoreService({ db, scorers, thresholds, logger });
  const statsRepo = createStatsRepo(db);
  return {
    scorers,
    thresholds,
    accounts: createAccountsService({ users, apiKeys, passwordCost: config.scryptCost }),
    ingest,
    imports: createImportService({ db, ingest }),
    exports: createExportService(db),
    moderation: createModerationService(db),
    rescore,
    lexicon: createLexiconService({ db, rescore }),
    stats: createStatsService({ stats: statsRepo, thresholds }),
    metrics: createMetricsService({ stats: statsRepo, lexiconVersion: async () => (await scorers.current()).lexiconVersion }),
    harassment: createHarassmentService(db),
    loginThrottle: createLoginThrottle(createLoginFailuresRepo(db)),
    repos: {
      users,
      apiKeys,
      comments: createCommentsRepo(db),
      events: createEventsRepo(db),
      queue: createQueueRepo(db),
      authors: createAuthorsRepo(db),
      sessions: createSessionsRepo(db),
      importJobs: createImportJobsRepo(db),
      deferredIndexes: createDeferredIndexesRepo(db),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
