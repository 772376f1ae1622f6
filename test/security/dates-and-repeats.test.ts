import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("a comment's time and a batch's repeated ids (same rules on both databases)", () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const stored = async (source: string) => t.db('comments').where({ source }).orderBy('id').select('external_id', 'body', 'created_at');
  before(async () => {
    t = await createTestApp();
    auth = { Authorization: `Bearer ${await t.addApiKey()}` };
  });
  after(() => t.close());

  for (const [what, createdAt, problem] of [
    ['year 0000', '0000-01-01T00:00:00Z', /createdAt is before 1990-01-01/],
    ['the last second of 1989', '1989-12-31T23:59:59Z', /createdAt is before 1990-01-01/],
    ['year 9999', '9999-12-31T23:59:59Z', /createdAt is more than a day in the future/],
    ['two days ahead', inDays(2), /createdAt is more than a day in the future/],
  ] as const) {
    it(`when a comment is dated ${what}, then 400 validation names createdAt and nothing is stored`, async () => {
      const source = `time-${what.replace(/\W/g, '')}`;
      const res = await request(t.app).post('/api/v1/comments').set(auth).send(aComment({ source, createdAt })).expect(400);
      assert.equal(res.body.error.code, 'validation');
      assert.equal(res.body.error.details[0].field, 'createdAt');
      assert.match(res.body.error.details[0].problem, problem);
      assert.deepEqual(await stored(source), []);
    });
  }

  it('when a comment is dated 1990-01-01 or an hour ahead (a fast clock), then it is stored with that time', async () => {
    const soon = inDays(1 / 24);
    await request(t.app).post('/api/v1/comments').set(auth).send([aComment({ source: 'time-ok', createdAt: '1990-01-01T00:00:00Z' }), aComment({ source: 'time-ok', createdAt: soon })]).expect(201);
    const rows = await stored('time-ok');
    assert.deepEqual(rows.map((row) => new Date(row.created_at).toISOString()), ['1990-01-01T00:00:00.000Z', soon]);
  });

  it('when a batch holds the same externalId twice, then 400 duplicate_in_batch names the id and both places, and nothing is stored', async () => {
    const first = aComment({ source: 'repeat', externalId: 'rep-1', body: 'Première version.' });
    const res = await request(t.app)
      .post('/api/v1/comments')
      .set(auth)
      .send([first, aComment({ source: 'repeat' }), { ...first, body: 'Seconde version.' }])
      .expect(400);
    assert.equal(res.body.error.code, 'duplicate_in_batch');
    assert.match(res.body.error.message, /"rep-1" is sent twice \(item 2 repeats item 0\)/);
    assert.deepEqual(res.body.error.details, [{ index: 2, field: 'externalId', problem: 'repeats item 0 (repeat/rep-1)', code: 'duplicate_in_batch' }]);
    assert.deepEqual(await stored('repeat'), []);
  });

  it('when the same externalId comes from two sources in one batch, then both are stored (the identity is source + externalId)', async () => {
    await request(t.app).post('/api/v1/comments').set(auth).send([aComment({ source: 'site-a', externalId: 'same' }), aComment({ source: 'site-b', externalId: 'same' })]).expect(201);
    assert.equal((await stored('site-a')).length + (await stored('site-b')).length, 2);
  });

  it('when a comment comes again in a later request, then the stored one is answered, duplicate: true, nothing added', async () => {
    const comment = aComment({ source: 'again' });
    const created = await request(t.app).post('/api/v1/comments').set(auth).send(comment).expect(201);
    const again = await request(t.app).post('/api/v1/comments').set(auth).send({ ...comment, body: 'Autre texte.' }).expect(200);
    assert.deepEqual([again.body.id, again.body.duplicate], [created.body.id, true]);
    assert.equal((await stored('again')).length, 1);
  });

  it('when an import dates a row out of bounds or repeats an id, then the date is a row error with its line and of a repeat the first row is kept', async () => {
    const rows = [
      aComment({ externalId: 'd-1', body: 'Première.' }),
      aComment({ externalId: 'd-2', createdAt: '9999-01-01T00:00:00Z' }),
      aComment({ externalId: 'd-1', body: 'Seconde.' }),
      aComment({ externalId: 'd-3', createdAt: '0000-06-01T00:00:00Z' }),
      aComment({ externalId: 'd-4', body: 'Quatrième.' }),
    ].map((row) => ({ ...row, source: 'dump-dates' }));
    const res = await request(t.app)
      .post('/api/v1/imports?format=ndjson')
      .set(auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(rows.map((row) => JSON.stringify(row)).join('\n'))
      .expect(201);
    assert.deepEqual([res.body.read, res.body.inserted, res.body.duplicates, res.body.rejected], [5, 2, 1, 2]);
    assert.deepEqual((await stored('dump-dates')).map((row) => [row.external_id, row.body]), [['d-1', 'Première.'], ['d-4', 'Quatrième.']]);
    const rejects = await t.db('import_rejects').where({ job_id: res.body.jobId }).orderBy('line_number');
    assert.deepEqual(rejects.map((r) => [Number(r.line_number), r.reason]), [
      [2, 'created_at: 9999-01-01T00:00:00.000Z is more than a day in the future'],
      [4, 'created_at: 0000-06-01T00:00:00.000Z is before 1990-01-01'],
    ]);
  });
});
