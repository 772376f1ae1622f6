import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importServiceFor, streamOf } from '../helpers/import-app.js';
import { createImportJobsRepo } from '../../src/repositories/import-jobs.repo.js';
import type { ImportService } from '../../src/services/import/import.service.js';

describe('importing comment dumps', () => {
  let t: TestApp;
  let imports: ImportService;
  before(async () => {
    t = await createTestApp();
    imports = importServiceFor(t.db);
  });
  after(() => t.close());

  const rows = (prefix: string) => [
    { id: `${prefix}-1`, story_id: 'story-1', author_id: 'u1', author_name: 'Awa', created_at: '2024-03-01T10:00:00Z', body: 'Merci pour cet article.' },
    { id: `${prefix}-2`, story_id: 'story-1', author_id: 'u2', author_name: 'Jean', created_at: '2024-03-01 10:05:00', body: 'Ferme ta gueule, espèce de connard.', parent_id: `${prefix}-1` },
    { id: `${prefix}-3`, story_id: 'story-2', author_id: 'u3', created_at: '1709287800', body: 'Très bon reportage.' },
  ];
  const toCsv = (list: Array<Record<string, string | undefined>>, delimiter = ",") => {
    const columns = ['id', 'author_id', 'author_name', 'story_id', 'created_at', 'body', 'parent_id'];
    const cell = (v: string | undefined) => `"${(v ?? '').replace(/"/g, '""')}"`;
    return [columns.join(delimiter), ...list.map((r) => columns.map((c) => cell(r[c])).join(delimiter))].join('\n') + '\n';
  };
  const formats: Array<[string, "ndjson" | "json" | "csv", (list: Array<Record<string, string | undefined>>) => string]> = [
    ['NDJSON', 'ndjson', (list) => list.map((r) => JSON.stringify(r)).join('\n') + '\n'],
    ['a JSON array', 'json', (list) => JSON.stringify(list, null, 2)],
    ['CSV with commas', 'csv', (list) => toCsv(list)],
    ['CSV with semicolons', 'csv', (list) => toCsv(list, ';')],
  ];
  for (const [name, format, render] of formats) {
    for (const gzip of [false, true]) {
      it(`when ${name}${gzip ? ' (gzipped)' : ''} is imported, then every row is stored, scored, linked and dated`, async () => {
        const prefix = randomUUID();
        const report = await imports.run(streamOf(render(rows(prefix)), { gzip }), { format, source: `s-${prefix}` });
        assert.deepEqual([report.read, report.inserted, report.duplicates, report.rejected], [3, 3, 0, 0]);
        const stored = await t.db('comments').where({ source: `s-${prefix}` }).orderBy('external_id');
        assert.equal(stored.length, 3);
        const [first, second, third] = stored;
        assert.equal(second.status, 'held', 'the insult is triaged like an ingested one');
        assert.equal(Number(second.parent_id), Number(first.id), 'the reply is linked to its parent');
        assert.equal(first.status, 'published');
        const dates = await t.db('comments').where({ source: `s-${prefix}` }).orderBy('external_id').pluck('created_at');
        const times = dates.map((d: unknown) => new Date(d instanceof Date ? d : Number(d)).toISOString());
        assert.deepEqual(times, ['2024-03-01T10:00:00.000Z', '2024-03-01T10:05:00.000Z', '2024-03-01T10:10:00.000Z']);
        assert.equal(third.body, 'Très bon reportage.');
      });
    }
  }

  it('when the same file is imported twice, then the second adds nothing and counts duplicates', async () => {
    const prefix = randomUUID();
    const text = rows(prefix).map((r) => JSON.stringify(r)).join('\n');
    await imports.run(streamOf(text), { format: 'ndjson', source: 'twice' });
    const again = await imports.run(streamOf(text), { format: 'ndjson', source: 'twice' });
    assert.deepEqual([again.inserted, again.duplicates], [0, 3]);
    assert.equal((await t.db('comments').where({ source: 'twice' }).whereLike('external_id', `${prefix}%`)).length, 3);
  });

  it('when columns have other names, then --map reads them', async () => {
    const prefix = randomUUID();
    const csv = `ref;texte;fil;pseudo\n${prefix};Quel article de merde;art-9;Zoé\n`;
    const report = await imports.run(streamOf(csv), {
      format: 'csv',
      source: 'mapped',
      map: { id: 'ref', body: 'texte', article: 'fil', author: 'pseudo' },
    });
    assert.equal(report.inserted, 1, JSON.stringify(report));
    const stored = await t.db('comments').where({ source: 'mapped', external_id: prefix }).first();
    assert.equal(stored.body, 'Quel article de merde');
  });

  it('when it is a dry run, then nothing is written and the report says what would happen', async () => {
    const prefix = randomUUID();
    const before = await t.db('comments').count({ n: '*' }).first();
    const jobsBefore = await t.db('import_jobs').count({ n: '*' }).first();
    const report = await imports.run(streamOf(rows(prefix).map((r) => JSON.stringify(r)).join('\n')), { format: 'ndjson', source: 'dry', dryRun: true });
    assert.equal(report.dryRun, true);
    assert.equal(report.jobId, null);
    assert.equal(report.inserted, 3);
    assert.equal(report.wouldBe!.held, 1);
    assert.equal(report.wouldBe!.published, 2);
    assert.equal(Number((await t.db('comments').count({ n: '*' }).first())?.n), Number(before?.n));
    assert.equal(Number((await t.db('import_jobs').count({ n: '*' }).first())?.n), Number(jobsBefore?.n));
  });

  it('when rows are bad, then each is recorded with its line and reason, and the good ones still land', async () => {
    const prefix = randomUUID();
    const good = (n: number) => JSON.stringify({ id: `${prefix}-${n}`, article_id: 'a', author_id: 'u', body: `Bonjour ${n}` });
    const lines = [
      good(1),
      '{"id": "broken", ',
      JSON.stringify({ id: `${prefix}-nobody`, article_id: 'a', author_id: 'u' }),
      JSON.stringify({ id: `${prefix}-date`, article_id: 'a', author_id: 'u', body: 'x', created_at: '31/02/2024' }),
      JSON.stringify({ id: `${prefix}-long`, article_id: 'a', author_id: 'u', body: 'x'.repeat(20_001) }),
      '[1, 2]',
      good(7),
    ];
    const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from(`{"id":"${prefix}-utf","article_id":"a","author_id":"u","body":"caf`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const report = await imports.run(streamOf(bytes), { format: 'ndjson', source: 'bad-rows' });
    assert.deepEqual([report.read, report.inserted, report.rejected], [8, 2, 6]);
    const rejects = [];
    for await (const r of createImportJobsRepo(t.db).rejects(report.jobId!)) rejects.push(r);
    const byLine = Object.fromEntries(rejects.map((r) => [r.line, r.reason]));
    assert.match(byLine[2]!, /invalid JSON/);
    assert.match(byLine[3]!, /body: is required/);
    assert.match(byLine[4]!, /created_at: invalid date/);
    assert.match(byLine[5]!, /body: body is longer than 20000/);
    assert.match(byLine[6]!, /not a JSON object/);
    assert.match(byLine[8]!, /invalid UTF-8/);
    assert.equal(rejects.find((r) => r.line === 2)!.raw, '{"id": "broken", ');
    const job = await createImportJobsRepo(t.db).find(report.jobId!);
    assert.deepEqual([job!.status, job!.read, job!.inserted, job!.rejected], ['done', 8, 2, 6]);
  });

  it('when a CSV row has bad quoting, then it is recorded with its line number and the rows before it land', async () => {
    const prefix = randomUUID();
    const csv = `id,story_id,author_id,body\n${prefix}-1,s,u,"ok"\n${prefix}-2,s,u,"multi\nligne"\n${prefix}-3,s,u,"mal "fermé" ici"\n`;
    const report = await imports.run(streamOf(csv), { format: 'csv', source: 'bad-csv' });
    assert.equal(report.inserted, 2);
    assert.ok(report.rejected >= 1);
    const rejects = [];
    for await (const r of createImportJobsRepo(t.db).rejects(report.jobId!)) rejects.push(r);
    assert.equal(rejects[0]!.line, 5, 'the multi-line row before it counts two lines');
    assert.match(rejects[0]!.reason, /invalid CSV/);
    const multi = await t.db('comments').where({ source: 'bad-csv', external_id: `${prefix}-2` }).first();
    assert.equal(multi.body, 'multi\nligne');
  });

  it('when rows are long, then a batch ends at 8 MB of text whatever the batch size, and every row lands', async () => {
    const prefix = randomUUID();
    // 1,000 rows of ~19,000 characters: about 19 MB, so at least three batches despite batchSize 2,000.
    const body = 'Un long commentaire sur la situation au Sahel. '.repeat(400);
    const text = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ id: `${prefix}-${i}`, story_id: 's', author_id: `u${i % 7}`, body })).join('\n');
    const readPerBatch: number[] = [];
    let before = 0;
    // A file system's chunks (64 kB): in 7-byte ones, 19 MB would cost 2.7 million reads.
    const report = await imports.run(streamOf(text, { chunkSize: 65_536 }), { format: 'ndjson', source: 'long', batchSize: 2_000 }, (progress) => {
      readPerBatch.push(progress.read - before);
      before = progress.read;
    });
    assert.deepEqual([report.read, report.inserted, report.rejected], [1_000, 1_000, 0]);
    assert.ok(readPerBatch.length >= 3, `batches: ${readPerBatch.join(', ')}`);
    assert.ok(readPerBatch.every((n) => n * (body.length + 60) < 8_000_000 + body.length + 200), `batches: ${readPerBatch.join(', ')}`);
    assert.equal(await t.db('comments').where({ source: 'long' }).whereLike('external_id', `${prefix}%`).count({ n: '*' }).first().then((r) => Number(r?.n)), 1_000);
  });

  it('when --keep-status is given, then the dump decisions are kept and logged as imported', async () => {
    const prefix = randomUUID();
    const csv = [
      'id,author_id,story_id,created_at,body,parent_id,status',
      `${prefix}-a,u1,s1,2024-01-05T10:00:00Z,"Ferme ta gueule, connard",,ACCEPTED`,
      `${prefix}-r,u2,s1,2024-01-05T10:01:00Z,"Très bien dit",,REJECTED`,
      `${prefix}-n,u3,s1,2024-01-05T10:02:00Z,"Espèce de connard",,NONE`,
    ].join('\n');
    await imports.run(streamOf(csv), { format: 'csv', source: 'coral', keepStatus: true });
    const statuses = await t.db('comments').where({ source: 'coral' }).whereLike('external_id', `${prefix}%`).orderBy('external_id').select('external_id', 'status', 'score');
    assert.deepEqual(statuses.map((s: { status: string }) => s.status), ['approved', 'held', 'rejected']);
    assert.ok(Number(statuses[0].score) > 0.5, 'scores are stored even when the decision is kept');
    const events = await t.db('moderation_events').join('comments', 'comments.id', 'moderation_events.comment_id').where('comments.source', 'coral').whereLike('comments.external_id', `${prefix}%`).select('moderation_events.action', 'moderation_events.actor_type');
    assert.deepEqual(events.map((e: { action: string }) => e.action).sort(), ['import', 'import', 'triage']);
  });
});
