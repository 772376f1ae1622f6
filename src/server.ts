import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openMigratedDatabase } from './db/migrate.js';
import { createApp } from './app.js';
import { createServices, type Services } from './services.js';
import { loadDemoData } from './services/demo.service.js';
import { closeAbandonedImports } from './services/import/import.service.js';

const SESSION_SWEEP_MS = 60 * 60 * 1000;

export interface RunningServer {
  url: string;
  db: Knex;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * In production the secret comes from SESSION_SECRET; elsewhere one is generated on first start and
 * kept in the data folder, so sessions survive a restart.
 */
export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** First start only: the admin account (printed once) and, outside production, the demo data. */
export async function firstStart(
  db: Knex,
  services: Pick<Services, 'accounts' | 'ingest'>,
  config: Config,
  logger: Logger,
  print: (text: string) => void,
): Promise<void> {
  const admin = await services.accounts.ensureFirstAdmin({ email: config.adminEmail, password: config.adminPassword });
  if (admin) {
    logger.info({ userId: admin.user.id }, 'first admin created');
    print(
      [
        '',
        '  Crible: first start, an admin account was created.',
        `    e-mail:   ${admin.user.email}`,
        admin.generated ? `    password: ${admin.password}   (shown once: note it now)` : '    password: the one in CRIBLE_ADMIN_PASSWORD',
        '',
      ].join('\n'),
    );
  }
  if (config.loadDemo) {
    const added = await loadDemoData(db, services.ingest);
    if (added > 0) logger.info({ comments: added }, 'demo data loaded');
  }
}

/** migrate → first start → listen. Used by `crible serve` (and so `npm start`). */
export async function startServer(config: Config, print: (text: string) => void = console.log): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const db = await openMigratedDatabase(config.database, logger);
  // An import killed midway may have left read indexes to build: the queue needs them.
  const services = createServices({ db, config, logger });
  const rebuilt = await services.repos.deferredIndexes.rebuild();
  if (rebuilt > 0) logger.warn({ indexes: rebuilt }, 'rebuilt indexes an interrupted import had deferred');
  await firstStart(db, services, config, logger, print);
  const { rescore, loginThrottle } = services;
  const app = createApp({ config, db, logger, services, sessionSecret: resolveSessionSecret(config) });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, database: config.database.client }, 'Crible is listening');

  // Expired sessions are already ignored on read; this only keeps the table from growing forever.
  const { sessions } = services.repos;
  // A rescoring whose process died (a deploy, kill -9) is taken up again by whichever instance looks first.
  const resume = () => rescore.resumeStale().catch((err: unknown) => logger.warn({ err }, 'resuming rescoring failed'));
  void resume();
  // An import whose process was killed is closed as failed (with how to complete it) once its heartbeat is stale.
  const closeAbandoned = () =>
    closeAbandonedImports(db)
      .then((ids) => ids.length > 0 && logger.warn({ jobs: ids }, 'closed import jobs whose process had stopped'))
      .catch((err: unknown) => logger.warn({ err }, 'closing abandoned imports failed'));
  void closeAbandoned();
  const importSweep = setInterval(closeAbandoned, 60_000);
  importSweep.unref();
  const sweep = setInterval(() => {
    sessions.deleteExpired(new Date()).catch((err: unknown) => logger.warn({ err }, 'session cleanup failed'));
    loginThrottle.prune().catch((err: unknown) => logger.warn({ err }, 'login failures cleanup failed'));
    void resume();
  }, SESSION_SWEEP_MS);
  sweep.unref();

  let stopping: Promise<void> | undefined;
  return {
    url,
    db,
    stop() {
      stopping ??= (async () => {
        clearInterval(sweep);
        clearInterval(importSweep);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await rescore.stop();
        await db.destroy();
        logger.info('Crible stopped');
      })();
      return stopping;
    },
  };
}
