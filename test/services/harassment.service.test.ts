import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { onPostgres } from '../helpers/test-env.js';
import { aComment } from '../helpers/comments.js';
import { createHarassmentService, DEFAULT_AUTO_PREMODERATION } from '../../src/services/harassment.service.js';

describe('the automatic pre-moderation rule under concurrency', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  // SQLite has one connection: its transactions never overlap, so only PostgreSQL can race.
  it('when two transactions evaluate the rule for one author at once, then it fires once', { skip: !onPostgres && 'PostgreSQL only' }, async () => {
    const key = await t.addApiKey();
    const author = { externalId: 'concurrent', name: 'Lecteur concurrent' };
    const batch = [1, 2, 3].map(() => aComment({ author, body: 'Espèce de connard.' }));
    const stored = (await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(batch).expect(201)).body.items as Array<{ id: number }>;
    const ids = stored.map((c) => c.id);
    const now = new Date();
    // Three comments rejected just now, as two moderators' transactions would see them.
    await t.db('comments').whereIn('id', ids).update({ status: 'rejected', decided_at: now });
    const authorId = Number((await t.db('comments').where({ id: ids[0] }).first()).author_id);

    const harassment = createHarassmentService(t.db);
    const first = await t.db.transaction();
    const second = await t.db.transaction();
    const fired = await harassment.applyAutoPremoderation(first, DEFAULT_AUTO_PREMODERATION, { authorId, commentId: ids[1]!, at: now });
    // The second sees the author still `normal` (the first has not committed) and waits on the row.
    const late = harassment.applyAutoPremoderation(second, DEFAULT_AUTO_PREMODERATION, { authorId, commentId: ids[2]!, at: now });
    await first.commit();
    const firedAgain = await late;
    await second.commit();

    assert.equal(fired, 3);
    assert.equal(firedAgain, null);
    const events = await t.db('moderation_events').where({ author_id: authorId, action: 'author_premoderate', actor_type: 'system' });
    assert.equal(events.length, 1);
  });
});
