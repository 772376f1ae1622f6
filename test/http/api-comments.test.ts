import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

describe('POST /api/v1/comments', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  const post = (body: unknown) => request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(body as object);

  it('when one civil comment is sent, then it is stored, published and logged as triaged', async () => {
    const comment = aComment();
    const res = await post(comment).expect(201);
    assert.equal(res.body.externalId, comment.externalId);
    assert.equal(res.body.status, 'published');
    assert.equal(res.body.duplicate, false);
    assert.equal(res.body.score, 0);
    const events = await t.db('moderation_events').where({ comment_id: res.body.id });
    assert.equal(events.length, 1);
    assert.equal(events[0].action, 'triage');
    assert.equal(events[0].to_status, 'published');
  });

  it('when only the learned model finds a comment abusive, then it goes to the queue with the words that tipped it', async () => {
    const body = 'T\'as le cerveau d\'une moule.';
    const res = await post(aComment({ body })).expect(201);
    assert.notEqual(res.body.status, 'published');
    assert.equal(res.body.score, 0, 'the score stays the lexicon\'s');
    assert.ok(res.body.matches.length > 0 && res.body.matches.every((m: { source?: string }) => m.source === 'model'));
    for (const m of res.body.matches as Array<{ start: number; end: number; text: string }>) assert.equal(body.slice(m.start, m.end), m.text);
  });

  it('when an insult aimed at a reader is sent, then it is held with its matches and categories', async () => {
    const res = await post(aComment({ body: 'Ferme ta gueule, espèce de connard.' })).expect(201);
    assert.equal(res.body.status, 'held');
    assert.ok(res.body.score >= 0.75);
    assert.equal(res.body.target, 'person');
    assert.ok(res.body.categories.insult > 0);
    const texts = res.body.matches.map((m: { text: string }) => m.text);
    assert.ok(texts.includes('connard'), JSON.stringify(texts));
    const stored = await t.db('comments').where({ id: res.body.id }).first();
    assert.equal(stored.status, 'held');
  });

  it('when a batch is sent, then each item gets its own result in order', async () => {
    const batch = [aComment(), aComment({ body: 'Bande de crétins, vous êtes des abrutis.' }), aComment()];
    const res = await post(batch).expect(201);
    assert.equal(res.body.items.length, 3);
    assert.deepEqual(res.body.items.map((i: { externalId: string }) => i.externalId), batch.map((c) => c.externalId));
    assert.notEqual(res.body.items[1].status, 'published');
  });

  it('when the same comment is sent twice, then the second returns the stored one and adds nothing', async () => {
    const comment = aComment();
    const first = await post(comment).expect(201);
    const second = await post({ ...comment, body: 'Un autre texte' }).expect(200);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.duplicate, true);
    const rows = await t.db('comments').where({ external_id: comment.externalId });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].body, comment.body);
  });

  it('when a reply names its parent, then it is linked and addressing the parent author counts as a target', async () => {
    const parent = await post(aComment({ author: { externalId: 'u-mariam', name: 'Mariam' } })).expect(201);
    const reply = aComment({ parentExternalId: parent.body.externalId, body: 'Mariam tu racontes n’importe quoi, idiote.' });
    const res = await post(reply).expect(201);
    assert.equal(res.body.parentExternalId, parent.body.externalId);
    const stored = await t.db('comments').where({ id: res.body.id }).first();
    assert.equal(Number(stored.parent_id), parent.body.id);
    assert.equal(res.body.target, 'person');
  });

  const invalid: Array<[string, unknown, { index: number | null; field: string; problem: RegExp }]> = [
    ['a missing body', aComment({ body: undefined }), { index: null, field: 'body', problem: /required/ }],
    ['an empty body', aComment({ body: '   ' }), { index: null, field: 'body', problem: /must not be empty/ }],
    ['a body over the limit', aComment({ body: 'a'.repeat(20_001) }), { index: null, field: 'body', problem: /longer than 20000/ }],
    ['an unknown field', aComment({ colour: 'red' }), { index: null, field: 'colour', problem: /unknown field/ }],
    ['a bad date', aComment({ createdAt: 'hier' }), { index: null, field: 'createdAt', problem: /ISO 8601/ }],
    ['a missing author name', aComment({ author: { externalId: 'x' } }), { index: null, field: 'author.name', problem: /required/ }],
    ['a bad item in a batch', [aComment(), aComment({ externalId: '' })], { index: 1, field: 'externalId', problem: /must not be empty/ }],
    ['a non-object', 'bonjour', { index: null, field: '(body)', problem: /./ }],
  ];
  for (const [name, body, expected] of invalid) {
    it(`when the request has ${name}, then 400 names the item, the field and the problem, and nothing is stored`, async () => {
      const before = await t.db('comments').count({ n: '*' }).first();
      const res = await post(body).expect(400);
      assert.equal(res.body.error.code, 'validation');
      const problem = res.body.error.details.find((d: { field: string }) => d.field === expected.field);
      assert.ok(problem, JSON.stringify(res.body.error.details));
      assert.equal(problem.index, expected.index);
      assert.match(problem.problem, expected.problem);
      const afterCount = await t.db('comments').count({ n: '*' }).first();
      assert.equal(Number(afterCount?.n), Number(before?.n));
    });
  }

  it('when the batch has more than 1000 items, then 400', async () => {
    const res = await post(Array.from({ length: 1001 }, () => ({}))).expect(400);
    assert.match(res.body.error.message, /at most 1000/);
  });

  it('when the JSON is malformed, then 400 invalid_json', async () => {
    const res = await request(t.app)
      .post('/api/v1/comments')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send('{"externalId": ')
      .expect(400);
    assert.equal(res.body.error.code, 'invalid_json');
  });

  it('when the body is not valid UTF-8, then 400 invalid_utf8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"body":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await request(t.app)
      .post('/api/v1/comments')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .serialize((data: unknown) => data as string) // send the bytes as they are, not JSON.stringify(Buffer)
      .send(bytes)
      .expect(400);
    assert.equal(res.body.error.code, 'invalid_utf8');
  });

  it('when the request body is over 5 MB, then 413', async () => {
    const res = await request(t.app)
      .post('/api/v1/comments')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ body: 'x'.repeat(6 * 1024 * 1024) }))
      .expect(413);
    assert.equal(res.body.error.code, 'payload_too_large');
  });

  it('when the key is missing, wrong or revoked, then 401', async () => {
    await request(t.app).post('/api/v1/comments').send(aComment()).expect(401);
    await request(t.app).post('/api/v1/comments').set('Authorization', 'Bearer crb_wrong').send(aComment()).expect(401);
    const revoked = await t.addApiKey();
    await t.db('api_keys').whereNotNull('id').orderBy('id', 'desc').limit(1);
    const row = await t.db('api_keys').orderBy('id', 'desc').first();
    await t.db('api_keys').where({ id: row.id }).update({ revoked_at: new Date() });
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${revoked}`).send(aComment()).expect(401);
    assert.equal(res.body.error.code, 'unauthorized');
  });
});

describe('triage by thresholds and author status', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  const post = (body: unknown) => request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(body as object);

  it('when the thresholds change, then the same score is triaged differently', async () => {
    const body = 'Quelle bande de crétins.';
    const before = await post(aComment({ body })).expect(201);
    assert.notEqual(before.body.status, 'published');
    const model = { flag: 0.999, hold: 1, clear: 0 };
    await t.db('settings').insert({ key: 'triage.thresholds', value: JSON.stringify({ flag: 0.995, hold: 0.999, model }), updated_at: new Date() });
    const after = await post(aComment({ body })).expect(201);
    assert.equal(after.body.score, before.body.score);
    assert.equal(after.body.status, 'published');
    await t.db('settings').where({ key: 'triage.thresholds' }).delete();
  });

  it('when the author is pre-moderated, then even a civil comment is held; when banned, rejected', async () => {
    const author = { externalId: 'u-watched', name: 'Surveillé' };
    await post(aComment({ author })).expect(201);
    await t.db('authors').where({ external_id: 'u-watched' }).update({ status: 'premoderated' });
    const held = await post(aComment({ author })).expect(201);
    assert.equal(held.body.status, 'held');
    await t.db('authors').where({ external_id: 'u-watched' }).update({ status: 'banned' });
    const rejected = await post(aComment({ author })).expect(201);
    assert.equal(rejected.body.status, 'rejected');
  });
});

describe('GET /api/v1/comments', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  it('when a comment exists, then GET by id returns it, and an unknown id is 404', async () => {
    const created = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment()).expect(201);
    const res = await request(t.app).get(`/api/v1/comments/${created.body.id}`).set('Authorization', `Bearer ${key}`).expect(200);
    assert.equal(res.body.externalId, created.body.externalId);
    await request(t.app).get('/api/v1/comments/999999').set('Authorization', `Bearer ${key}`).expect(404);
  });

  it('when listing by status with a small limit, then the cursor walks every comment once', async () => {
    const batch = Array.from({ length: 7 }, () => aComment({ body: 'Espèce de crétin.' }));
    await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(batch).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { status: 'held,flagged', limit: '3' };
      if (cursor) query.cursor = cursor;
      const res = await request(t.app).get('/api/v1/comments').query(query).set('Authorization', `Bearer ${key}`).expect(200);
      for (const item of res.body.items) {
        assert.ok(['held', 'flagged'].includes(item.status));
        seen.push(item.externalId);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual([...seen].sort(), batch.map((c) => String(c.externalId)).sort());
  });

  it('when updatedSince is in the future, then nothing; with a bad cursor, then 400', async () => {
    const res = await request(t.app)
      .get('/api/v1/comments')
      .query({ updatedSince: '2999-01-01T00:00:00Z' })
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    assert.deepEqual(res.body.items, []);
    await request(t.app).get('/api/v1/comments').query({ cursor: 'garbage' }).set('Authorization', `Bearer ${key}`).expect(400);
  });
});
