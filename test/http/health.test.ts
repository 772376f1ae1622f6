import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp } from '../helpers/test-app.js';

describe('GET /healthz', () => {
  it('when the database answers, then 200 ok', async () => {
    const t = await createTestApp();
    try {
      const res = await request(t.app).get('/healthz').expect(200);
      assert.deepEqual(res.body, { status: 'ok', database: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('when the database is gone, then 503 with a clean JSON error', async () => {
    const t = await createTestApp();
    await t.db.destroy();
    try {
      const res = await request(t.app).get('/healthz').expect(503);
      assert.deepEqual(res.body, { status: 'error', database: 'unreachable' });
    } finally {
      await t.testEnv.cleanup();
    }
  });
});
