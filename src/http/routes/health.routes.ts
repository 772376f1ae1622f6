import { Router } from 'express';
import type { Knex } from 'knex';

const DATABASE_TIMEOUT_MS = 2000;

/** For load balancers and the CI smoke test: 200 when the database answers, 503 when it does not. */
export function healthRoutes(db: Knex): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await db.raw('select 1').timeout(DATABASE_TIMEOUT_MS);
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'error', database: 'unreachable' });
    }
  });
  return router;
}
