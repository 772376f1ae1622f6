import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { createStatsRepo } from '../../src/repositories/stats.repo.js';
import { createSettingsRepo } from '../../src/repositories/settings.repo.js';
import { createThresholdsService } from '../../src/services/triage.js';
import {
  MAX_DAYS,
  StatsParamError,
  createMetricsService,
  createStatsService,
  parseStatsPeriod,
  type StatsService,
} from '../../src/services/stats.service.js';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';
import { insertArticleAndAuthor, insertComment, insertEvent, insertUser } from '../helpers/stats-fixtures.js';

const CONNARD = { term: 'connard(e)(s)', category: 'insult' };
const IDIOT = { term: 'idiot(e)(s)', category: 'insult' };
const GUEULE = { term: 'ferme ta gueule', category: 'harassment' };

/**
 * Ten comments around the period 2026-11-01 … 2026-11-03, each figure of which is worked out by
 * hand in the tests below (c7 before the period but decided in it, c8 exactly at its end).
 */
async function seedScenario(db: Knex) {
  const owner = await insertArticleAndAuthor(db);
  const alice = await insertUser(db, 'Alice');
  const bob = await insertUser(db, 'Bob');
  const comment = (c: Parameters<typeof insertComment>[2]) => insertComment(db, owner, c);
  const event = (e: Parameters<typeof insertEvent>[1]) => insertEvent(db, e);
  const triage = (commentId: number, at: string, to: string, score: number, matches: typeof CONNARD[] = []) =>
    event({ commentId, at, action: 'triage', from: null, to, score, matches });

  const c1 = await comment({ at: '2026-11-01T10:00:00Z', status: 'published', score: 0.05 });
  await triage(c1, '2026-11-01T10:00:00Z', 'published', 0.05);

  // Flagged, approved half an hour later: a false alarm.
  const c2 = await comment({ at: '2026-11-01T11:00:00Z', status: 'approved', score: 0.45, categories: { insult: 0.45 }, matches: [IDIOT] });
  await triage(c2, '2026-11-01T11:00:00Z', 'flagged', 0.45, [IDIOT]);
  await event({ commentId: c2, at: '2026-11-01T11:30:00Z', action: 'approve', from: 'flagged', to: 'approved', userId: alice, score: 0.45, matches: [IDIOT] });

  // Held, approved an hour later: an overturned hold.
  const c3 = await comment({ at: '2026-11-02T09:00:00Z', status: 'approved', score: 0.8, categories: { insult: 0.8, harassment: 0.5 }, matches: [CONNARD] });
  await triage(c3, '2026-11-02T09:00:00Z', 'held', 0.8, [CONNARD]);
  await event({ commentId: c3, at: '2026-11-02T10:00:00Z', action: 'approve', from: 'held', to: 'approved', userId: alice, score: 0.8, matches: [CONNARD] });

  // Held, rejected ten minutes later; "connard" matched twice still counts one comment.
  const c4Matches = [CONNARD, CONNARD, GUEULE];
  const c4 = await comment({ at: '2026-11-02T09:30:00Z', status: 'rejected', score: 0.95, categories: { insult: 0.9, harassment: 0.9 }, matches: c4Matches });
  await triage(c4, '2026-11-02T09:30:00Z', 'held', 0.95, c4Matches);
  await event({ commentId: c4, at: '2026-11-02T09:40:00Z', action: 'reject', from: 'held', to: 'rejected', userId: bob, score: 0.95, matches: c4Matches });

  // Held, approved by Bob, undone, then rejected by Alice: only the rejection stands.
  const c5 = await comment({ at: '2026-11-03T08:00:00Z', status: 'rejected', score: 0.78, categories: { insult: 0.78 }, matches: [CONNARD] });
  await triage(c5, '2026-11-03T08:00:00Z', 'held', 0.78, [CONNARD]);
  await event({ commentId: c5, at: '2026-11-03T08:20:00Z', action: 'approve', from: 'held', to: 'approved', userId: bob, score: 0.78, matches: [CONNARD] });
  await event({ commentId: c5, at: '2026-11-03T08:21:00Z', action: 'undo', from: 'approved', to: 'held', userId: bob, score: 0.78, matches: [CONNARD] });
  await event({ commentId: c5, at: '2026-11-03T08:30:00Z', action: 'reject', from: 'held', to: 'rejected', userId: alice, score: 0.78, matches: [CONNARD] });

  // Published, rejected two hours later: a miss.
  const c6 = await comment({ at: '2026-11-03T12:00:00Z', status: 'rejected', score: 0.3, categories: { profanity: 0.3 } });
  await triage(c6, '2026-11-03T12:00:00Z', 'published', 0.3);
  await event({ commentId: c6, at: '2026-11-03T14:00:00Z', action: 'reject', from: 'published', to: 'rejected', userId: alice, score: 0.3 });

  // Written and triaged the second before the period, decided in it.
  const c7 = await comment({ at: '2026-10-31T23:59:59Z', status: 'approved', score: 0.7, categories: { insult: 0.7 }, matches: [CONNARD] });
  await triage(c7, '2026-10-31T23:59:59Z', 'held', 0.7, [CONNARD]);
  await event({ commentId: c7, at: '2026-11-01T00:30:00Z', action: 'approve', from: 'held', to: 'approved', userId: alice, score: 0.7, matches: [CONNARD] });

  // Exactly at the end of the period (excluded), still held.
  const c8 = await comment({ at: '2026-11-04T00:00:00Z', status: 'held', score: 0.9, categories: { insult: 0.9 }, matches: [CONNARD] });
  await triage(c8, '2026-11-04T00:00:00Z', 'held', 0.9, [CONNARD]);

  // Imported with its decision: neither a triage nor a moderator's decision.
  const c9 = await comment({ at: '2026-11-02T12:00:00Z', status: 'approved', score: 0 });
  await event({ commentId: c9, at: '2026-11-02T12:00:00Z', action: 'import', from: null, to: 'approved', actorType: 'import', score: 0 });

  // Flagged, approved by Alice, then rejected by Bob: the second decision overrules a moderator,
  // not the triage, so only the approval (a false alarm) counts against the triage.
  const c10 = await comment({ at: '2026-11-03T13:00:00Z', status: 'rejected', score: 0.5, categories: { insult: 0.5 }, matches: [IDIOT] });
  await triage(c10, '2026-11-03T13:00:00Z', 'flagged', 0.5, [IDIOT]);
  await event({ commentId: c10, at: '2026-11-03T13:10:00Z', action: 'approve', from: 'flagged', to: 'approved', userId: alice, score: 0.5, matches: [IDIOT] });
  await event({ commentId: c10, at: '2026-11-03T13:20:00Z', action: 'reject', from: 'approved', to: 'rejected', userId: bob, score: 0.5, matches: [IDIOT] });

  return { alice, bob };
}

