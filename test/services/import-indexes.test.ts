import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importServiceFor, streamOf } from '../helpers/import-app.js';
import { secondaryIndexes } from '../../src/db/dialect.js';
import { APPENDED_INDEXES, createDeferredIndexesRepo } from '../../src/repositories/deferred-indexes.repo.js';
import { FULL_TEXT_INDEX } from '../../src/db/full-text.js';
import { onPostgres } from '../helpers/test-env.js';

const TABLES = ['comments', 'moderation_events'];
const names = async (t: TestApp) => (await secondaryIndexes(t.db, TABLES)).map((index) => index.name);
/** What a first import defers: the read indexes but the appended ones, and SQLite's full-text index (PostgreSQL's is one of the indexes). */
const deferrable = (indexes: string[]) => [...indexes.filter((name) => !APPENDED_INDEXES.has(name)), ...(onPostgres ? [] : [FULL_TEXT_INDEX])].sort();
const dump = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}-${i}`, story_id: `s${i % 3}`, author_id: `u${i % 5}`, body: i % 3 ? 'Très bon reportage.' : 'Espèce de connard.' })).join('\n');

describe('read indexes deferred during a first import', () => {
  let t: TestApp;
  let allIndexes: string[];
  before(async () => {
    t = await createTestApp();
    allIndexes = await names(t);
  });
  after(() => t.close());

  it('when the comments table is empty, then the read indexes are dropped and listed, but those an import appends to, and the unique keys stay', async () => {
    const deferred = createDeferredIndexesRepo(t.db);
    assert.ok(allIndexes.includes('comments_queue_score_idx') && allIndexes.includes('events_action_time_idx'), allIndexes.join());
    const appended = allIndexes.filter((name) => APPENDED_INDEXES.has(name));
    assert.equal(appended.length, APPENDED_INDEXES.size, 'every index kept exists');
    assert.equal(await deferred.deferIfEmpty(), deferrable(allIndexes).length);
    assert.deepEqual(await names(t), appended);
    assert.deepEqual(await deferred.pending(), deferrable(allIndexes));
    // What an import killed at this point leaves: it still refuses a duplicate (the unique key stayed).
    await t.db('articles').insert({ source: 'k', external_id: 'a', created_at: new Date() });
    await t.db('authors').insert({ source: 'k', external_id: 'u', name: 'U', status: 'normal', created_at: new Date(), updated_at: new Date() });
    const imports = importServiceFor(t.db);
    const text = dump('kept', 10);
    // An import puts them back (at its start, and again after its last batch).
    const first = await imports.run(streamOf(text), { format: 'ndjson', source: 'kept' });
    assert.equal(first.inserted, 10);
    assert.deepEqual(await names(t), allIndexes);
    assert.deepEqual(await deferred.pending(), []);
    const again = await imports.run(streamOf(text), { format: 'ndjson', source: 'kept' });
    assert.deepEqual([again.inserted, again.duplicates], [0, 10]);
  });

  it('when the comments table holds comments, then nothing is deferred', async () => {
    assert.equal(await createDeferredIndexesRepo(t.db).deferIfEmpty(), 0);
    assert.deepEqual(await names(t), allIndexes);
  });

  it('when two rebuilds race, then each index is built once and the list ends empty', async () => {
    const emptied = await createTestApp();
    try {
      const deferred = createDeferredIndexesRepo(emptied.db);
      const count = await deferred.deferIfEmpty();
      assert.ok(count > 0);
      const built = await Promise.all([deferred.rebuild(), deferred.rebuild()]);
      assert.equal(built[0] + built[1], count);
      assert.deepEqual(await names(emptied), allIndexes);
      assert.deepEqual(await deferred.pending(), []);
    } finally {
      await emptied.close();
    }
  });
});
