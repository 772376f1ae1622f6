import { Router, type Request } from 'express';
import type { AccountsService } from '../../services/accounts.service.js';
import { StatsParamError, parseStatsPeriod, type MetricsService, type StatsPeriod, type StatsService } from '../../services/stats.service.js';
import { COMMENT_STATUSES } from '../../repositories/comments.repo.js';
import { requireApiKey, requireMetricsAccess, requireUser } from '../auth.middleware.js';
import { AppError } from '../errors.js';
import { messages } from '../messages.fr.js';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus, type Metric } from '../views/prometheus.js';
import { statsPageModel } from '../views/stats-page.js';

/** The actions of the moderation log, always exported so each counter series exists from the start. */
const EVENT_ACTIONS = ['triage', 'import', 'approve', 'reject', 'undo', 'author_premoderate', 'author_ban', 'author_restore'];

/** Bad period parameters are the client's mistake: 400 with the parameter named. */
function periodOf(req: Request): StatsPeriod {
  try {
    return parseStatsPeriod(req.query as Record<string, unknown>);
  } catch (err) {
    if (err instanceof StatsParamError) throw new AppError(400, 'validation', err.message, [{ field: err.param, problem: err.problem }]);
    throw err;
  }
}

/** `GET /stats` for signed-in moderators and admins: the dashboard, charts drawn on the server. */
export function statsPageRoutes(deps: { stats: StatsService }): Router {
  const router = Router();
  router.get('/stats', requireUser, async (req, res) => {
    const stats = await deps.stats.forPeriod(periodOf(req));
    res.render('pages/stats', { title: messages.stats.title, ...statsPageModel(stats) });
  });
  return router;
}

/** `GET /stats?days=|from=&to=` with an API key (mounted under `/api/v1`): the same figures as JSON. */
export function apiStatsRoutes(deps: { accounts: AccountsService; stats: StatsService }): Router {
  const router = Router();
  router.get('/stats', requireApiKey(deps.accounts, 'metrics'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.stats.forPeriod(periodOf(req)));
  });
  return router;
}

/**
 * `GET /metrics` in the Prometheus text format, for a scraper holding the configured
 * METRICS_TOKEN or an API key with the `metrics` scope: queue sizes and ages tell an outsider how
 * a newsroom moderates, so they are not public. Read from counters the database keeps, so a
 * scrape is cheap.
 */
export function metricsRoutes(deps: { accounts: AccountsService; metrics: MetricsService; metricsToken: string | undefined }): Router {
  const router = Router();
  router.get('/metrics', requireMetricsAccess(deps.accounts, deps.metricsToken), async (_req, res) => {
    const m = await deps.metrics.snapshot();
    const metrics: Metric[] = [
      {
        name: 'crible_comments',
        help: 'Comments stored, by current status.',
        type: 'gauge',
        samples: COMMENT_STATUSES.map((status) => ({ labels: { status }, value: m.commentsByStatus[status] })),
      },
      { name: 'crible_queue_size', help: 'Comments waiting for a moderator (held and flagged).', type: 'gauge', samples: [{ value: m.queueSize }] },
      {
        name: 'crible_queue_oldest_held_age_seconds',
        help: 'Age of the oldest held comment (since it was written), 0 when none is held.',
        type: 'gauge',
        samples: [{ value: m.oldestHeldAgeSeconds }],
      },
      {
        name: 'crible_moderation_events_total',
        help: 'Events written to the moderation log, by action (triage at ingestion, decisions, undos, author changes).',
        type: 'counter',
        samples: [...new Set([...EVENT_ACTIONS, ...Object.keys(m.eventsByAction)])].map((action) => ({
          labels: { action },
          value: m.eventsByAction[action] ?? 0,
        })),
      },
      { name: 'crible_import_jobs_running', help: 'Import jobs in progress.', type: 'gauge', samples: [{ value: m.importJobsRunning }] },
      {
        name: 'crible_lexicon_info',
        help: 'The lexicon version this instance scores with (always 1).',
        type: 'gauge',
        samples: [{ labels: { version: m.lexiconVersion }, value: 1 }],
      },
    ];
    res.set('Content-Type', PROMETHEUS_CONTENT_TYPE).set('Cache-Control', 'no-store').send(renderPrometheus(metrics));
  });
  return router;
}
