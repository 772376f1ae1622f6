import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.js';
import { loadConfig } from '../../src/config.js';

const TOKEN = 'scrape-token-0123456789-abcdefghijklmnop';

describe('who may read /metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  after(() => t.close());

  it('when nobody authenticates, then 401 with a Bearer challenge and no figure', async () => {
    const res = await request(t.app).get('/metrics').expect(401);
    assert.match(String(res.headers['www-authenticate']), /^Bearer /);
    assert.doesNotMatch(res.text, /crible_/);
  });

  it('when a signed-in admin asks, then still 401: the session is not a scraper credential', async () => {
    const agent = await signIn(t.app, await t.addUser('admin'));
    await agent.get('/metrics').expect(401);
  });

  it('when the key lacks the metrics scope, then 403 insufficient_scope', async () => {
    const key = await t.addApiKey(['ingest', 'read', 'export', 'import']);
    const res = await request(t.app).get('/metrics').set('Authorization', `Bearer ${key}`).expect(403);
    assert.equal(res.body.error.code, 'insufficient_scope');
  });

  it('when a key with the metrics scope, or the configured token, is sent, then 200 with the counters', async () => {
    const key = await t.addApiKey(['metrics']);
    const byKey = await request(t.app).get('/metrics').set('Authorization', `Bearer ${key}`).expect(200);
    assert.match(byKey.text, /^crible_queue_size \d+$/m);
    const byToken = await request(t.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    assert.match(byToken.text, /^crible_queue_size \d+$/m);
  });

  it('when a wrong token or a revoked metrics key is sent, then 401', async () => {
    await request(t.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    const key = await t.addApiKey(['metrics']);
    const [{ id }] = await t.db('api_keys').orderBy('id', 'desc').limit(1).select('id');
    await t.services.repos.apiKeys.revoke(Number(id));
    await request(t.app).get('/metrics').set('Authorization', `Bearer ${key}`).expect(401);
  });
});

describe('METRICS_TOKEN in the configuration', () => {
  it('when it is shorter than 32 characters, then the configuration is refused', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be at least 32 characters/);
  });
});
