import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { demoComments } from '../../src/demo/demo-content.js';
import { createTestEnv } from '../helpers/test-env.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { secondaryIndexes } from '../../src/db/dialect.js';
import { APPENDED_INDEXES, createDeferredIndexesRepo } from '../../src/repositories/deferred-indexes.repo.js';

async function countRows(db: import('knex').Knex, table: string): Promise<number> {
  const row = await db(table).count({ n: '*' }).first();
  return Number(row?.n);
}

describe('first start and restart', () => {
  it('when started twice on the same data, then the admin is created once, demo data loaded once, data kept', async () => {
    const testEnv = createTestEnv({ CRIBLE_DEMO: '1', PORT: '0', HOST: '127.0.0.1' });
    const config = loadConfig(testEnv.env);
    try {
      const printed: string[] = [];
      const first = await startServer(config, (text) => printed.push(text));
      assert.equal(printed.length, 1);
      assert.match(printed[0]!, /e-mail: {3}admin@crible\.local/);
      assert.match(printed[0]!, /password: \S{20} {3}\(shown once/);
      assert.equal(await countRows(first.db, 'users'), 1);
      assert.equal(await countRows(first.db, 'comments'), demoComments.length);
      const health = await fetch(`${first.url}/healthz`);
      assert.equal(health.status, 200);
      const held = await first.db('comments').where({ status: 'held' }).count({ n: '*' }).first();
      assert.ok(Number(held?.n) > 0, 'the demo queue has held comments');
      await first.stop();

      const printedAgain: string[] = [];
      const second = await startServer(config, (text) => printedAgain.push(text));
      assert.deepEqual(printedAgain, [], 'no second admin, nothing printed');
      assert.equal(await countRows(second.db, 'users'), 1);
      assert.equal(await countRows(second.db, 'comments'), demoComments.length);
      await second.stop();
    } finally {
      await testEnv.cleanup();
    }
  });

  it('when CRIBLE_ADMIN_EMAIL and CRIBLE_ADMIN_PASSWORD are set, then the first admin uses them', async () => {
    const testEnv = createTestEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      CRIBLE_ADMIN_EMAIL: 'chef@journal.example',
      CRIBLE_ADMIN_PASSWORD: 'un-mot-de-passe-solide',
    });
    try {
      const printed: string[] = [];
      const server = await startServer(loadConfig(testEnv.env), (text) => printed.push(text));
      assert.match(printed.join(''), /chef@journal\.example/);
      assert.doesNotMatch(printed.join(''), /un-mot-de-passe-solide/, 'a given password is never printed');
      const login = await fetch(`${server.url}/login`);
      assert.equal(login.status, 200);
      await server.stop();
    } finally {
      await testEnv.cleanup();
    }
  });

  it('when stopped with a request in flight, then that request still completes', async () => {
    const testEnv = createTestEnv({ PORT: '0', HOST: '127.0.0.1' });
    try {
      const server = await startServer(loadConfig(testEnv.env), () => {});
      // Stop only once the request has reached the server's socket: a fixed delay after fetch()
      // raced the connection itself on a loaded machine.
      let sent!: () => void;
      const written = new Promise<void>((resolve) => { sent = resolve; });
      const inFlight = new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/login`, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.on('finish', sent);
        req.end();
      });
      await written;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const stopped = server.stop();
      assert.equal(await inFlight, 200);
      await stopped;
      await assert.rejects(fetch(`${server.url}/healthz`), 'no longer accepting');
    } finally {
      await testEnv.cleanup();
    }
  });

  it('when a first import was killed with its read indexes deferred, then the next start builds them', async () => {
    const testEnv = createTestEnv({ PORT: '0', HOST: '127.0.0.1' });
    try {
      const db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
      const all = (await secondaryIndexes(db, ['comments', 'moderation_events'])).map((index) => index.name);
      // What an import killed after its first batches leaves behind.
      // SQLite's full-text index is deferred too (PostgreSQL's is one of the indexes).
      const fullText = db.client.config.client === 'pg' ? 0 : 1;
      assert.equal(await createDeferredIndexesRepo(db).deferIfEmpty(), all.filter((name) => !APPENDED_INDEXES.has(name)).length + fullText);
      await db.destroy();

      const server = await startServer(loadConfig(testEnv.env), () => {});
      try {
        assert.deepEqual((await secondaryIndexes(server.db, ['comments', 'moderation_events'])).map((index) => index.name), all);
        assert.deepEqual(await createDeferredIndexesRepo(server.db).pending(), []);
      } finally {
        await server.stop();
      }
    } finally {
      await testEnv.cleanup();
    }
  });
});
