import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';

describe('signing in and out', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when there is no session, then pages redirect to the login page and back', async () => {
    const res = await request(t.app).get('/').expect(303);
    assert.equal(res.headers.location, '/login?next=%2F');
    const queue = await request(t.app).get('/queue?view=held').expect(303);
    assert.equal(queue.headers.location, '/login?next=%2Fqueue%3Fview%3Dheld');
  });

  it('when the login page is shown, then its form carries a CSRF token and the cookie is HttpOnly and SameSite', async () => {
    const res = await request(t.app).get('/login').expect(200);
    assert.match(res.text, /<form method="post" action="\/login">/);
    assert.ok(csrfTokenOf(res.text).length >= 32);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  it('when a form is posted without its CSRF token, then 403 and no session', async () => {
    const user = await t.addUser('moderator');
    const agent = request.agent(t.app);
    await agent.get('/login').expect(200);
    const res = await agent.post('/login').type('form').send(user).expect(403);
    assert.match(res.text, /Le formulaire a expiré/);
    await agent.get('/').expect(303);
  });

  it('when an account has 10 failed sign-ins, then even the right password is refused with 429, and other accounts still sign in', async () => {
    const user = await t.addUser('moderator');
    const agent = request.agent(t.app);
    const token = csrfTokenOf((await agent.get('/login').expect(200)).text);
    const attempt = (password: string) => agent.post('/login').type('form').send({ email: user.email, password, _csrf: token });
    for (let i = 0; i < 9; i++) await attempt(`wrong-${i}`).expect(401);
    // A success clears the account's failures: nine more wrong ones are still only 401.
    await attempt(user.password).expect(303);
    const again = request.agent(t.app);
    const againToken = csrfTokenOf((await again.get('/login').expect(200)).text);
    const retry = (password: string) => again.post('/login').type('form').send({ email: user.email.toUpperCase(), password, _csrf: againToken });
    for (let i = 0; i < 10; i++) await retry(`wrong-${i}`).expect(401);
    const blocked = await retry(user.password).expect(429);
    assert.match(blocked.text, /Trop de tentatives de connexion/);
    await signIn(t.app, await t.addUser('moderator'));
  });

  it('when the password is wrong, then 401 with a message and the e-mail kept', async () => {
    const user = await t.addUser('moderator');
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: user.email, password: 'wrong-password', _csrf: csrfTokenOf(page.text) })
      .expect(401);
    assert.match(res.text, /Adresse e-mail ou mot de passe incorrect/);
    assert.match(res.text, new RegExp(`value="${user.email}"`));
  });

  it('when the credentials are right, then the queue shows, and after logout it does not', async () => {
    const user = await t.addUser('admin');
    const agent = await signIn(t.app, user);
    const root = await agent.get('/').expect(303);
    assert.equal(root.headers.location, '/queue');
    const home = await agent.get('/queue').expect(200);
    assert.match(home.text, /À traiter/);
    const sessions = await t.db('sessions').count({ n: '*' }).first();
    assert.ok(Number(sessions?.n) >= 1, 'the session is kept in the database, shared by every instance');
    assert.match(home.text, /Administrateur/);
    await agent.post('/logout').type('form').send({ _csrf: csrfTokenOf(home.text) }).expect(303);
    await agent.get('/queue').expect(303);
  });

  it('when the login says next=//evil.example, then it still lands on this site', async () => {
    const user = await t.addUser('moderator');
    const agent = request.agent(t.app);
    const page = await agent.get('/login?next=//evil.example/x');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ ...user, next: '//evil.example/x', _csrf: csrfTokenOf(page.text) })
      .expect(303);
    assert.equal(res.headers.location, '/');
  });

  it('when a page does not exist, then a French 404 page', async () => {
    const res = await request(t.app).get('/nulle-part').expect(404);
    assert.match(res.text, /Page introuvable/);
  });
});
