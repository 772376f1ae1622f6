import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

describe('a new API key or generated password is shown once and never stored in clear', () => {
  let t: TestApp;
  const sessionData = async () => (await t.db('sessions').pluck('data')).join('\n');
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when an admin creates a key, then the answer shows it, no session row holds it, and the next page no longer shows it', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const token = csrfTokenOf((await admin.get('/admin').expect(200)).text);
    const res = await admin.post('/admin/apikeys').type('form').send({ _csrf: token, name: 'cms', scopes: 'ingest' }).expect(201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const key = /elle ne sera plus affichée : (crb_[\w-]+)/.exec(res.text)?.[1];
    assert.ok(key, 'the key is in the answer');
    assert.doesNotMatch(await sessionData(), /crb_/);
    assert.doesNotMatch((await admin.get('/admin').expect(200)).text, new RegExp(key));
    await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment()).expect(201);
  });

  it('when an admin adds a user without a password, then the generated one is in the answer only and signs in', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const token = csrfTokenOf((await admin.get('/admin').expect(200)).text);
    const res = await admin.post('/admin/users').type('form').send({ _csrf: token, email: 'genere@journal.example', role: 'moderator', password: '' }).expect(201);
    const password = /Mot de passe \(affiché une seule fois\) : (\S{20})/.exec(res.text)?.[1];
    assert.ok(password);
    assert.doesNotMatch(await sessionData(), new RegExp(password));
    assert.doesNotMatch((await admin.get('/admin').expect(200)).text, new RegExp(password));
    await signIn(t.app, { email: 'genere@journal.example', password });
  });
});
