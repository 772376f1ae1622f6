import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importServiceFor, ingestServiceFor, streamOf } from '../helpers/import-app.js';
import type { IncomingComment, IngestService } from '../../src/services/ingest.service.js';
import { createAuthorsRepo } from '../../src/repositories/authors.repo.js';
import type { ImportService } from '../../src/services/import/import.service.js';

interface Row {
  id: string;
  story_id: string;
  article_title?: string;
  author_id: string;
  author_name: string;
  parent_id?: string;
  body: string;
}

const row = (id: string, author: string, body: string, extra: Partial<Row> = {}): Row => ({
  id,
  story_id: 'story-1',
  author_id: author,
  author_name: `Nom ${author}`,
  body,
  ...extra,
});

/** Comments stored before the batch: a parent, and the authors whose status or name will differ. */
const EARLIER: Row[] = [
  row('old', 'u-banned', 'Un premier commentaire.'),
  row('old-2', 'u-premod', 'Un autre.'),
  row('old-3', 'u-renamed', 'Encore un.'),
];

/** One batch with every thread and upsert corner case a dump can hold. */
const BATCH: Row[] = [
  row('reply-first', 'u1', 'Ferme ta gueule, espèce de connard.', { parent_id: 'parent', article_title: 'Premier titre' }),
  row('parent', 'u2', 'Merci pour cet article.'),
  row('x', 'u3', 'Je réponds à y.', { parent_id: 'y' }),
  row('y', 'u4', 'Je réponds à x.', { parent_id: 'x' }),
  row('z', 'u5', 'Je réponds à x aussi.', { parent_id: 'x' }),
  row('to-old', 'u6', 'Je réponds au premier.', { parent_id: 'old' }),
  row('to-nowhere', 'u7', 'Je réponds à un disparu.', { parent_id: 'nowhere' }),
  row('by-banned', 'u-banned', 'Très bon reportage.'),
  row('by-premod', 'u-premod', 'Très bon reportage aussi.', { story_id: 'story-2' }),
  row('by-renamed', 'u-renamed', 'Bonjour.', { author_name: 'Nouveau nom', article_title: 'Second titre' }),
  row('parent', 'u2', 'Le même identifiant, répété.'),
];

/** A stored comment as `stored` reads it. */
interface StoredRow {
  external_id: string;
  body: string;
  status: string;
  parent_external_id: string | null;
  parent: string | null;
  author: string;
  title: string | null;
  id: number | string;
  parent_id: number | string | null;
}

const toIncoming = (source: string, r: Row): IncomingComment => ({
  source,
  externalId: r.id,
  article: { externalId: r.story_id, title: r.article_title ?? null },
  author: { externalId: r.author_id, name: r.author_name },
  parentExternalId: r.parent_id ?? null,
  body: r.body,
  createdAt: new Date(Date.UTC(2024, 2, 1)),
});