const period = (from: string, to: string) => parseStatsPeriod({ from, to });

describe('statistics', () => {
  let testEnv: TestEnv;
  let db: Knex;
  let service: StatsService;
  let users: { alice: number; bob: number };

  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    users = await seedScenario(db);
    service = createStatsService({ stats: createStatsRepo(db), thresholds: createThresholdsService(createSettingsRepo(db)) });
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  it('when asked for a period, then comments are counted per day of writing and current status, every day listed', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    assert.deepEqual(stats.period, { from: '2026-11-01', to: '2026-11-03', days: 3 });
    const zero = { published: 0, flagged: 0, held: 0, approved: 0, rejected: 0 };
    assert.deepEqual(stats.commentsPerDay, [
      { day: '2026-11-01', ...zero, published: 1, approved: 1, total: 2 },
      { day: '2026-11-02', ...zero, approved: 2, rejected: 1, total: 3 },
      { day: '2026-11-03', ...zero, rejected: 3, total: 3 },
    ]);
    assert.deepEqual(stats.commentsByStatus, { ...zero, published: 1, approved: 3, rejected: 4, total: 8 });
    // A day with no comment is still a row, with zeros.
    const wider = await service.forPeriod(period('2026-10-30', '2026-11-01'));
    assert.deepEqual(wider.commentsPerDay.map((d) => [d.day, d.total]), [['2026-10-30', 0], ['2026-10-31', 1], ['2026-11-01', 2]]);
  });

  it('when the triage flagged or held comments, then the flagged share is theirs among triaged comments, per day of ingestion', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    assert.deepEqual(stats.triagePerDay, [
      { day: '2026-11-01', triaged: 2, flagged: 1, held: 0, flaggedShare: 0.5 },
      { day: '2026-11-02', triaged: 2, flagged: 0, held: 2, flaggedShare: 1 },
      { day: '2026-11-03', triaged: 3, flagged: 1, held: 1, flaggedShare: 2 / 3 },
    ]);
    assert.equal(stats.flaggedShare, 5 / 7);
    const empty = await service.forPeriod(period('2026-10-01', '2026-10-02'));
    assert.equal(empty.flaggedShare, null);
    assert.equal(empty.triagePerDay[0]!.flaggedShare, null);
  });

  it('when the triage matched categories, then each counts the comments it was found in, most frequent first', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    // c4 holds two insult matches and one harassment match: one comment each.
    assert.deepEqual(stats.categories, [
      { category: 'insult', comments: 5 },
      { category: 'harassment', comments: 1 },
    ]);
  });

  it('when terms were matched at ingestion, then the top terms count comments (not matches), within the period only', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    assert.deepEqual(stats.topTerms, [
      { term: 'connard(e)(s)', category: 'insult', comments: 3 },
      { term: 'idiot(e)(s)', category: 'insult', comments: 2 },
      { term: 'ferme ta gueule', category: 'harassment', comments: 1 },
    ]);
  });

  it('when moderators decided and undid, then each moderator has one row per day with approvals, rejections and undos', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    const row = (day: string, userId: number, name: string, approved: number, rejected: number, undone: number) =>
      ({ day, userId, name, approved, rejected, undone, total: approved + rejected });
    assert.deepEqual(stats.decisionsPerModerator, [
      row('2026-11-03', users.alice, 'Alice', 1, 2, 0),
      row('2026-11-03', users.bob, 'Bob', 1, 1, 1),
      row('2026-11-02', users.alice, 'Alice', 1, 0, 0),
      row('2026-11-02', users.bob, 'Bob', 0, 1, 0),
      row('2026-11-01', users.alice, 'Alice', 2, 0, 0),
    ]);
  });

  it('when decisions stand on the triage, then the median delay from ingestion is theirs (odd and even counts)', async () => {
    // 600, 600, 1800, 1800, 1801, 3600, 7200 seconds: the undone approval and the decision on an approved comment are left out.
    const all = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    assert.deepEqual(all.decisionTime, { decisions: 7, medianSeconds: 1800 });
    // 600 and 3600: the mean of the two middle values.
    const second = await service.forPeriod(period('2026-11-02', '2026-11-02'));
    assert.deepEqual(second.decisionTime, { decisions: 2, medianSeconds: 2100 });
    const none = await service.forPeriod(period('2026-10-01', '2026-10-02'));
    assert.deepEqual(none.decisionTime, { decisions: 0, medianSeconds: null });
  });

  it('when moderators contradict the triage, then overturn rates are given per triage status and per score band', async () => {
    const stats = await service.forPeriod(period('2026-11-01', '2026-11-03'));
    const count = (decisions: number, approved: number, rejected: number, overturned: number) =>
      ({ decisions, approved, rejected, overturned, rate: decisions === 0 ? null : overturned / decisions });
    const none = count(0, 0, 0, 0);
    assert.deepEqual(stats.overturns.byTriage, { held: count(4, 2, 2, 2), flagged: count(2, 2, 0, 2), published: count(1, 0, 1, 1) });
    assert.deepEqual(stats.overturns.byBand, [
      { band: '0.3–0.4', min: 0.3, byTriage: { held: none, flagged: none, published: count(1, 0, 1, 1) } },
      { band: '0.4–0.5', min: 0.4, byTriage: { held: none, flagged: count(1, 1, 0, 1), published: none } },
      { band: '0.5–0.6', min: 0.5, byTriage: { held: none, flagged: count(1, 1, 0, 1), published: none } },
      { band: '0.7–0.8', min: 0.7, byTriage: { held: count(2, 1, 1, 1), flagged: none, published: none } },
      { band: '0.8–0.9', min: 0.8, byTriage: { held: count(1, 1, 0, 1), flagged: none, published: none } },
      { band: '0.9–1.0', min: 0.9, byTriage: { held: count(1, 0, 1, 0), flagged: none, published: none } },
    ]);
    assert.deepEqual(stats.overturns.byTerm, [
      { term: 'connard(e)(s)', category: 'insult', held: count(4, 2, 2, 2), flagged: none },
      { term: 'idiot(e)(s)', category: 'insult', held: none, flagged: count(2, 2, 0, 2) },
    ]);
  });

  it('when metrics are read, then they come from the counters the database keeps', async () => {
    await db('import_jobs').insert({ source: 'fx', format: 'ndjson', status: 'running', options: '{}', started_at: new Date() });
    const metrics = createMetricsService({ stats: createStatsRepo(db), lexiconVersion: () => 'fr-test', now: () => new Date('2026-11-04T01:00:00Z') });
    const m = await metrics.snapshot();
    assert.deepEqual(m.commentsByStatus, { held: 1, flagged: 0, published: 1, approved: 4, rejected: 4 });
    assert.equal(m.queueSize, 1);
    assert.deepEqual(m.eventsByAction, { triage: 9, import: 1, approve: 5, reject: 4, undo: 1 });
    assert.equal(m.importJobsRunning, 1);
    assert.equal(m.oldestHeldAgeSeconds, 3600);
    assert.equal(m.lexiconVersion, 'fr-test');
  });
});

