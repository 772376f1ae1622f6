import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';

describe('the import doors over HTTP', () => {
  let t: TestApp;
  let key: string;
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  const ndjson = (prefix: string) =>
    [
      JSON.stringify({ id: `${prefix}-1`, story_id: 's', author_id: 'u', body: 'Bonjour à tous' }),
      'pas du json',
      JSON.stringify({ id: `${prefix}-2`, story_id: 's', author_id: 'v', body: 'Ta gueule, connard' }),
    ].join('\n');

  it('when a dump is POSTed to the API, then it is streamed in and the report returned', async () => {
    const res = await request(t.app)
      .post('/api/v1/imports?source=api-dump')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson('api'))
      .expect(201);
    assert.deepEqual([res.body.read, res.body.inserted, res.body.rejected], [3, 2, 1]);
    const job = await request(t.app).get(`/api/v1/imports/${res.body.jobId}`).set('Authorization', `Bearer ${key}`).expect(200);
    assert.equal(job.body.status, 'done');
    const rejects = await request(t.app)
      .get(`/api/v1/imports/${res.body.jobId}/rejects`)
      .set('Authorization', `Bearer ${key}`)
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => done(null, text));
      })
      .expect(200);
    assert.equal(rejects.body, 'pas du json\n');
    assert.match(String(rejects.headers['content-disposition']), /attachment; filename="?crible-import-\d+-rejets\.ndjson"?/);
  });

  it('when the dump is gzipped CSV, then it is read as well', async () => {
    const csv = gzipSync(Buffer.from('id;story_id;author_id;body\ngz-1;s;u;Très bon article\n'));
    const res = await request(t.app)
      .post('/api/v1/imports?format=csv&source=gz')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/octet-stream')
      .send(csv)
      .expect(201);
    assert.equal(res.body.inserted, 1);
  });

  it('when the dump is a gzip bomb, then 422 with a clear code, and the job is closed as failed', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, '\n'));
    const res = await request(t.app)
      .post('/api/v1/imports?format=ndjson&source=bomb')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(bomb)
      .expect(422);
    assert.equal(res.body.error.code, 'unreadable_dump');
    assert.match(res.body.error.message, /decompression bomb/);
    const job = await t.db('import_jobs').where({ source: 'bomb' }).first();
    assert.equal(job.status, 'failed');
  });

  it('when the key is missing, then 401; when the format is unknown, then 415', async () => {
    await request(t.app).post('/api/v1/imports').set('Content-Type', 'text/csv').send('id\n1\n').expect(401);
    const res = await request(t.app).post('/api/v1/imports').set('Authorization', `Bearer ${key}`).set('Content-Type', 'text/plain').send('x').expect(415);
    assert.equal(res.body.error.code, 'unsupported_format');
  });

  it('when an admin uploads a file, then the job page shows its report and the rejected rows download', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const page = await admin.get('/admin/imports').expect(200);
    const res = await admin
      .post('/admin/imports')
      .field('_csrf', csrfTokenOf(page.text))
      .field('source', 'upload')
      .attach('file', Buffer.from(ndjson('web')), 'commentaires-été.ndjson')
      .expect(303);
    const jobUrl = String(res.headers.location);
    assert.match(jobUrl, /^\/admin\/imports\/\d+$/);
    let job = await admin.get(jobUrl).expect(200);
    for (let i = 0; i < 50 && /data-status="running"/.test(job.text); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await admin.get(jobUrl);
    }
    assert.match(job.text, /data-status="done"/);
    assert.match(job.text, /commentaires-été\.ndjson/, 'a UTF-8 file name is shown as sent');
    assert.match(job.text, /<strong>2<\/strong> Ajoutés/);
    assert.match(job.text, /<strong>1<\/strong> Rejetés/);
    const rejects = await admin.get(`${jobUrl}/rejects?reasons=1`).expect(200);
    assert.match(rejects.text, /^line,reason,excerpt\n2,"invalid JSON/);
  });

  it('when the form keeps its default format ("from the file name") and the name says nothing, then the format is sniffed and the import runs', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const cases = [
      { name: 'commentaires.ndjson', data: ndjson('auto-name'), added: 2 },
      { name: 'export-sans-extension', data: ndjson('sniff-nd'), added: 2 },
      { name: 'export-tableur', data: 'id;story_id;author_id;body\nsniff-csv-1;s;u;Très bon article\n', added: 1 },
    ];
    for (const { name, data, added } of cases) {
      const page = await admin.get('/admin/imports').expect(200);
      const res = await admin
        .post('/admin/imports')
        .field('_csrf', csrfTokenOf(page.text))
        .field('format', '')
        .field('source', '')
        .attach('file', Buffer.from(data), name)
        .expect(303);
      let job = await admin.get(String(res.headers.location)).expect(200);
      for (let i = 0; i < 50 && /data-status="running"/.test(job.text); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = await admin.get(String(res.headers.location));
      }
      assert.match(job.text, /data-status="done"/, name);
      assert.match(job.text, new RegExp(`<strong>${added}</strong> Ajoutés`), name);
    }
  });

  it('when the upload is a dry run, then the page reports and nothing is stored', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const page = await admin.get('/admin/imports');
    const res = await admin
      .post('/admin/imports')
      .field('_csrf', csrfTokenOf(page.text))
      .field('dryRun', 'on')
      .attach('file', Buffer.from(ndjson('dry')), 'export.ndjson')
      .expect(200);
    assert.match(res.text, /Essai à blanc : rien n’a été enregistré/);
    assert.equal((await t.db('comments').whereLike('external_id', 'dry-%')).length, 0);
  });

  it('when the upload has no CSRF token or comes from a moderator, then it is refused', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    await admin.post('/admin/imports').attach('file', Buffer.from(ndjson('nocsrf')), 'x.ndjson').expect(403);
    const moderator = await signIn(t.app, await t.addUser('moderator'));
    await moderator.get('/admin/imports').expect(403);
    assert.equal((await t.db('comments').whereLike('external_id', 'nocsrf-%')).length, 0);
  });
});