describe('a bulk import batch: threads, authors and articles', () => {
  let t: TestApp;
  let imports: ImportService;
  let ingest: IngestService;
  before(async () => {
    t = await createTestApp();
    imports = importServiceFor(t.db);
    ingest = ingestServiceFor(t.db);
  });
  after(() => t.close());

  /** The earlier comments, then the statuses the batch must take into account. */
  async function prepare(source: string, write: (rows: Row[]) => Promise<void>) {
    await write(EARLIER);
    const authors = createAuthorsRepo(t.db);
    const idOf = async (externalId: string) => Number((await t.db('authors').where({ source, external_id: externalId }).first('id')).id);
    await authors.setStatus(await idOf('u-banned'), 'banned');
    await authors.setStatus(await idOf('u-premod'), 'premoderated');
  }

  const bulk = (source: string) => async (rows: Row[]) => {
    const ndjson = rows.map((r) => JSON.stringify({ ...r, created_at: '2024-03-01T00:00:00Z' })).join('\n');
    await imports.run(streamOf(ndjson, { chunkSize: 4096 }), { format: 'ndjson', source });
  };
  const oneByOne = (source: string) => async (rows: Row[]) => {
    await ingest.ingest(rows.map((r) => toIncoming(source, r)));
  };

  /** What a moderator can see of the stored comments, ids replaced by external ids. */
  async function stored(source: string) {
    const rows = await t.db('comments as c')
      .leftJoin('comments as p', 'p.id', 'c.parent_id')
      .join('authors as u', 'u.id', 'c.author_id')
      .join('articles as a', 'a.id', 'c.article_id')
      .where('c.source', source)
      .orderBy('c.id')
      .select('c.external_id', 'c.body', 'c.status', 'c.score', 'c.parent_external_id', 'p.external_id as parent', 'u.name as author', 'a.title', 'c.id', 'p.id as parent_id') as StoredRow[];
    const events = await t.db('moderation_events as e').join('comments as c', 'c.id', 'e.comment_id').where('c.source', source).orderBy('e.id').select('c.external_id', 'e.action', 'e.to_status');
    return { rows, events };
  }

  it('when replies, cycles, stored parents and repeated ids share a batch, then each comment is linked as its thread says', async () => {
    const source = `threads-${randomUUID()}`;
    await prepare(source, bulk(source));
    const report = await imports.run(streamOf(BATCH.map((r) => JSON.stringify(r)).join('\n')), { format: 'ndjson', source });
    assert.deepEqual([report.read, report.inserted, report.duplicates], [11, 10, 1]);

    const { rows } = await stored(source);
    const by = new Map(rows.map((r) => [r.external_id, r]));
    const get = (id: string): StoredRow => by.get(id)!;
    assert.equal(get('reply-first').parent, 'parent', 'a reply before its parent in the batch is linked to it');
    assert.ok(Number(get('parent').id) < Number(get('reply-first').id), 'and the parent is inserted first');
    assert.equal(get('parent').body, 'Merci pour cet article.', 'of a repeated id, the first is kept');
    assert.deepEqual(['x', 'y', 'z'].map((id) => get(id).parent_id), [null, null, null], 'replies caught in a cycle are stored without links');
    assert.deepEqual(['x', 'y', 'z'].map((id) => get(id).parent_external_id), ['y', 'x', 'x'], 'and keep the ids they answer');
    assert.equal(get('to-old').parent, 'old', 'a reply to a comment of an earlier import is linked');
    assert.deepEqual([get('to-nowhere').parent_id, get('to-nowhere').parent_external_id], [null, 'nowhere']);
    assert.equal(get('by-banned').status, 'rejected', "a banned author's comment is rejected");
    assert.equal(get('by-premod').status, 'held', "a pre-moderated author's comment is held");
    assert.equal(get('reply-first').status, 'held', 'the insult is triaged');
    assert.equal(get('old-3').author, 'Nouveau nom', "the author's last name wins");
    assert.equal(get('old').title, 'Second titre', "an article's missing title is filled by its last sighting");

    const again = await imports.run(streamOf(JSON.stringify(row('later', 'u8', 'Plus tard.', { article_title: 'Troisième titre' }))), { format: 'ndjson', source });
    assert.equal(again.inserted, 1);
    assert.equal((await t.db('articles').where({ source, external_id: 'story-1' }).first('title')).title, 'Second titre', 'a title is never replaced');
  });

  it('when the same batch is ingested one comment list at a time through the API path, then it stores the same comments and log', async () => {
    const bulkSource = `bulk-${randomUUID()}`;
    const apiSource = `api-${randomUUID()}`;
    await prepare(bulkSource, bulk(bulkSource));
    await prepare(apiSource, oneByOne(apiSource));
    await bulk(bulkSource)(BATCH);
    await oneByOne(apiSource)(BATCH);
    const [a, b] = [await stored(bulkSource), await stored(apiSource)];
    const visible = (list: StoredRow[]) => list.map(({ id: _id, parent_id: _parent, ...rest }) => rest);
    assert.equal(a.rows.length, 13);
    assert.deepEqual(visible(a.rows), visible(b.rows));
    assert.deepEqual(a.events, b.events);
  });
});
