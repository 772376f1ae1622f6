import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../src/db/connection.js';
import { migrateDownAll, migrateLatest } from '../../src/db/migrate.js';
import { createTestEnv } from '../helpers/test-env.js';

const TABLES = [
  'users', 'sessions', 'api_keys', 'settings', 'articles', 'authors',
  'comments', 'moderation_events', 'import_jobs', 'import_rejects', 'comment_counts',
];

async function countsOf(db: import('knex').Knex): Promise<Record<string, number>> {
  const rows = await db('comment_counts').select('status', 'n');
  return Object.fromEntries(rows.map((row: { status: string; n: unknown }) => [row.status, Number(row.n)]));
}

describe('migrations', () => {
  const testEnv = createTestEnv();
  after(() => testEnv.cleanup());

  it('when applied, rolled back and applied again, then every table comes and goes', async () => {
    const db = await openDatabase(testEnv.config.database);
    try {
      const first = await migrateLatest(db);
      assert.ok(first.length >= 1);
      for (const table of TABLES) assert.equal(await db.schema.hasTable(table), true, `${table} after up`);

      const reverted = await migrateDownAll(db);
      assert.deepEqual([...reverted].sort(), [...first].sort());
      for (const table of TABLES) assert.equal(await db.schema.hasTable(table), false, `${table} after down`);

      const again = await migrateLatest(db);
      assert.deepEqual(again, first);
      for (const table of TABLES) assert.equal(await db.schema.hasTable(table), true, `${table} after up again`);

      assert.deepEqual(await migrateLatest(db), [], 'nothing left to apply');
      // Regression: names recorded with ".ts" made the built app (".js") call the folder corrupt.
      const names: string[] = await db('knex_migrations').orderBy('id').pluck('name');
      assert.deepEqual(names, first);
      for (const name of names) assert.doesNotMatch(name, /\.(ts|js)$/);
    } finally {
      await db.destroy();
    }
  });

  it('when comments are inserted, decided and deleted, then the status counters follow exactly', async () => {
    const db = await openDatabase(testEnv.config.database);
    try {
      await migrateLatest(db);
      const now = new Date();
      const [article] = await db('articles').insert({ source: 'k', external_id: 'a', created_at: now }).returning('id');
      const [author] = await db('authors').insert({ source: 'k', external_id: 'u', name: 'U', created_at: now, updated_at: now }).returning('id');
      const base = { source: 'k', article_id: article.id, author_id: author.id, body: 'x', created_at: now, ingested_at: now, updated_at: now, score: 0, target: 'none', matches: '[]', scorer_version: 'v' };
      const before = await countsOf(db);
      await db('comments').insert([
        { ...base, external_id: 'k1', status: 'held' },
        { ...base, external_id: 'k2', status: 'held' },
        { ...base, external_id: 'k3', status: 'published' },
      ]);
      await db('comments').where({ source: 'k', external_id: 'k1' }).update({ status: 'rejected' });
      await db('comments').where({ source: 'k', external_id: 'k3' }).update({ body: 'unchanged status' });
      await db('comments').where({ source: 'k', external_id: 'k2' }).delete();
      const after = await countsOf(db);
      const delta = (status: string) => (after[status] ?? 0) - (before[status] ?? 0);
      assert.deepEqual([delta('held'), delta('rejected'), delta('published')], [0, 1, 1]);
      const truth: Array<{ status: string; n: unknown }> = await db('comments').select('status').count({ n: '*' }).groupBy('status');
      for (const row of truth) assert.equal(after[row.status], Number(row.n), `counter for ${row.status}`);
    } finally {
      await db.destroy();
    }
  });

  it('when two comments share a source and external id, then the database refuses the second', async () => {
    const db = await openDatabase(testEnv.config.database);
    try {
      await migrateLatest(db);
      const now = new Date();
      const [article] = await db('articles').insert({ source: 's', external_id: 'a', created_at: now }).returning('id');
      const [author] = await db('authors')
        .insert({ source: 's', external_id: 'u', name: 'U', created_at: now, updated_at: now })
        .returning('id');
      const comment = {
        source: 's', external_id: 'c1', article_id: article.id, author_id: author.id, body: 'x',
        created_at: now, ingested_at: now, updated_at: now, status: 'published', score: 0,
        target: 'none', matches: '[]', scorer_version: 'v',
      };
      await db('comments').insert(comment);
      await assert.rejects(db('comments').insert(comment));
    } finally {
      await db.destroy();
    }
  });
});
