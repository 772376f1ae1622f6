import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('the moderator queue', () => {
  let t: TestApp;
  let key: string;
  let moderator: Agent;
  let otherModerator: Agent;
  let token: string;
  let otherToken: string;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
    otherModerator = await signIn(t.app, await t.addUser('moderator'));
    token = csrfTokenOf((await moderator.get('/queue')).text);
    otherToken = csrfTokenOf((await otherModerator.get('/queue')).text);
  });
  after(() => t.close());

  async function ingest(overrides: Record<string, unknown> = {}) {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment(overrides)).expect(201);
    return res.body as { id: number; version: number; status: string; score: number; author: { externalId: string } };
  }

  function decide(agent: Agent, csrf: string, id: number, form: Record<string, string | number>) {
    return agent.post(`/comments/${id}/decision`).type('form').send({ _csrf: csrf, ...form });
  }

  it('when comments are waiting, then À traiter lists the highest score first with its insult highlighted', async () => {
    const mild = await ingest({ body: 'Quel article de merde.' });
    const severe = await ingest({ body: 'Ferme ta gueule, espèce de connard.' });
    const page = await moderator.get('/queue').expect(200);
    const first = page.text.indexOf(`id="c${severe.id}"`);
    const second = page.text.indexOf(`id="c${mild.id}"`);
    assert.ok(first > 0 && second > first, 'the higher score comes first');
    assert.match(page.text, /<mark class="cat-insult[^"]*"[^>]*>connard<span class="mark-label">Insulte<\/span><\/mark>/);
    assert.match(page.text, /À traiter <span class="count">\d+<\/span>/);
  });

  it('when the learned layer flagged a comment, then its words are highlighted as the model\'s, not as lexicon terms', async () => {
    const c = await ingest({ body: 'Bande de guignols incompétents.' });
    const matches = [{ term: 'guignols', category: 'insult', severity: 1, start: 9, end: 17, text: 'guignols', source: 'model' }];
    await t.db('comments').where({ id: c.id }).update({ status: 'flagged', matches: JSON.stringify(matches) });
    const page = (await moderator.get('/queue?view=flagged').expect(200)).text;
    assert.match(page, /<mark class="model" title="[^"]*: guignols">guignols<span class="mark-label">Modèle<\/span><\/mark>/);
  });

  it('when the model lowered a lexicon hit, then the words that pulled towards clean are shown as such', async () => {
    const c = await ingest({ body: 'Il a écrit « connard » sur le mur, honteux.' });
    const matches = [
      { term: 'connard(e)(s)', category: 'insult', severity: 2, start: 13, end: 20, text: 'connard' },
      { term: 'honteux', category: 'insult', severity: 1, start: 35, end: 42, text: 'honteux', source: 'model', weight: -0.4 },
    ];
    await t.db('comments').where({ id: c.id }).update({ status: 'flagged', matches: JSON.stringify(matches) });
    const page = (await moderator.get('/queue?view=flagged').expect(200)).text;
    assert.match(page, /<mark class="model model-clean" title="[^"]*: honteux">honteux<span class="mark-label">Modèle : abaissé<\/span><\/mark>/);
  });

  it('when a reader quotes an insult to denounce it, then it is flagged (not held) and the card says "citation"', async () => {
    const c = await ingest({ body: 'Au travail on me traite encore de « gros nul » devant tout le monde, ça suffit.' });
    assert.equal(c.status, 'flagged');
    const page = (await moderator.get('/queue?view=flagged').expect(200)).text;
    const card = page.slice(page.indexOf(`id="c${c.id}"`), page.indexOf('</article>', page.indexOf(`id="c${c.id}"`)));
    assert.match(card, /<mark class="[^"]*context context-quotation"[^>]*>[^<]*<span class="mark-label">Insulte · citation<\/span><\/mark>/);
    assert.match(card, /<p class="context-reasons">Contexte : <span class="context-reason context-quotation"[^>]*>citation<\/span><\/p>/);
    const row = await t.db('comments').where({ id: c.id }).first();
    assert.equal(row.status, 'flagged');
    assert.ok((JSON.parse(row.matches) as { context?: string }[]).some((m) => m.context === 'quotation'), 'the reason is stored with the match');
  });

  it('when a long lexicon pattern matched, then the card names it briefly and highlights the words', async () => {
    const c = await ingest({ body: 'Tous les musulmans sont des terroristes.' });
    const page = (await moderator.get('/queue?view=all').expect(200)).text;
    const card = page.slice(page.indexOf(`id="c${c.id}"`));
    assert.match(card, /<mark class="cat-identity_attack[^"]*" title="[^"]*: arabes\/noirs\/… sont des terroristes\/voleurs\/…">musulmans sont des terroristes</);
    assert.doesNotMatch(card.slice(0, 4000), /bouddhistes/);
  });

  it('when sorted by newest or oldest, then the order follows the comment time', async () => {
    const older = await ingest({ body: 'Espèce de connard numéro un.', createdAt: '2026-01-01T10:00:00Z' });
    const newer = await ingest({ body: 'Espèce de connard numéro deux.', createdAt: '2026-06-01T10:00:00Z' });
    const newest = (await moderator.get('/queue?sort=newest')).text;
    assert.ok(newest.indexOf(`id="c${newer.id}"`) < newest.indexOf(`id="c${older.id}"`));
    const oldest = (await moderator.get('/queue?sort=oldest')).text;
    assert.ok(oldest.indexOf(`id="c${older.id}"`) < oldest.indexOf(`id="c${newer.id}"`));
  });

  it('when filtered by search, category, score and dates, then only matching comments show', async () => {
    const target = await ingest({ body: 'Tu es un connard de la pire espèce, Zorglub.', createdAt: '2026-03-15T12:00:00Z' });
    const other = await ingest({ body: 'Quel article de merde encore.', createdAt: '2026-03-20T12:00:00Z' });
    const search = (await moderator.get('/queue?q=zorglub')).text;
    assert.ok(search.includes(`id="c${target.id}"`) && !search.includes(`id="c${other.id}"`));
    const byCategory = (await moderator.get('/queue?category=harassment')).text;
    assert.ok(byCategory.includes(`id="c${target.id}"`) && !byCategory.includes(`id="c${other.id}"`));
    const byDate = (await moderator.get('/queue?from=2026-03-15&to=2026-03-15')).text;
    assert.ok(byDate.includes(`id="c${target.id}"`) && !byDate.includes(`id="c${other.id}"`));
    // The filter is typed on the 0–100 scale the cards show.
    const byScore = (await moderator.get(`/queue?max=${other.score * 100}`)).text;
    assert.ok(!byScore.includes(`id="c${target.id}"`) && byScore.includes(`id="c${other.id}"`));
  });

  it('when a page is full, then the next page continues without repeating a comment', async () => {
    for (let i = 0; i < 30; i++) await ingest({ body: `Espèce de connard, message ${i}.`, article: { externalId: 'pagination' } });
    const articleId = (await t.db('articles').where({ external_id: 'pagination' }).first()).id;
    const first = await moderator.get(`/queue?article=${articleId}`).expect(200);
    const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1];
    assert.ok(next, 'a next link');
    const second = await moderator.get(next!.replaceAll('&amp;', '&')).expect(200);
    const ids = (html: string) => [...html.matchAll(/<article class="card comment[^"]*" id="c(\d+)"/g)].map((m) => m[1]);
    const all = [...ids(first.text), ...ids(second.text)];
    assert.equal(all.length, 30);
    assert.equal(new Set(all).size, 30);
  });

  it('when a comment is approved, then its status and an event are written together', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    const res = await decide(moderator, token, comment.id, { action: 'approve', version: 1 }).expect(303);
    assert.match(String(res.headers.location), /^\/queue/);
    const stored = await t.db('comments').where({ id: comment.id }).first();
    assert.equal(stored.status, 'approved');
    assert.equal(stored.version, 2);
    const event = await t.db('moderation_events').where({ comment_id: comment.id, action: 'approve' }).first();
    assert.equal(event.from_status, comment.status);
    assert.equal(event.to_status, 'approved');
    assert.equal(event.actor_type, 'user');
    assert.equal(Number(event.score), comment.score);
  });

  it('when a comment is rejected with a reason and a note, then both are logged; without a reason, refused', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    const refused = await decide(moderator, token, comment.id, { action: 'reject', version: 1 }).set('Accept', 'application/json').expect(400);
    assert.match(refused.body.error.message, /Un rejet demande un motif/);
    await decide(moderator, token, comment.id, { action: 'reject', version: 1 }).expect(303);
    assert.match((await moderator.get('/queue')).text, /Un rejet demande un motif/, 'the form path shows the message');
    assert.equal((await t.db('comments').where({ id: comment.id }).first()).status, comment.status);
    await decide(moderator, token, comment.id, { action: 'reject', reason: 'harcelement', note: 'récidive', version: 1 }).expect(303);
    const event = await t.db('moderation_events').where({ comment_id: comment.id, action: 'reject' }).first();
    assert.equal(event.reason_code, 'harcelement');
    assert.equal(event.note, 'récidive');
    const rejected = (await moderator.get('/queue?view=rejected')).text;
    assert.ok(rejected.includes(`id="c${comment.id}"`));
  });

  it('when two moderators decide the same comment, then the second is told who decided and nothing is overwritten', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    await decide(moderator, token, comment.id, { action: 'approve', version: 1 }).expect(303);
    const res = await otherModerator
      .post(`/comments/${comment.id}/decision`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: otherToken, action: 'reject', reason: 'insulte', version: 1 })
      .expect(409);
    assert.match(res.body.error.message, /Déjà traité par moderator-\d+-\d+ : ce commentaire est maintenant approuvé/);
    const stored = await t.db('comments').where({ id: comment.id }).first();
    assert.equal(stored.status, 'approved');
    const events = await t.db('moderation_events').where({ comment_id: comment.id }).whereIn('action', ['approve', 'reject']);
    assert.equal(events.length, 1);
  });

  it('when two decisions race on the same version, then exactly one wins', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    const [a, b] = await Promise.all([
      decide(moderator, token, comment.id, { action: 'approve', version: 1 }).set('Accept', 'application/json'),
      decide(otherModerator, otherToken, comment.id, { action: 'reject', reason: 'insulte', version: 1 }).set('Accept', 'application/json'),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const events = await t.db('moderation_events').where({ comment_id: comment.id }).whereIn('action', ['approve', 'reject']);
    assert.equal(events.length, 1);
  });

  it('when a decision is undone, then the previous status returns and the undo is logged', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    await decide(moderator, token, comment.id, { action: 'reject', reason: 'insulte', version: 1 }).expect(303);
    const res = await moderator.post('/decisions/undo-last').set('Accept', 'application/json').type('form').send({ _csrf: token }).expect(200);
    assert.equal(res.body.ok, true);
    const stored = await t.db('comments').where({ id: comment.id }).first();
    assert.equal(stored.status, comment.status);
    const undo = await t.db('moderation_events').where({ comment_id: comment.id, action: 'undo' }).first();
    assert.equal(undo.from_status, 'rejected');
    assert.equal(undo.to_status, comment.status);
    const other = await otherModerator.post(`/comments/${comment.id}/undo`).set('Accept', 'application/json').type('form').send({ _csrf: otherToken });
    assert.equal(other.status, 400, 'nothing left to undo');
  });

  it('when only the other moderator decided, then this one cannot undo it', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    await decide(otherModerator, otherToken, comment.id, { action: 'approve', version: 1 }).expect(303);
    const res = await moderator.post(`/comments/${comment.id}/undo`).set('Accept', 'application/json').type('form').send({ _csrf: token }).expect(400);
    assert.match(res.body.error.message, /Seul moderator-\d+-\d+ ou un administrateur/);
  });

  it('when several comments are selected, then they are rejected at once and a stale one is reported', async () => {
    const a = await ingest({ body: 'Espèce de connard A.' });
    const b = await ingest({ body: 'Espèce de connard B.' });
    const c = await ingest({ body: 'Espèce de connard C.' });
    await decide(otherModerator, otherToken, c.id, { action: 'approve', version: 1 }).expect(303);
    const res = await moderator
      .post('/queue/bulk')
      .set('Accept', 'application/json')
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&action=reject&reason=insulte&items=${a.id}:1&items=${b.id}:1&items=${c.id}:1`)
      .expect(200);
    assert.deepEqual(res.body.result.decided, [a.id, b.id]);
    assert.equal(res.body.result.failed[0].commentId, c.id);
    const statuses = await t.db('comments').whereIn('id', [a.id, b.id, c.id]).orderBy('id').pluck('status');
    assert.deepEqual(statuses, ['rejected', 'rejected', 'approved']);
  });

  it('when an author is pre-moderated, then their next comment is held; banned with rejectPending, their queue empties', async () => {
    const author = { externalId: 'u-troll', name: 'Troll' };
    const first = await ingest({ author, body: 'Espèce de connard.' });
    const authorId = (await t.db('authors').where({ external_id: 'u-troll' }).first()).id;
    await moderator.post(`/authors/${authorId}/status`).type('form').send({ _csrf: token, status: 'premoderated' }).expect(303);
    const next = await ingest({ author, body: 'Bonjour à tous.' });
    assert.equal(next.status, 'held');
    await moderator.post(`/authors/${authorId}/status`).type('form').send({ _csrf: token, status: 'banned', rejectPending: 'on' }).expect(303);
    const statuses = await t.db('comments').whereIn('id', [first.id, next.id]).pluck('status');
    assert.deepEqual(statuses, ['rejected', 'rejected']);
    const events = await t.db('moderation_events').where({ author_id: authorId }).whereIn('action', ['author_premoderate', 'author_ban']);
    assert.equal(events.length, 2);
    const page = await moderator.get(`/authors/${authorId}`).expect(200);
    assert.match(page.text, /Banni/);
    assert.match(page.text, /Auteur banni/);
    await moderator.post(`/authors/${authorId}/status`).type('form').send({ _csrf: token, status: 'normal' }).expect(303);
    assert.equal((await t.db('authors').where({ id: authorId }).first()).status, 'normal');
  });

  it('when the log page is opened, then decisions appear with who made them', async () => {
    const page = await moderator.get('/log').expect(200);
    assert.match(page.text, /Journal de modération/);
    assert.match(page.text, /Rejeté/);
    assert.match(page.text, /moderator-\d+-\d+/);
  });

  it('when a form is posted without CSRF token, then 403 and nothing changes', async () => {
    const comment = await ingest({ body: 'Espèce de connard.' });
    await moderator.post(`/comments/${comment.id}/decision`).type('form').send({ action: 'approve', version: 1 }).expect(403);
    assert.equal((await t.db('comments').where({ id: comment.id }).first()).status, comment.status);
  });

  it('when a moderator opens the admin page, then 403; without a session, the login page', async () => {
    await moderator.get('/admin').expect(403);
    const anonymous = await request(t.app).get('/queue').expect(303);
    assert.match(String(anonymous.headers.location), /^\/login/);
    await request(t.app).post('/queue/bulk').type('form').send({}).expect(403);
  });
});

describe('hostile comment bodies', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const bodies = [
    '<script>alert("xss")</script> connard',
    '<img src=x onerror="alert(1)"> espèce de connard',
    '<a href="javascript:alert(1)">clique</a> connard',
    '"><svg onload=alert(1)> ta gueule',
  ];
  it('when bodies carry markup, then the queue shows it as text and never as elements', async () => {
    const key = await t.addApiKey();
    const batch = bodies.map((body) => aComment({ body, article: { externalId: 'x', url: 'javascript:alert(1)', title: '<b>titre</b>' } }));
    await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(batch).expect(201);
    const agent = await signIn(t.app, await t.addUser('moderator'));
    const page = await agent.get('/queue?view=all').expect(200);
    assert.doesNotMatch(page.text, /<script>alert/);
    assert.doesNotMatch(page.text, /<img src=x/);
    assert.doesNotMatch(page.text, /<svg/);
    assert.doesNotMatch(page.text, /href="javascript:/);
    assert.doesNotMatch(page.text, /<b>titre<\/b>/);
    assert.match(page.text, /&lt;script&gt;alert\(&#34;xss&#34;\)&lt;\/script&gt;/);
    assert.match(page.text, /&lt;img src=x onerror=&#34;alert\(1\)&#34;&gt;/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
  });
});

describe('admin settings', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when an admin changes the thresholds, creates a user and an API key, then each takes effect', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const token = csrfTokenOf((await admin.get('/admin').expect(200)).text);
    await admin.post('/admin/thresholds').type('form').send({ _csrf: token, flag: '50', hold: '90' }).expect(303);
    assert.match((await admin.get('/admin')).text, /name="hold" [^>]*value="90"/);
    assert.match((await t.db('settings').where({ key: 'triage.thresholds' }).first()).value, /"hold":0.9\b/);
    await admin.post('/admin/thresholds').type('form').send({ _csrf: token, flag: '90', hold: '50' }).expect(303);
    assert.match((await admin.get('/admin')).text, /Le seuil de signalement ne peut pas dépasser le seuil de rétention/);
    // The model's thresholds: saved with the others, refused out of their range.
    await admin.post('/admin/thresholds').type('form').send({ _csrf: token, flag: '50', hold: '90', modelFlag: '97', modelHold: '99', modelClear: '5' }).expect(303);
    assert.match((await admin.get('/admin')).text, /name="modelFlag" [^>]*value="97"/);
    assert.deepEqual((await t.db('settings').where({ key: 'triage.thresholds' }).first()).value.includes('"clear":0.05'), true);
    await admin.post('/admin/thresholds').type('form').send({ _csrf: token, flag: '50', hold: '90', modelFlag: '20', modelHold: '99', modelClear: '5' }).expect(303);
    assert.match((await admin.get('/admin')).text, /Seuils du modèle : 50 ≤ signalement/);

    // A generated secret is shown in the answer to the form itself, never through the session.
    const created = (await admin.post('/admin/users').type('form').send({ _csrf: token, email: 'nouveau@journal.example', role: 'moderator', password: '' }).expect(201)).text;
    assert.match(created, /Utilisateur nouveau@journal.example créé. Mot de passe \(affiché une seule fois\) : \S{20}/);

    await admin.post('/admin/apikeys').type('form').send({ _csrf: token, name: 'cms' }).expect(303);
    assert.match((await admin.get('/admin')).text, /Cochez au moins un droit/, 'a key with no scope is refused');
    const page = (await admin.post('/admin/apikeys').type('form').send({ _csrf: token, name: 'cms', scopes: 'ingest' }).expect(201)).text;
    const key = /elle ne sera plus affichée : (crb_\S+?)</.exec(page)?.[1];
    assert.ok(key);
    assert.match(page, /<td>cms<\/td><td><code>crb_\S+…<\/code><\/td><td class="scopes">ingest<\/td>/, 'the list shows the scopes');
    await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment()).expect(201);
    const refused = await request(t.app).get('/api/v1/comments').set('Authorization', `Bearer ${key}`).expect(403);
    assert.equal(refused.body.error.code, 'insufficient_scope');

    await admin.post('/admin/apikeys').type('form').send({ _csrf: token, name: 'archive', scopes: ['read', 'export'] }).expect(201);
    assert.match((await admin.get('/admin')).text, /<td>archive<\/td><td><code>crb_\S+…<\/code><\/td><td class="scopes">read export<\/td>/);
  });
});
