import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as scopesMigration from '../../migrations/20261207000020_api_key_scopes.js';
import { generateApiKey } from '../../src/security/api-keys.js';
import { aComment } from '../helpers/comments.js';

describe('API keys made before scopes existed', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when the scopes migration runs over an existing key, then that key keeps every power it had', async () => {
    await scopesMigration.down(t.db);
    const old = generateApiKey();
    await t.db('api_keys').insert({ name: 'old-cms', prefix: old.prefix, key_hash: old.hash, created_at: new Date() });
    await scopesMigration.up(t.db);
    assert.deepEqual(await t.db('api_keys').pluck('scopes'), ['ingest read export import metrics']);
    const auth = { Authorization: `Bearer ${old.key}` };
    await request(t.app).post('/api/v1/comments').set(auth).send(aComment()).expect(201);
    await request(t.app).get('/api/v1/comments').set(auth).expect(200);
    await request(t.app).get('/api/v1/stats').set(auth).expect(200);
    await request(t.app).get('/api/v1/moderation-log?format=ndjson').set(auth).expect(200);
    await request(t.app).get('/api/v1/imports/999').set(auth).expect(404);
  });
});