describe('the statistics period', () => {
  const now = new Date('2026-11-23T15:00:00Z');

  it('when nothing is given, then it is the last 30 days, today included', () => {
    assert.deepEqual(parseStatsPeriod({}, now), { from: '2026-10-25', to: '2026-11-23', days: 30 });
  });

  it('when days or from/to are given, then they set it (to inclusive, UTC)', () => {
    assert.deepEqual(parseStatsPeriod({ days: '7' }, now), { from: '2026-11-17', to: '2026-11-23', days: 7 });
    assert.deepEqual(parseStatsPeriod({ days: '1' }, now), { from: '2026-11-23', to: '2026-11-23', days: 1 });
    assert.deepEqual(parseStatsPeriod({ from: '2026-02-01', to: '2026-02-28' }, now), { from: '2026-02-01', to: '2026-02-28', days: 28 });
    assert.deepEqual(parseStatsPeriod({ from: '2026-11-20' }, now), { from: '2026-11-20', to: '2026-11-23', days: 4 });
    assert.deepEqual(parseStatsPeriod({ to: '2026-01-30' }, now), { from: '2026-01-01', to: '2026-01-30', days: 30 });
    assert.deepEqual(parseStatsPeriod({ days: String(MAX_DAYS) }, now).days, MAX_DAYS);
  });

  it('when a parameter is wrong, then a StatsParamError names it', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ days: '0' }, 'days'],
      [{ days: String(MAX_DAYS + 1) }, 'days'],
      [{ days: '2.5' }, 'days'],
      [{ days: 'abc' }, 'days'],
      [{ days: '7', from: '2026-11-01' }, 'days'],
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '01/11/2026' }, 'from'],
      [{ to: ['2026-11-01', '2026-11-02'] }, 'to'],
      [{ from: '2026-11-10', to: '2026-11-01' }, 'from'],
      [{ from: '2024-01-01', to: '2026-01-01' }, 'to'],
    ];
    for (const [query, param] of cases) {
      assert.throws(() => parseStatsPeriod(query, now), (err: unknown) => err instanceof StatsParamError && err.param === param, JSON.stringify(query));
    }
  });
});
