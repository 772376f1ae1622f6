import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';

describe('what an anonymous visitor can make the server store', () => {
  let t: TestApp;
  let server: Server;
  const sessionRows = async () => Number((await t.db('sessions').count({ n: '*' }).first())?.n);
  before(async () => {
    t = await createTestApp();
    server = createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server.close();
    await t.close();
  });

  it('when 1,000 cookie-less GETs arrive, then no session row is added', async () => {
    const paths = ['/login', '/', '/queue', '/admin', '/nulle-part', '/login?next=/log'];
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => request(server).get(paths[i % paths.length]!)));
    }
    assert.equal(await sessionRows(), 0);
  });

  it('when a visitor signs in with the login page token, then exactly one session is stored, and a foreign token is refused', async () => {
    const user = await t.addUser('moderator');
    const visitor = request.agent(server);
    const token = csrfTokenOf((await visitor.get('/login').expect(200)).text);
    const stranger = request.agent(server);
    await stranger.get('/login').expect(200);
    await stranger.post('/login').type('form').send({ ...user, _csrf: token }).expect(403);
    await request(server).post('/login').type('form').send({ ...user, _csrf: token }).expect(403);
    assert.equal(await sessionRows(), 0);
    await visitor.post('/login').type('form').send({ ...user, _csrf: token }).expect(303);
    assert.equal(await sessionRows(), 1);
    const queue = await visitor.get('/queue').expect(200);
    assert.notEqual(csrfTokenOf(queue.text), token, 'signed in, the forms carry the session token');
  });
});

describe('cross-site requests and caching', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when the browser says a form post comes from another site, then 403 even with the right token', async () => {
    const agent = await signIn(t.app, await t.addUser('moderator'));
    const token = csrfTokenOf((await agent.get('/queue').expect(200)).text);
    await agent.post('/logout').set('Sec-Fetch-Site', 'cross-site').type('form').send({ _csrf: token }).expect(403);
    await agent.post('/logout').set('Sec-Fetch-Site', 'same-site').type('form').send({ _csrf: token }).expect(403);
    await agent.post('/logout').set('Origin', 'https://evil.example').type('form').send({ _csrf: token }).expect(403);
    await agent.post('/logout').set('Origin', 'null').type('form').send({ _csrf: token }).expect(403);
    await agent.get('/queue').expect(200);
    await agent.post('/logout').set('Sec-Fetch-Site', 'same-origin').type('form').send({ _csrf: token }).expect(303);
    await agent.get('/queue').expect(303);
  });

  it('when the Origin is this server, then the post goes through', async () => {
    const agent = await signIn(t.app, await t.addUser('moderator'));
    const token = csrfTokenOf((await agent.get('/queue').expect(200)).text);
    const res = await agent.post('/logout').set('Host', 'crible.example:8080').set('Origin', 'https://crible.example:8080').type('form').send({ _csrf: token });
    assert.equal(res.status, 303);
  });

  it('when a page is shown to a signed-in moderator, then it says Cache-Control: no-store', async () => {
    const agent = await signIn(t.app, await t.addUser('moderator'));
    for (const path of ['/queue', '/log', '/stats']) {
      const res = await agent.get(path).expect(200);
      assert.equal(res.headers['cache-control'], 'no-store', path);
    }
  });
});
