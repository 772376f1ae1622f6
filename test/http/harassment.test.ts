import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

const DAY = 86_400_000;
const TOXIC = 'Espèce de connard.';
const BENIGN = 'Merci pour cet article très complet.';

describe('the harassment picture', () => {
  let t: TestApp;
  let key: string;
  let moderator: Agent;
  let admin: Agent;
  let token: string;
  let adminToken: string;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
    admin = await signIn(t.app, await t.addUser('admin'));
    token = csrfTokenOf((await moderator.get('/queue')).text);
    adminToken = csrfTokenOf((await admin.get('/admin')).text);
  });
  after(() => t.close());
  // Settings are shared by the whole file: every test starts from the defaults.
  afterEach(async () => {
    await t.db('settings').whereIn('key', ['harassment.autoPremoderation', 'harassment.pileOn']).delete();
  });

  /** A fresh author of this test: each call of `write` posts one comment by them. */
  function anAuthor(name = `Lecteur ${randomUUID().slice(0, 8)}`) {
    const author = { externalId: `u-${randomUUID()}`, name };
    return {
      async write(body = TOXIC, overrides: Record<string, unknown> = {}) {
        const res = await request(t.app)
          .post('/api/v1/comments')
          .set('Authorization', `Bearer ${key}`)
          .send(aComment({ author, body, ...overrides }))
          .expect(201);
        const stored = await t.db('comments').where({ id: res.body.id }).first();
        return { id: Number(res.body.id), version: Number(res.body.version), status: String(res.body.status), externalId: String(res.body.externalId), authorId: Number(stored.author_id) };
      },
    };
  }

  const reject = (comment: { id: number; version: number }) =>
    moderator
      .post(`/comments/${comment.id}/decision`)
      .type('form')
      .send({ _csrf: token, action: 'reject', reason: 'harcelement', version: comment.version })
      .expect(303);

  const authorRow = (id: number) => t.db('authors').where({ id }).first();
  const systemEvents = (authorId: number) =>
    t.db('moderation_events').where({ author_id: authorId, action: 'author_premoderate', actor_type: 'system' }).orderBy('id');
  /** Moves the decision of these comments back in time, as if they had been rejected `days` ago. */
  const decidedDaysAgo = (ids: number[], days: number) =>
    t.db('comments').whereIn('id', ids).update({ decided_at: new Date(Date.now() - days * DAY) });

  async function writeMany(author: ReturnType<typeof anAuthor>, n: number) {
    const comments = [];
    for (let i = 0; i < n; i++) comments.push(await author.write(`${TOXIC} (${i})`));
    return comments;
  }

  describe('automatic pre-moderation', () => {
    it('when a rejection brings an author to exactly 3 in 7 days, then they are pre-moderated by a system event; at 2, not', async () => {
      const author = anAuthor();
      const [a, b, c] = await writeMany(author, 3);
      await reject(a!);
      await reject(b!);
      assert.equal((await authorRow(a!.authorId)).status, 'normal', 'two rejections are not enough');
      assert.equal((await systemEvents(a!.authorId)).length, 0);
      await reject(c!);
      assert.equal((await authorRow(a!.authorId)).status, 'premoderated');
      assert.match((await moderator.get('/queue')).text, /Commentaire rejeté\. Lecteur \w+ passe en prémodération automatique/, 'the moderator is told');
      const [event, ...more] = await systemEvents(a!.authorId);
      assert.equal(more.length, 0);
      assert.equal(event.actor_user_id, null);
      assert.equal(event.comment_id, null, 'the comment history keeps only its own status changes');
      assert.equal(event.from_status, 'normal');
      assert.equal(event.to_status, 'premoderated');
      assert.match(event.note, /^Règle automatique : 3 rejets en 7 jours \(seuil 3\), dernier : commentaire \d+$/);
      assert.equal((await t.db('comments').where({ id: c!.id }).first()).status, 'rejected');
      // The comment's own history still ends with the moderator's rejection, so undo finds it.
      const last = await t.db('moderation_events').where({ comment_id: c!.id }).orderBy('id', 'desc').first();
      assert.equal(last.action, 'reject');
      // From now on, the author's comments wait for a moderator, whatever their score.
      assert.equal((await author.write(BENIGN)).status, 'held');
    });

    it('when the earlier rejections are older than the window, then the rule does not fire; inside it, it does', async () => {
      const old = anAuthor();
      const [a, b, c] = await writeMany(old, 3);
      await reject(a!);
      await reject(b!);
      await decidedDaysAgo([a!.id, b!.id], 8);
      await reject(c!);
      assert.equal((await authorRow(a!.authorId)).status, 'normal');
      assert.equal((await systemEvents(a!.authorId)).length, 0);

      const recent = anAuthor();
      const [d, e, f] = await writeMany(recent, 3);
      await reject(d!);
      await reject(e!);
      await decidedDaysAgo([d!.id, e!.id], 6);
      await reject(f!);
      assert.equal((await authorRow(d!.authorId)).status, 'premoderated');
    });

    it('when the author is banned or already pre-moderated, then the rule leaves them as they are', async () => {
      for (const status of ['banned', 'premoderated'] as const) {
        const author = anAuthor();
        const comments = await writeMany(author, 3);
        const authorId = comments[0]!.authorId;
        await moderator.post(`/authors/${authorId}/status`).type('form').send({ _csrf: token, status }).expect(303);
        for (const comment of comments) await reject(comment);
        assert.equal((await authorRow(authorId)).status, status);
        assert.equal((await systemEvents(authorId)).length, 0);
        assert.equal((await t.db('comments').where({ author_id: authorId, status: 'rejected' })).length, 3);
      }
    });

    it('when an admin restores the author, then only rejections after the restore count', async () => {
      const author = anAuthor();
      const comments = await writeMany(author, 6);
      const authorId = comments[0]!.authorId;
      for (const comment of comments.slice(0, 3)) await reject(comment);
      assert.equal((await authorRow(authorId)).status, 'premoderated');
      await admin.post(`/authors/${authorId}/status`).type('form').send({ _csrf: adminToken, status: 'normal' }).expect(303);
      assert.equal((await authorRow(authorId)).status, 'normal');
      await reject(comments[3]!);
      await reject(comments[4]!);
      assert.equal((await authorRow(authorId)).status, 'normal', 'five rejections in the window, but two since the restore');
      await reject(comments[5]!);
      assert.equal((await authorRow(authorId)).status, 'premoderated');
      assert.equal((await systemEvents(authorId)).length, 2);
    });

    it('when the rejections come from a bulk decision, then the rule fires once, in the same path', async () => {
      const author = anAuthor();
      const comments = await writeMany(author, 4);
      const res = await moderator
        .post('/queue/bulk')
        .set('Accept', 'application/json')
        .type('form')
        .send({ _csrf: token, action: 'reject', reason: 'insulte', items: comments.map((c) => `${c.id}:${c.version}`) })
        .expect(200);
      assert.equal(res.body.result.autoPremoderated.length, 1);
      assert.match(res.body.message, /^4 commentaires traités\. Lecteur \w+ passe en prémodération automatique/);
      assert.equal((await t.db('comments').whereIn('id', comments.map((c) => c.id)).where({ status: 'rejected' })).length, 4);
      assert.equal((await authorRow(comments[0]!.authorId)).status, 'premoderated');
      assert.equal((await systemEvents(comments[0]!.authorId)).length, 1, 'the fourth rejection finds the author already pre-moderated');
    });

    it('when the rejection that fired the rule is undone, then the pre-moderation stays until someone restores', async () => {
      const author = anAuthor();
      const comments = await writeMany(author, 3);
      for (const comment of comments) await reject(comment);
      await moderator.post(`/comments/${comments[2]!.id}/undo`).type('form').send({ _csrf: token }).expect(303);
      assert.equal((await t.db('comments').where({ id: comments[2]!.id }).first()).status, comments[2]!.status);
      assert.equal((await authorRow(comments[0]!.authorId)).status, 'premoderated');
    });

    it('when an admin disables or changes the rule, then it follows the new setting; bad values are refused', async () => {
      await admin.post('/admin/harassment/rule').type('form').send({ _csrf: adminToken, rejections: '3', days: '7' }).expect(303);
      const off = await writeMany(anAuthor(), 3);
      for (const comment of off) await reject(comment);
      assert.equal((await authorRow(off[0]!.authorId)).status, 'normal', 'the rule is off');

      await admin.post('/admin/harassment/rule').type('form').send({ _csrf: adminToken, enabled: 'on', rejections: '2', days: '1' }).expect(303);
      const page = (await admin.get('/admin').expect(200)).text;
      assert.match(page, /name="rejections" [^>]*value="2"/);
      assert.match(page, /name="days" [^>]*value="1"/);
      const two = anAuthor();
      const [a, b] = await writeMany(two, 2);
      await reject(a!);
      assert.equal((await authorRow(a!.authorId)).status, 'normal');
      await reject(b!);
      assert.equal((await authorRow(a!.authorId)).status, 'premoderated');
      assert.match((await systemEvents(a!.authorId))[0].note, /2 rejets en 1 jours \(seuil 2\)/);

      for (const bad of [{ rejections: '0', days: '7' }, { rejections: '2.5', days: '7' }, { rejections: '3', days: '400' }]) {
        await admin.post('/admin/harassment/rule').type('form').send({ _csrf: adminToken, enabled: 'on', ...bad }).expect(303);
        assert.match((await admin.get('/admin')).text, /un nombre entier entre 1 et/);
      }
      await admin.post('/admin/harassment/rule').type('form').send({ _csrf: adminToken, enabled: 'on', rejections: 'abc', days: '7' }).expect(400);
      assert.match((await admin.get('/admin')).text, /name="rejections" [^>]*value="2"/, 'nothing was saved');
      await moderator.post('/admin/harassment/rule').type('form').send({ _csrf: token, enabled: 'on', rejections: '1', days: '1' }).expect(403);
    });
  });

  describe('author panel', () => {
    it('when an author has comments, queued ones and rejections at several ages, then the figures are exact', async () => {
      const author = anAuthor();
      const [recent, tenDays, fortyDays, waiting] = await writeMany(author, 4);
      const benign = await author.write(BENIGN);
      assert.equal(benign.status, 'published');
      await reject(tenDays!);
      await decidedDaysAgo([tenDays!.id], 10);
      await reject(fortyDays!);
      await decidedDaysAgo([fortyDays!.id], 40);
      await reject(recent!);
      assert.equal(waiting!.status === 'flagged' || waiting!.status === 'held', true);

      const page = (await moderator.get(`/authors/${recent!.authorId}`).expect(200)).text;
      assert.match(page, /data-figure="comments">5</);
      assert.match(page, /data-figure="flagged-rate">80 %</);
      assert.match(page, /data-figure="rejected-7">1</);
      assert.match(page, /data-figure="rejected-30">2</);
      assert.doesNotMatch(page, /Prémodéré automatiquement/);
      // The card's author line carries the recent rejections too.
      assert.match(page, /3 rejetés \(dont 1 en 7 j\)/);
    });

    it('when the rule put the author on pre-moderation, then the panel says so until an admin restores them', async () => {
      const author = anAuthor();
      const comments = await writeMany(author, 3);
      for (const comment of comments) await reject(comment);
      const authorId = comments[0]!.authorId;
      const page = (await moderator.get(`/authors/${authorId}`).expect(200)).text;
      assert.match(page, /Prémodéré automatiquement le \d\d\/\d\d\/\d{4}/);
      assert.match(page, /Règle automatique : 3 rejets en 7 jours/);
      assert.match(page, /Crible \(automatique\)/, 'the event list names the system as the actor');
      await admin.post(`/authors/${authorId}/status`).type('form').send({ _csrf: adminToken, status: 'normal' }).expect(303);
      assert.doesNotMatch((await moderator.get(`/authors/${authorId}`)).text, /Prémodéré automatiquement/);
    });

    it('when an author has no triaged comment, then the flagged rate reads as a dash', async () => {
      const externalId = `u-${randomUUID()}`;
      await t.db('authors').insert({ source: 'test-site', external_id: externalId, name: 'Sans commentaire', status: 'normal', created_at: new Date(), updated_at: new Date() });
      const id = Number((await t.db('authors').where({ external_id: externalId }).first()).id);
      const page = (await moderator.get(`/authors/${id}`).expect(200)).text;
      assert.match(page, /data-figure="comments">0</);
      assert.match(page, /data-figure="flagged-rate">—</);
    });
  });

  describe('pile-on alerts', () => {
    /** A target's comment, then one toxic reply from each of `repliers` authors, `spacing` minutes apart, ending now. */
    async function pileOn(targetName: string, repliers: number, spacing = 5) {
      const target = anAuthor(targetName);
      const end = Date.now();
      const original = await target.write(BENIGN, { createdAt: new Date(end - 3 * 3600_000).toISOString() });
      const replies = [];
      for (let i = 0; i < repliers; i++) {
        const createdAt = new Date(end - (repliers - 1 - i) * spacing * 60_000).toISOString();
        const reply = await anAuthor().write(`Ferme-la, espèce de connard (${i}).`, { parentExternalId: original.externalId, createdAt });
        assert.ok(reply.status === 'flagged' || reply.status === 'held', 'the reply waits for review');
        replies.push(reply);
      }
      return { original, replies };
    }

    const alertOf = (html: string, name: string) => {
      const start = html.indexOf(`Possible acharnement contre ${name}`);
      return start < 0 ? null : html.slice(start, html.indexOf('</section>', start));
    };

    it('when three authors send flagged replies to one person within the hour, then the queue shows one alert for them', async () => {
      const name = `Marie ${randomUUID().slice(0, 6)}`;
      const { original, replies } = await pileOn(name, 3, 10);
      const html = (await moderator.get('/queue').expect(200)).text;
      const alert = alertOf(html, name);
      assert.ok(alert, 'the alert is on the queue');
      assert.match(alert!, new RegExp(`^Possible acharnement contre ${name} : 3 réponses signalées de 3 auteurs en 20 min`));
      assert.ok(alert!.includes(`href="/authors/${original.authorId}"`));
      for (const reply of replies) assert.ok(alert!.includes(`name="items" value="${reply.id}:${reply.version}"`));
      assert.ok(html.indexOf('Possible acharnement') < html.indexOf('id="cards"'), 'at the top of the queue');
      assert.equal(alertOf((await moderator.get('/queue?after=2_999999999')).text, name), null, 'the next pages do without it');
    });

    it('when only two authors reply, or the replies span more than the window, then no alert', async () => {
      const fewer = `Paul ${randomUUID().slice(0, 6)}`;
      await pileOn(fewer, 2);
      const slow = `Jeanne ${randomUUID().slice(0, 6)}`;
      await pileOn(slow, 3, 31);
      const html = (await moderator.get('/queue')).text;
      assert.equal(alertOf(html, fewer), null);
      assert.equal(alertOf(html, slow), null);
    });

    it('when an admin changes the thresholds, then the alert follows them', async () => {
      const name = `Luc ${randomUUID().slice(0, 6)}`;
      await pileOn(name, 3);
      await admin.post('/admin/harassment/pile-on').type('form').send({ _csrf: adminToken, replies: '4', authors: '3', minutes: '60' }).expect(303);
      assert.equal(alertOf((await moderator.get('/queue')).text, name), null);
      await admin.post('/admin/harassment/pile-on').type('form').send({ _csrf: adminToken, replies: '2', authors: '2', minutes: '5' }).expect(303);
      assert.ok(alertOf((await moderator.get('/queue')).text, name), 'two replies 5 minutes apart reach 2 in 5 minutes');
      await admin.post('/admin/harassment/pile-on').type('form').send({ _csrf: adminToken, replies: '2', authors: '3', minutes: '60' }).expect(303);
      assert.match((await admin.get('/admin')).text, /au moins autant de réponses que d’auteurs distincts/);
    });

    it('when the moderator uses the alert’s one decision, then every comment of the pile-on is rejected and logged', async () => {
      const name = `Inès ${randomUUID().slice(0, 6)}`;
      const { replies } = await pileOn(name, 3);
      const alert = alertOf((await moderator.get('/queue')).text, name)!;
      const items = [...alert.matchAll(/name="items" value="([\d:]+)"/g)].map((m) => m[1]!);
      assert.equal(items.length, 3);
      await moderator.post('/queue/bulk').type('form').send({ _csrf: token, action: 'reject', reason: 'harcelement', items }).expect(303);
      const ids = replies.map((r) => r.id);
      const stored = await t.db('comments').whereIn('id', ids);
      assert.deepEqual(stored.map((c) => c.status), ['rejected', 'rejected', 'rejected']);
      const events = await t.db('moderation_events').whereIn('comment_id', ids).where({ action: 'reject', reason_code: 'harcelement', actor_type: 'user' });
      assert.equal(events.length, 3);
      assert.equal(alertOf((await moderator.get('/queue')).text, name), null, 'decided comments no longer alert');
    });

    it('when replies and @mentions aim at the same person, then they form one alert, and hostile names stay text', async () => {
      const name = `<b>Zoé</b> ${randomUUID().slice(0, 4)}`;
      const { original } = await pileOn(name, 2);
      const mention = `@${name.replace(/[^\p{L}\p{N}]/gu, '')}`;
      await anAuthor().write(`${mention} espèce de connard`, { createdAt: new Date().toISOString() });
      const html = (await moderator.get('/queue')).text;
      const escaped = name.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      const alert = alertOf(html, escaped);
      assert.ok(alert, 'two replies and one mention make three');
      assert.match(alert!, / : 3 réponses signalées de 3 auteurs/);
      assert.ok(alert!.includes(`href="/authors/${original.authorId}"`));
      assert.doesNotMatch(html, /<b>Zoé<\/b>/);
    });
  });
});
