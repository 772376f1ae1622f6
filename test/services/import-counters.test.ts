import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importServiceFor, streamOf } from '../helpers/import-app.js';
import { onPostgres } from '../helpers/test-env.js';
import { batchLogCounterStatements, batchLogCounts, createCountersRepo } from '../../src/repositories/counters.repo.js';
import { runScript } from '../../src/db/dialect.js';
import * as commentCounts from '../../migrations/20261123000002_comment_counts.js';
import * as statsCounters from '../../migrations/20261123000005_stats_counters.js';
import * as counterPause from '../../migrations/20261204000030_counter_pause.js';

/** Every counter the triggers keep, as plain numbers in a stable order. */
async function counters(db: Knex) {
  const read = async (table: string, order: string[]) =>
    (await db(table).select('*').orderBy(order)).map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'day' || k === 'n' ? Number(v) : v])),
    );
  return {
    tabs: await read('comment_counts', ['status']),
    actions: await read('event_counts', ['action']),
    statuses: await read('triage_status_days', ['day', 'status']),
    terms: await read('triage_term_days', ['day', 'term']),
    categories: await read('triage_category_days', ['day', 'category']),
  };
}

/** The counters as the migrations compute them from the tables themselves, from scratch. */
async function recounted(db: Knex) {
  await counterPause.down(db);
  await statsCounters.down(db);
  await commentCounts.down(db);
  await commentCounts.up(db);
  await statsCounters.up(db);
  await counterPause.up(db);
  return counters(db);
}

/** SQLite's counter triggers are paused by a row in counter_pause, inside a batch's transaction only. */
async function pausedCounters(db: Knex): Promise<number> {
  if (onPostgres) return 0;
  return (await db('counter_pause').select('id')).length;
}

async function triggerNames(db: Knex): Promise<string[]> {
  if (onPostgres) {
    const result = await db.raw("select distinct tgname from pg_trigger where not tgisinternal and tgrelid in ('comments'::regclass, 'moderation_events'::regclass) order by 1");
    return result.rows.map((row: { tgname: string }) => row.tgname);
  }
  return db('sqlite_master').where({ type: 'trigger' }).orderBy('name').pluck('name');
}

const BODIES = ['Merci pour cet article.', 'Ferme ta gueule, espèce de connard.', 'Quel connard, ce type, un vrai connard.', 'Bande de crevards.', 'Très bon reportage.'];

