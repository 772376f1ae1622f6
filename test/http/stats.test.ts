import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';
import { insertArticleAndAuthor, insertComment, insertEvent, insertUser } from '../helpers/stats-fixtures.js';

const HOSTILE_TERM = '<script>alert("terme")</script>';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

/** One sample line of the Prometheus text format: name, optional {labels}, a number. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*)?\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

/** Parses the exposition text strictly enough to fail on anything Prometheus would refuse. */
function parsePrometheus(text: string) {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Array<{ name: string; labels: string; value: number }> = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        assert.match(meta[3]!, /^(counter|gauge|histogram|summary|untyped)$/);
        types.set(meta[2]!, meta[3]!);
      } else helps.add(meta[2]!);
      continue;
    }
    const sample = SAMPLE.exec(line);
    assert.ok(sample, `not a sample line: ${JSON.stringify(line)}`);
    assert.ok(types.has(sample[1]!) && helps.has(sample[1]!), `${sample[1]} has HELP and TYPE before its samples`);
    samples.push({ name: sample[1]!, labels: sample[3] ?? '', value: Number(sample[5]) });
  }
  return { types, samples, value: (name: string, labels = '') => samples.find((s) => s.name === name && s.labels === labels)?.value };
}

describe('the statistics endpoints', () => {
  let t: TestApp;
  let key: string;
  let moderator: Awaited<ReturnType<typeof signIn>>;
  let statuses: string[];

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
    // Two seconds ago, decided one second later: the period of one day holds both.
    const nowMs = Date.now() - 2000;
    const now = new Date(nowMs).toISOString();
    const res = await request(t.app)
      .post('/api/v1/comments')
      .set('Authorization', `Bearer ${key}`)
      .send([
        aComment({ body: 'Merci pour cet article.', createdAt: now }),
        aComment({ body: 'Ferme ta gueule, espèce de connard.', createdAt: now }),
        aComment({ body: '<script>alert("corps")</script> quel idiot', createdAt: now }),
      ])
      .expect(201);
    statuses = res.body.items.map((item: { status: string }) => item.status);

    // Terms and moderator names end up on the page: hand-built ones carrying markup.
    const owner = await insertArticleAndAuthor(t.db);
    const hostileUser = await insertUser(t.db, HOSTILE_NAME);
    const matches = [{ term: HOSTILE_TERM, category: 'insult' }];
    const id = await insertComment(t.db, owner, { at: now, status: 'approved', score: 0.8, categories: { insult: 0.8 }, matches });
    await insertEvent(t.db, { commentId: id, at: now, action: 'triage', from: null, to: 'held', score: 0.8, matches });
    await insertEvent(t.db, { commentId: id, at: new Date(nowMs + 1000).toISOString(), action: 'approve', from: 'held', to: 'approved', userId: hostileUser, score: 0.8, matches });
  });
  after(() => t.close());

  it('when signed out, then the page sends the browser to the login page and back', async () => {
    const res = await request(t.app).get('/stats?days=7').expect(303);
    assert.equal(res.headers.location, `/login?next=${encodeURIComponent('/stats?days=7')}`);
  });

  it('when a moderator opens the page, then every chart is an accessible SVG with a table, and a nav link leads there', async () => {
    const res = await moderator.get('/stats').expect(200);
    assert.match(res.headers['content-type']!, /text\/html/);
    assert.match(res.text, /<h1>Statistiques<\/h1>/);
    assert.match(res.text, /<a href="\/stats">Statistiques<\/a>/);
    const charts = res.text.match(/<svg class="chart"[^>]*role="img" aria-labelledby="([a-z-]+)-title \1-desc"/g) ?? [];
    assert.equal(charts.length, 4, 'per day, flagged share, categories, terms');
    for (const id of ['per-day', 'share', 'categories', 'terms']) {
      assert.match(res.text, new RegExp(`<title id="${id}-title">`));
      assert.match(res.text, new RegExp(`<desc id="${id}-desc">`));
    }
    assert.ok((res.text.match(/<details>/g) ?? []).length >= 4, 'a table behind each chart');
    assert.match(res.text, /id="decisions-per-moderator"/);
    assert.match(res.text, /id="overturns-by-triage"/);
    assert.match(res.text, /id="median-decision-time">1 s</);
    // Nothing for the CSP to block: no inline style or script on the page.
    assert.doesNotMatch(res.text, /style="|<style|<script(?! src)/);
  });

  it('when terms, names or bodies carry markup, then the page shows them as text', async () => {
    const res = await moderator.get('/stats').expect(200);
    assert.ok(!res.text.includes(HOSTILE_TERM));
    assert.ok(!res.text.includes(HOSTILE_NAME));
    assert.ok(!res.text.includes('<script>alert'));
    assert.ok(res.text.includes('&lt;script&gt;alert(&#34;terme&#34;)&lt;/script&gt;'), 'the term, escaped');
    assert.ok(res.text.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name, escaped');
  });

  it('when the period is wrong, then the page says so with a 400', async () => {
    await moderator.get('/stats?days=0').expect(400);
    await moderator.get('/stats?from=2026-11-10&to=2026-11-01').expect(400);
  });

  it('when the API is called without a valid key, then 401', async () => {
    const res = await request(t.app).get('/api/v1/stats').expect(401);
    assert.equal(res.body.error.code, 'unauthorized');
    await request(t.app).get('/api/v1/stats').set('Authorization', 'Bearer crb_wrong').expect(401);
  });

  it('when the API is called with a key, then it returns the figures as JSON', async () => {
    const res = await request(t.app).get('/api/v1/stats?days=1').set('Authorization', `Bearer ${key}`).expect(200);
    assert.match(res.headers['content-type']!, /application\/json/);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(res.body.period, { from: today, to: today, days: 1 });
    const expected: Record<string, number> = { published: 0, flagged: 0, held: 0, approved: 1, rejected: 0 };
    for (const status of statuses) expected[status]! += 1;
    assert.deepEqual(res.body.commentsByStatus, { ...expected, total: 4 });
    assert.equal(res.body.commentsPerDay.length, 1);
    assert.equal(res.body.triagePerDay[0].triaged, 4);
    assert.deepEqual(res.body.overturns.byTriage.held, { decisions: 1, approved: 1, rejected: 0, overturned: 1, rate: 1 });
    assert.deepEqual(res.body.overturns.byTerm[0].term, HOSTILE_TERM);
    assert.ok(res.body.topTerms.some((term: { term: string }) => term.term === HOSTILE_TERM));
    assert.deepEqual(res.body.decisionTime, { decisions: 1, medianSeconds: 1 });
  });

  it('when the API is given a bad period, then 400 names the parameter', async () => {
    const res = await request(t.app).get('/api/v1/stats?days=abc').set('Authorization', `Bearer ${key}`).expect(400);
    assert.equal(res.body.error.code, 'validation');
    assert.equal(res.body.error.details[0].field, 'days');
  });

  it('when Prometheus scrapes /metrics with a metrics key, then it gets valid text format with the counters', async () => {
    const res = await request(t.app).get('/metrics').set('Authorization', `Bearer ${key}`).expect(200);
    assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    const metrics = parsePrometheus(res.text);
    assert.equal(metrics.types.get('crible_comments'), 'gauge');
    assert.equal(metrics.types.get('crible_moderation_events_total'), 'counter');
    const counts = Object.fromEntries((await t.db('comment_counts').select('status', 'n')).map((r: { status: string; n: unknown }) => [r.status, Number(r.n)]));
    for (const status of ['published', 'flagged', 'held', 'approved', 'rejected']) {
      assert.equal(metrics.value('crible_comments', `status="${status}"`), counts[status] ?? 0, status);
    }
    assert.equal(metrics.value('crible_queue_size'), (counts.held ?? 0) + (counts.flagged ?? 0));
    assert.equal(metrics.value('crible_moderation_events_total', 'action="triage"'), 4);
    assert.equal(metrics.value('crible_moderation_events_total', 'action="approve"'), 1);
    assert.equal(metrics.value('crible_moderation_events_total', 'action="reject"'), 0);
    assert.equal(metrics.value('crible_import_jobs_running'), 0);
    assert.ok(metrics.samples.some((s) => s.name === 'crible_lexicon_info' && /^version="fr-/.test(s.labels) && s.value === 1));
  });
});
