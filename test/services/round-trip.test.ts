import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';
import { importServiceFor, streamOf } from '../helpers/import-app.js';
import { createExportService } from '../../src/services/export.service.js';

/** What makes two queues the same: every comment's identity, text, links, status and score. */
async function queueOf(t: TestApp) {
  const rows = await t.db('comments')
    .join('articles', 'articles.id', 'comments.article_id')
    .join('authors', 'authors.id', 'comments.author_id')
    .leftJoin('comments as parent', 'parent.id', 'comments.parent_id')
    .select('comments.source', 'comments.external_id', 'comments.body', 'comments.status', 'comments.score', 'articles.external_id as article', 'articles.title', 'authors.external_id as author', 'authors.name', 'parent.external_id as parent')
    .orderBy(['comments.source', 'comments.external_id']);
  return rows.map((row: Record<string, unknown>) => ({ ...row, score: Number(row.score) }));
}

async function exportComments(t: TestApp, format: 'ndjson' | 'csv'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await createExportService(t.db).exportComments({}, format, {}, out);
  return Buffer.concat(chunks);
}

describe('moving a Crible: export the comments, import them elsewhere with --keep-status', () => {
  const apps: TestApp[] = [];
  after(() => Promise.all(apps.map((t) => t.close())));

  for (const format of ['ndjson', 'csv'] as const) {
    it(`when the comments are exported as ${format} and imported into a fresh Crible, then the queue is the same`, async () => {
      const source = await createTestApp();
      apps.push(source);
      const key = await source.addApiKey();
      const parent = aComment({ body: 'Merci pour ce reportage sur Gao.' });
      const batch = [
        parent,
        aComment({ body: 'Ferme ta gueule, espèce de connard.', parentExternalId: parent.externalId }),
        aComment({ body: 'Quel article de merde, franchement.' }),
        aComment({ body: 'Bande de crevards, "entre guillemets", sur\ndeux lignes.' }),
        aComment({ body: 'On sait où tu habites.' }),
      ];
      const res = await request(source.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(batch).expect(201);
      const moderator = await signIn(source.app, await source.addUser('moderator'));
      const token = csrfTokenOf((await moderator.get('/queue')).text);
      const [, insult, profanity] = res.body.items as Array<{ id: number }>;
      await moderator.post(`/comments/${insult!.id}/decision`).type('form').send({ _csrf: token, action: 'reject', reason: 'insulte', version: 1 }).expect(303);
      await moderator.post(`/comments/${profanity!.id}/decision`).type('form').send({ _csrf: token, action: 'approve', version: 1 }).expect(303);

      const dump = await exportComments(source, format);
      const target = await createTestApp();
      apps.push(target);
      const report = await importServiceFor(target.db).run(streamOf(dump), { format, source: 'ignored-when-the-file-says', keepStatus: true });
      assert.deepEqual([report.inserted, report.rejected], [5, 0]);
      assert.deepEqual(await queueOf(target), await queueOf(source));
    });
  }
});
