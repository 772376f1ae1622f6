import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import request from 'supertest';
import ejs from 'ejs';
import express from 'express';
import type { Writable } from 'node:stream';
import { errorHandler } from '../../src/http/errors.js';
import { createLogger } from '../../src/logger.js';
import type { AccountsService } from '../../src/services/accounts.service.js';
import type { ExportService } from '../../src/services/export.service.js';
import { parse } from 'csv-parse/sync';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';
import { messages } from '../../src/http/messages.fr.js';
import { exportMessages } from '../../src/http/messages.export.fr.js';
import { apiExportRoutes } from '../../src/http/routes/export.routes.js';
import { viewsDir } from '../../src/paths.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('the export endpoints', () => {
  let t: TestApp;
  let key: string;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let moderator: Awaited<ReturnType<typeof signIn>>;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    admin = await signIn(t.app, await t.addUser('admin'));
    moderator = await signIn(t.app, await t.addUser('moderator'));
    const batch = [
      aComment({ body: 'Espèce de connard.' }),
      aComment({ body: '=HYPERLINK("http://evil.example","clic")' }),
      aComment({ body: 'Merci pour cet article.' }),
    ];
    await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(batch).expect(201);
  });
  after(() => t.close());

  it('when no API key or a wrong one is given, then 401 and no export', async () => {
    for (const url of ['/api/v1/moderation-log', '/api/v1/comments/export']) {
      const res = await request(t.app).get(url).expect(401);
      assert.equal(res.body.error.code, 'unauthorized');
      assert.equal(res.headers['content-disposition'], undefined);
      await request(t.app).get(url).set('Authorization', 'Bearer crb_wrong').expect(401);
    }
  });

  it('when the log is asked with a key, then a CSV attachment named after the day streams back', async () => {
    const res = await request(t.app).get('/api/v1/moderation-log').set('Authorization', `Bearer ${key}`).expect(200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['content-disposition'], `attachment; filename="crible-moderation-log-${today()}.csv"`);
    const records = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    assert.equal(records.length, 3);
    assert.ok(records.every((r) => r.action === 'triage' && r.who === 'system'));
    assert.ok(records.some((r) => r.body === `'=HYPERLINK("http://evil.example","clic")`));
  });

  it('when the comments are asked as NDJSON or JSON with options, then the type and name follow the format', async () => {
    const ndjson = await request(t.app)
      .get('/api/v1/comments/export?format=ndjson&status=held,flagged,published')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    assert.equal(ndjson.headers['content-type'], 'application/x-ndjson; charset=utf-8');
    assert.equal(ndjson.headers['content-disposition'], `attachment; filename="crible-comments-${today()}.ndjson"`);
    assert.equal(ndjson.text.trimEnd().split('\n').length, 3);
    const json = await request(t.app).get('/api/v1/moderation-log?format=json').set('Authorization', `Bearer ${key}`).buffer(true).expect(200);
    assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(JSON.parse(json.text).length, 3);
    const excel = await request(t.app)
      .get(`/api/v1/comments/export?bom=1&delimiter=${encodeURIComponent(';')}`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    assert.match(excel.text, /^\ufeffsource;id;internal_id;/);
  });

  it('when a parameter is bad, then 400 names it and nothing is offered as a download', async () => {
    const auth = { Authorization: `Bearer ${key}` };
    const badFormat = await request(t.app).get('/api/v1/moderation-log?format=xlsx').set(auth).expect(400);
    assert.equal(badFormat.body.error.code, 'validation');
    assert.match(badFormat.body.error.message, /invalid format/);
    assert.equal(badFormat.headers['content-disposition'], undefined);
    const badDate = await request(t.app).get('/api/v1/comments/export?from=hier').set(auth).expect(400);
    assert.equal(badDate.body.error.details[0].field, 'from');
    const twice = await request(t.app).get('/api/v1/moderation-log?format=csv&format=json').set(auth).expect(400);
    assert.match(twice.body.error.message, /format/);
    const unknown = await request(t.app).get('/api/v1/moderation-log?moderator=personne@example.test').set(auth).expect(400);
    assert.match(unknown.body.error.message, /no user/);
    assert.equal(unknown.headers['content-disposition'], undefined, 'checked before streaming starts');
    assert.match(String(unknown.headers['content-type']), /application\/json/);
  });

  it('when a moderator asks for the admin export, then 403; without a session, the login page', async () => {
    await moderator.get('/admin/export/log').expect(403);
    await moderator.get('/admin/export/comments').expect(403);
    const anonymous = await request(t.app).get('/admin/export/log').expect(303);
    assert.match(String(anonymous.headers.location), /^\/login/);
  });

  it('when an admin downloads the log and the comments, then both stream with their headers', async () => {
    const log = await admin.get(`/admin/export/log?format=csv&from=${today()}&to=${today()}&bom=1&delimiter=%3B&moderator=&action=&reason=`).expect(200);
    assert.equal(log.headers['content-disposition'], `attachment; filename="crible-moderation-log-${today()}.csv"`);
    assert.equal(log.headers['cache-control'], 'no-store');
    assert.equal((parse(log.text, { columns: true, bom: true, delimiter: ';' }) as unknown[]).length, 3);
    const comments = await admin.get('/admin/export/comments?format=json&status=').buffer(true).expect(200);
    assert.equal(comments.headers['content-disposition'], `attachment; filename="crible-comments-${today()}.json"`);
    assert.equal(JSON.parse(comments.text).length, 3);
    const bad = await admin.get('/admin/export/comments?status=perdu').expect(400);
    assert.match(bad.text, /<html/i, 'a French error page for the browser');
  });

  it('when the admin export partial is rendered, then it offers both forms with their options, in French', async () => {
    const html = await ejs.renderFile(path.join(viewsDir, 'partials/admin/export.ejs'), { t: { ...messages, export: exportMessages } });
    assert.match(html, /<form method="get" action="\/admin\/export\/log"/);
    assert.match(html, /<form method="get" action="\/admin\/export\/comments"/);
    for (const name of ['format', 'from', 'to', 'moderator', 'action', 'reason', 'status', 'article', 'bom', 'delimiter']) {
      assert.match(html, new RegExp(`name="${name}"`), name);
    }
    assert.match(html, /<option value=";">Point-virgule/);
    assert.match(html, /Télécharger/);
  });
});

describe('an export that fails while streaming', () => {
  it('when the database fails after the first rows are sent, then the response is cut short, not completed', async () => {
    const accounts = { verifyApiKey: async () => ({ id: 1, scopes: ['export'] }) } as unknown as AccountsService;
    const failing = {
      async exportModerationLog(_filter: unknown, _format: unknown, _options: unknown, out: Writable) {
        out.write('event_id,when\r\n1,2026-11-23T10:00:00.000Z\r\n');
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('connection lost');
      },
    } as unknown as ExportService;
    const app = express();
    app.use('/api/v1', apiExportRoutes({ accounts, exports: failing }));
    app.use(errorHandler(createLogger('silent')));
    await assert.rejects(
      request(app).get('/api/v1/moderation-log').set('Authorization', 'Bearer anything').buffer(true),
      (err: Error) => /aborted|socket hang up|ECONNRESET|terminated/i.test(err.message),
    );
  });
});