describe('the counters after a bulk import (written once per batch, not by a trigger per row)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when dumps are imported over comments already counted, then every counter equals a recount from the tables, and the triggers are back', async () => {
    const triggersBefore = await triggerNames(t.db);
    const imports = importServiceFor(t.db);
    const prefix = randomUUID();
    const rows = (from: number, to: number, status?: string) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return JSON.stringify({ id: `${prefix}-${i}`, story_id: `s${i % 3}`, author_id: `u${i % 7}`, body: `${BODIES[i % BODIES.length]} (${i})`, status, parent_id: i % 4 === 1 ? `${prefix}-${i - 1}` : undefined });
      }).join('\n');

    // Small batches, so a run holds several; a duplicate row; then decisions kept from the dump.
    await imports.run(streamOf(rows(0, 120)), { format: 'ndjson', source: 'counted', batchSize: 25 });
    await imports.run(streamOf(`${rows(100, 260)}\n${rows(5, 6)}`), { format: 'ndjson', source: 'counted', batchSize: 40 });
    await imports.run(streamOf(rows(260, 300, 'rejected')), { format: 'ndjson', source: 'counted', keepStatus: true, batchSize: 15 });

    assert.deepEqual(await triggerNames(t.db), triggersBefore, 'the per-row triggers are unchanged');
    assert.equal(await pausedCounters(t.db), 0, 'and no longer paused');
    const afterImport = await counters(t.db);
    assert.ok(afterImport.terms.length > 0 && afterImport.actions.some((row) => row.action === 'import'), 'the dumps exercised terms and imported decisions');
    assert.deepEqual(afterImport, await recounted(t.db));
    assert.equal(afterImport.tabs.reduce((sum, row) => sum + Number(row.n), 0), 300);
  });

  it('when a batch\'s log counts are computed from its rows, then each comment counts once per term and category, imported decisions apart', () => {
    const match = (term: string, category: string) => ({ term, category });
    const counts = batchLogCounts([
      { kept: false, matches: [match('connard', 'insult'), match('connard', 'insult'), match('ta gueule', 'harassment')] },
      { kept: false, matches: [match('connard', 'insult'), match('crève', 'threat'), match('crève', 'harassment')] },
      { kept: false, matches: [] },
      { kept: true, matches: [match('connard', 'insult')] },
    ]);
    assert.deepEqual(counts, {
      imported: 1,
      terms: [['connard', 'insult', 2], ['ta gueule', 'harassment', 1], ['crève', 'harassment', 1]],
      categories: [['insult', 2], ['harassment', 2], ['threat', 1]],
    });
  });

  it('when a batch\'s terms hold quotes and other characters, then the counters written from the counts read them back as given', { skip: onPostgres && 'SQLite only' }, async () => {
    const now = Date.UTC(2031, 4, 6, 12);
    const day = Math.floor(now / 86_400_000);
    const terms = ["t'es con", 'dit "connard"', 'barre \\ oblique', 'émoji 🙂', "deux '' quotes"];
    const counts = batchLogCounts(terms.map((term) => ({ kept: false, matches: [{ term, category: 'insult' }] })));
    await t.db.transaction(async (trx) => {
      await runScript(trx, batchLogCounterStatements(counts, now).join(';\n'));
      await runScript(trx, batchLogCounterStatements(counts, now).join(';\n'));
    });
    const stored = await t.db('triage_term_days').where({ day }).orderBy('term').select('term', 'category', 'n');
    assert.deepEqual(
      stored.map((row: { term: string; category: string; n: unknown }) => [row.term, row.category, Number(row.n)]),
      [...terms].sort().map((term) => [term, 'insult', 2]),
    );
    const categories = await t.db('triage_category_days').where({ day }).select('category', 'n');
    assert.deepEqual(categories.map((row: { category: string; n: unknown }) => [row.category, Number(row.n)]), [['insult', 10]]);
  });

  it('when a batch fails after its rows went in, then its rows, its counts and the triggers\' pause all roll back together', async () => {
    const triggersBefore = await triggerNames(t.db);
    const before = await counters(t.db);
    const imports = importServiceFor(t.db);
    // The bad row is recorded with the batch, for a job that does not exist: the batch's last write fails.
    const text = [...BODIES.map((body, i) => JSON.stringify({ id: `${randomUUID()}-${i}`, story_id: 's', author_id: 'u', body })), '{not json'].join('\n');
    await assert.rejects(imports.run(streamOf(text), { format: 'ndjson', source: 'rolled-back', jobId: 999_999_999 }));
    assert.deepEqual(await triggerNames(t.db), triggersBefore);
    assert.equal(await pausedCounters(t.db), 0);
    assert.deepEqual(await counters(t.db), before);
    assert.equal((await t.db('comments').where({ source: 'rolled-back' })).length, 0);
  });

  it('when the inserts of a batch fail while the triggers are paused, then they count again after', async () => {
    const triggersBefore = await triggerNames(t.db);
    const before = await counters(t.db);
    await assert.rejects(
      t.db.transaction((trx) =>
        createCountersRepo().perBatch(trx, async () => {
          await trx('moderation_events').insert({ actor_type: 'system', action: 'triage', to_status: 'held', matches: '[]', created_at: new Date() });
          throw new Error('the batch fails');
        }),
      ),
      /the batch fails/,
    );
    assert.deepEqual(await triggerNames(t.db), triggersBefore);
    assert.equal(await pausedCounters(t.db), 0);
    assert.deepEqual(await counters(t.db), before);
    // Counting again: one event inserted outside a batch moves its day's triage counter.
    await t.db('moderation_events').insert({ actor_type: 'system', action: 'triage', to_status: 'held', matches: '[]', created_at: new Date() });
    const heldToday = (c: Awaited<ReturnType<typeof counters>>) => c.statuses.filter((row) => row.status === 'held').reduce((sum, row) => sum + Number(row.n), 0);
    assert.equal(heldToday(await counters(t.db)), heldToday(before) + 1);
  });
});
