/**
 * An import whose process is killed must not stay "running" forever: once its heartbeat is stale,
 * the next server closes it as failed, saying how to complete it; the same file run again does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { ABANDONED_AFTER_MS, ABANDONED_REASON, closeAbandonedImports } from '../../src/services/import/import.service.js';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';

const ROWS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an import whose process was killed', () => {
  let testEnv: TestEnv;
  let db: Knex;
  let dump: string;
  const source = `killed-${process.pid}`;

  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    dump = path.join(testEnv.dataDir, 'dump.ndjson');
    const rows = Array.from({ length: ROWS }, (_, i) => JSON.stringify({ id: `k-${i}`, body: `Commentaire numéro ${i} sur la sécurité au Sahel.`, author: `lecteur-${i % 50}`, article: 'a-1' }));
    writeFileSync(dump, rows.join('\n'));
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  const importOnce = (): Promise<number | null> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', dump, '--source', source, '--json'], { env: testEnv.env, stdio: 'ignore' });
      child.on('exit', (code) => resolve(code));
    });

  it('when killed with SIGKILL mid-import, then the job is closed once stale, and the same file run again completes it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', dump, '--source', source], { env: testEnv.env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let job: Record<string, unknown> | undefined;
    for (let i = 0; i < 600 && !(Number(job?.rows_inserted) > 0); i++) {
      await sleep(50);
      job = await db('import_jobs').where({ source }).first();
    }
    assert.ok(Number(job?.rows_inserted) > 0, 'the import stored its first batches');
    child.kill('SIGKILL');
    await exited;
    job = await db('import_jobs').where({ id: job!.id }).first();
    assert.equal(job!.status, 'running', 'a killed process leaves its job running');
    assert.ok(Number(job!.rows_inserted) < ROWS, 'killed before the end');

    assert.deepEqual(await closeAbandonedImports(db), [], 'a job that was alive moments ago is left alone (another instance may own it)');
    const later = new Date(Date.now() + ABANDONED_AFTER_MS + 1000);
    assert.deepEqual(await closeAbandonedImports(db, later), [Number(job!.id)]);
    job = await db('import_jobs').where({ id: job!.id }).first();
    assert.equal(job!.status, 'failed');
    assert.equal(job!.error, ABANDONED_REASON);

    assert.equal(await importOnce(), 0);
    const count = await db('comments').where({ source }).count({ n: '*' }).first();
    assert.equal(Number(count?.n), ROWS, 'every row stored exactly once');
  });

  it('when a server starts, then it closes the jobs whose heartbeat is stale and keeps the live ones', async () => {
    const stale = new Date(Date.now() - ABANDONED_AFTER_MS - 60_000);
    const base = { format: 'ndjson', options: '{}', status: 'running', started_at: stale };
    const [dead] = await db('import_jobs').insert({ ...base, source: 'dead', heartbeat_at: stale }).returning('id');
    const [alive] = await db('import_jobs').insert({ ...base, source: 'alive', heartbeat_at: new Date() }).returning('id');
    const server = await startServer(loadConfig({ ...testEnv.env, PORT: '0', HOST: '127.0.0.1' }), () => {});
    try {
      let status = '';
      for (let i = 0; i < 100 && status !== 'failed'; i++) {
        await sleep(50);
        status = (await db('import_jobs').where({ id: (dead as { id: number }).id }).first()).status;
      }
      assert.equal(status, 'failed');
      assert.equal((await db('import_jobs').where({ id: (alive as { id: number }).id }).first()).status, 'running');
    } finally {
      await server.stop();
    }
  });
});
