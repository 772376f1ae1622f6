import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import * as statsCounters from '../../migrations/20261123000005_stats_counters.js';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';
import { insertArticleAndAuthor, insertComment } from '../helpers/stats-fixtures.js';

const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
const match = (term: string, category: string) => ({ term, category, severity: 2, start: 0, end: 1, text: 'x' });

async function counters(db: Knex) {
  const terms = await db('triage_term_days').select('day', 'term', 'category', 'n').orderBy(['day', 'term']);
  const categories = await db('triage_category_days').select('day', 'category', 'n').orderBy(['day', 'category']);
  const statuses = await db('triage_status_days').select('day', 'status', 'n').orderBy(['day', 'status']);
  const actions = await db('event_counts').select('action', 'n').orderBy('action');
  const numbers = <T extends Record<string, unknown>>(rows: T[]) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'day' || k === 'n' ? Number(v) : v])));
  return { statuses: numbers(statuses), terms: numbers(terms), categories: numbers(categories), actions: numbers(actions) };
}

describe('the statistics counters kept by the database', () => {
  let testEnv: TestEnv;
  let db: Knex;

  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    const owner = await insertArticleAndAuthor(db);
    const commentId = await insertComment(db, owner, { at: '2026-11-01T10:00:00Z', status: 'held', score: 0.9 });
    const event = (at: string, action: string, matches: unknown[]) => ({
      comment_id: commentId, actor_type: action === 'triage' ? 'system' : 'user', action,
      from_status: null, to_status: 'held', score: 0.9, matches: JSON.stringify(matches), created_at: new Date(at),
    });
    // One multi-row insert (PostgreSQL's statement trigger sees them together), then one row alone.
    await db('moderation_events').insert([
      event('2026-11-01T10:00:00Z', 'triage', [match('connard', 'insult'), match('connard', 'insult'), match('ta gueule', 'harassment')]),
      event('2026-11-01T23:59:59Z', 'triage', [match('connard', 'insult')]),
      event('2026-11-01T12:00:00Z', 'triage', []),
      event('2026-11-02T00:00:00Z', 'triage', [match('idiot', 'insult')]),
      // A decision carries the matches too, but only the triage counts terms.
      event('2026-11-01T11:00:00Z', 'approve', [match('connard', 'insult')]),
    ]);
    await db('moderation_events').insert(event('2026-11-02T08:00:00Z', 'triage', [match('connard', 'insult'), match('idiot', 'insult')]));
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  const expected = {
    // Every triage event counts here, with or without matches; the decision does not.
    statuses: [
      { day: day('2026-11-01'), status: 'held', n: 3 },
      { day: day('2026-11-02'), status: 'held', n: 2 },
    ],
    terms: [
      { day: day('2026-11-01'), term: 'connard', category: 'insult', n: 2 },
      { day: day('2026-11-01'), term: 'ta gueule', category: 'harassment', n: 1 },
      { day: day('2026-11-02'), term: 'connard', category: 'insult', n: 1 },
      { day: day('2026-11-02'), term: 'idiot', category: 'insult', n: 2 },
    ],
    categories: [
      { day: day('2026-11-01'), category: 'harassment', n: 1 },
      { day: day('2026-11-01'), category: 'insult', n: 2 },
      { day: day('2026-11-02'), category: 'insult', n: 2 },
    ],
    // Triage events are counted by triage_status_days alone.
    actions: [{ action: 'approve', n: 1 }],
  };

  it('when events are appended, then triage statuses, terms and categories count comments per UTC day, and actions count events', async () => {
    assert.deepEqual(await counters(db), expected);
  });

  it('when the migration is applied to an existing log, then it fills the same counters from it', async () => {
    await statsCounters.down(db);
    assert.equal(await db.schema.hasTable('triage_term_days'), false);
    await statsCounters.up(db);
    assert.deepEqual(await counters(db), expected);
  });
});
