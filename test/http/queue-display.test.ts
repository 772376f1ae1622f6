import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

const ids = (html: string) => [...html.matchAll(/<article class="card comment[^"]*" id="c(\d+)"/g)].map((m) => Number(m[1]));
const hrefOf = (html: string, rel: string) => new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1]?.replaceAll('&amp;', '&');

describe('what the queue shows: one score scale, local time, pages both ways', () => {
  let t: TestApp;
  let key: string;
  let moderator: Agent;

  before(async () => {
    t = await createTestApp({ CRIBLE_TIMEZONE: 'Europe/Paris' });
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
  });
  after(() => t.close());

  async function ingest(overrides: Record<string, unknown> = {}) {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment(overrides)).expect(201);
    return res.body as { id: number; score: number };
  }

  it('when a comment is shown, then its score is out of 100, coloured by level, and its time is Paris time with the offset', async () => {
    const held = await ingest({ body: 'Ferme ta gueule, espèce de connard.', createdAt: '2026-07-14T10:05:00Z', article: { externalId: 'display-1' } });
    const articleId = (await t.db('articles').where({ external_id: 'display-1' }).first()).id;
    const html = (await moderator.get(`/queue?article=${articleId}`).expect(200)).text;
    const card = html.slice(html.indexOf(`id="c${held.id}"`));
    const score = Math.round(held.score * 100);
    assert.match(card, new RegExp(`class="score score-${held.score >= 0.75 ? 'high' : 'mid'}"[^>]*>.*?${score}<span class="score-max">/100`));
    // 10:05 UTC in July is 12:05 in Paris (summer time).
    assert.match(card, /<time datetime="2026-07-14T10:05:00.000Z">14\/07\/2026 12:05 UTC\+2<\/time>/);
  });

  it('when the score filter is typed on the 0–100 scale, then it filters on the stored 0–1 score', async () => {
    const low = await ingest({ body: 'Quel article de merde encore.', article: { externalId: 'display-2' } });
    const high = await ingest({ body: 'Ferme ta gueule, espèce de connard, on sait où tu habites.', article: { externalId: 'display-2' } });
    const articleId = (await t.db('articles').where({ external_id: 'display-2' }).first()).id;
    const cut = Math.round(((low.score + high.score) / 2) * 100);
    const above = ids((await moderator.get(`/queue?view=all&article=${articleId}&min=${cut}`)).text);
    const below = ids((await moderator.get(`/queue?view=all&article=${articleId}&max=${cut}`)).text);
    assert.deepEqual(above, [high.id]);
    assert.deepEqual(below, [low.id]);
  });

  it('when a moderator goes to the next page and back, then the previous page is the first one again, with a total', async () => {
    for (let i = 0; i < 12; i++) await ingest({ body: `Espèce de connard, page ${i}.`, article: { externalId: 'display-pages' } });
    const articleId = (await t.db('articles').where({ external_id: 'display-pages' }).first()).id;
    const first = (await moderator.get(`/queue?article=${articleId}&per=5`).expect(200)).text;
    assert.equal(hrefOf(first, 'prev'), undefined, 'no previous page on the first');
    const second = (await moderator.get(hrefOf(first, 'next')!).expect(200)).text;
    const third = (await moderator.get(hrefOf(second, 'next')!).expect(200)).text;
    assert.equal(ids(third).length, 2);
    assert.equal(hrefOf(third, 'next'), undefined);
    const backToSecond = (await moderator.get(hrefOf(third, 'prev')!).expect(200)).text;
    assert.deepEqual(ids(backToSecond), ids(second));
    const backToFirst = (await moderator.get(hrefOf(backToSecond, 'prev')!).expect(200)).text;
    assert.deepEqual(ids(backToFirst), ids(first));
    assert.ok(hrefOf(third, 'first'));
    // Unfiltered, the tab's count is the total; filtered, no total is claimed.
    const unfiltered = (await moderator.get('/queue').expect(200)).text;
    const todo = Number(/À traiter <span class="count">(\d+)<\/span>/.exec(unfiltered)?.[1]);
    assert.match(unfiltered, new RegExp(`<span class="queue-total">${todo} commentaires dans cet onglet</span>`));
    assert.match(first, /<span class="queue-total"><\/span>/);
  });

  it('when an admin types thresholds out of 100, then they are stored out of 1 and shown out of 100', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const page = (await admin.get('/admin').expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    await admin.post('/admin/thresholds').type('form').send({ _csrf: csrf, flag: '35', hold: '72.5' }).expect(303);
    const stored = JSON.parse((await t.db('settings').where({ key: 'triage.thresholds' }).first()).value);
    assert.equal(stored.flag, 0.35);
    assert.equal(stored.hold, 0.725);
    assert.match((await admin.get('/admin')).text, /name="hold" [^>]*value="72.5"/);
  });
});
