import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('undoing decisions and the ban that rejects pending comments', () => {
  let t: TestApp;
  let key: string;
  let moderator: Agent;
  let other: Agent;
  let token: string;
  let otherToken: string;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
    other = await signIn(t.app, await t.addUser('moderator'));
    token = csrfTokenOf((await moderator.get('/queue')).text);
    otherToken = csrfTokenOf((await other.get('/queue')).text);
  });
  after(() => t.close());

  async function ingest(overrides: Record<string, unknown> = {}) {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment(overrides)).expect(201);
    return res.body as { id: number; status: string };
  }

  const undoLast = (agent: Agent, csrf: string) => agent.post('/decisions/undo-last').set('Accept', 'application/json').type('form').send({ _csrf: csrf });

  it('when a bulk rejection of three is undone, then all three return and the message counts them', async () => {
    const ids = [];
    for (const letter of ['A', 'B', 'C']) ids.push((await ingest({ body: `Espèce de connard ${letter}.` })).id);
    const items = ids.map((id) => `items=${id}:1`).join('&');
    await moderator.post('/queue/bulk').set('Accept', 'application/json').type('form').send(`_csrf=${encodeURIComponent(token)}&action=reject&reason=insulte&${items}`).expect(200);
    const res = await undoLast(moderator, token).expect(200);
    assert.equal(res.body.message, 'Annulé : le rejet groupé de 3 commentaires ; ils sont de nouveau dans leur file.');
    assert.deepEqual([...res.body.result.commentIds].sort(), [...ids].sort());
    const statuses = await t.db('comments').whereIn('id', ids).pluck('status');
    assert.deepEqual(statuses, ['held', 'held', 'held']);
    assert.equal((await t.db('moderation_events').whereIn('comment_id', ids).where({ action: 'undo' })).length, 3);
  });

  it('when a comment of a bulk decision was decided again by someone else, then undo leaves it and says so', async () => {
    const a = await ingest({ body: 'Espèce de connard D.' });
    const b = await ingest({ body: 'Espèce de connard E.' });
    await moderator.post('/queue/bulk').set('Accept', 'application/json').type('form').send(`_csrf=${encodeURIComponent(token)}&action=approve&items=${a.id}:1&items=${b.id}:1`).expect(200);
    // Someone else decides b again since: undo must not overwrite their decision.
    const stored = await t.db('comments').where({ id: b.id }).first();
    await other.post(`/comments/${b.id}/decision`).type('form').send({ _csrf: otherToken, action: 'reject', reason: 'spam', version: stored.version }).expect(303);
    const res = await undoLast(moderator, token).expect(200);
    assert.match(res.body.message, /^Annulé : l’approbation du commentaire de .+ ; il est de nouveau retenu\. 1 commentaire, repris depuis par quelqu’un d’autre, est resté tel quel\.$/);
    assert.equal((await t.db('comments').where({ id: a.id }).first()).status, 'held');
    assert.equal((await t.db('comments').where({ id: b.id }).first()).status, 'rejected');
  });

  it('when there is nothing to undo, then 400 with a French message', async () => {
    const fresh = await signIn(t.app, await t.addUser('moderator'));
    const csrf = csrfTokenOf((await fresh.get('/queue')).text);
    const res = await undoLast(fresh, csrf).expect(400);
    assert.equal(res.body.error.message, 'Aucune décision à annuler.');
  });

  it('when an author is banned with their pending comments rejected, then those rejections carry the moderator’s reason and note', async () => {
    const author = { externalId: 'u-ban-note', name: 'Banni Noté' };
    const pending = await ingest({ author, body: 'Espèce de connard.' });
    const authorId = (await t.db('authors').where({ external_id: 'u-ban-note' }).first()).id;
    await moderator
      .post(`/authors/${authorId}/status`)
      .type('form')
      .send({ _csrf: token, status: 'banned', rejectPending: 'on', reason: 'harcelement', note: 'Campagne contre une journaliste' })
      .expect(303);
    const event = await t.db('moderation_events').where({ comment_id: pending.id, action: 'reject' }).first();
    assert.equal(event.reason_code, 'harcelement');
    assert.equal(event.note, 'Campagne contre une journaliste');
  });
});
