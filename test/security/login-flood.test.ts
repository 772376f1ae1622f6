import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { createTestApp, csrfTokenOf, type TestApp } from '../helpers/test-app.js';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../../src/services/login-throttle.js';

/** One listening server for a burst: supertest would otherwise open a port per request. */
async function listen(t: TestApp): Promise<Server> {
  const server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function loginForm(server: Server) {
  const agent = request.agent(server);
  const token = csrfTokenOf((await agent.get('/login').expect(200)).text);
  return { agent, token };
}

describe('password guessing under concurrency', () => {
  let t: TestApp;
  let server: Server;
  before(async () => {
    t = await createTestApp();
    server = await listen(t);
  });
  after(async () => {
    server.close();
    await t.close();
  });

  it('when 500 wrong passwords for one account arrive at once, each from its own X-Forwarded-For, then at most the allowance is checked and even the right one is refused after', async () => {
    const user = await t.addUser('moderator');
    const { agent, token } = await loginForm(server);
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        agent
          .post('/login')
          .set('X-Forwarded-For', `198.51.${Math.floor(i / 250)}.${i % 250}`)
          .type('form')
          .send({ email: user.email, password: `wrong-${i}`, _csrf: token }),
      ),
    );
    const statuses = responses.map((res) => res.status);
    const checked = statuses.filter((status) => status === 401).length;
    assert.ok(checked <= MAX_FAILURES_PER_ACCOUNT, `${checked} passwords were checked`);
    assert.equal(statuses.filter((status) => status === 429).length, 500 - checked, 'every other attempt is refused unchecked');
    // Whatever the burst used of the allowance, the rest is spent now, then the account is locked.
    for (let i = checked; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await agent.post('/login').type('form').send({ email: user.email, password: 'wrong', _csrf: token }).expect(401);
    }
    await agent.post('/login').type('form').send({ ...user, _csrf: token }).expect(429);
  });
});

describe('the client address the throttle counts', () => {
  it('when no proxy is trusted, then a client-chosen X-Forwarded-For does not give it a fresh address', async () => {
    const t = await createTestApp({ TRUST_PROXY: 'false' });
    const server = await listen(t);
    try {
      const { agent, token } = await loginForm(server);
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
        await agent.post('/login').set('X-Forwarded-For', `203.0.113.${i}`).type('form').send({ email: `nobody${i}@example.test`, password: 'wrong', _csrf: token }).expect(401);
      }
      const other = await t.addUser('moderator');
      await agent.post('/login').set('X-Forwarded-For', '192.0.2.200').type('form').send({ ...other, _csrf: token }).expect(429);
    } finally {
      server.close();
      await t.close();
    }
  });

  it('when the proxy on loopback is trusted (the default), then the address it forwards is the one counted', async () => {
    const t = await createTestApp();
    const server = await listen(t);
    try {
      const { agent, token } = await loginForm(server);
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
        await agent.post('/login').set('X-Forwarded-For', '203.0.113.77').type('form').send({ email: `nobody${i}@example.test`, password: 'wrong', _csrf: token }).expect(401);
      }
      const other = await t.addUser('moderator');
      await agent.post('/login').set('X-Forwarded-For', '203.0.113.77').type('form').send({ ...other, _csrf: token }).expect(429);
      await agent.post('/login').set('X-Forwarded-For', '203.0.113.78').type('form').send({ ...other, _csrf: token }).expect(303);
    } finally {
      server.close();
      await t.close();
    }
  });
});
