import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { ingestServiceFor } from '../helpers/import-app.js';
import type { IncomingComment, IngestService } from '../../src/services/ingest.service.js';
import type { Scorer } from '../../src/scoring/types.js';

/** A scorer of another lexicon version that finds every comment a threat. */
const staleScorer: Scorer = {
  lexiconVersion: 'stale-version',
  score: () => ({
    score: 0.99,
    decision: 'hold',
    categories: { insult: 0, harassment: 0, threat: 0.99, identity_attack: 0, sexual: 0, profanity: 0 },
    target: 'person',
    matches: [],
    lexiconVersion: 'stale-version',
  }),
};

describe('a bulk import scoring its next batch ahead', () => {
  let t: TestApp;
  let ingest: IngestService;
  before(async () => {
    t = await createTestApp();
    ingest = ingestServiceFor(t.db);
  });
  after(() => t.close());

  const batchOf = (source: string): IncomingComment[] => [
    { source, externalId: 'a', article: { externalId: 'art' }, author: { externalId: 'u1', name: 'Awa' }, body: 'Merci pour cet article très clair.' },
    { source, externalId: 'b', article: { externalId: 'art' }, author: { externalId: 'u2', name: 'Jean' }, parentExternalId: 'a', body: 'Awa, ferme ta gueule.' },
    // Its parent is in no batch and unknown: scored in the transaction, after the parent lookup.
    { source, externalId: 'c', article: { externalId: 'art' }, author: { externalId: 'u3', name: 'Moussa' }, parentExternalId: 'gone', body: 'Espèce de connard.' },
  ];

  it('when the lexicon is the same, then the scores computed ahead are stored as they are, and the rest scored in the transaction', async () => {
    const source = `ahead-${randomUUID()}`;
    const batch = batchOf(source);
    const scorer = await ingest.currentScorer();
    const prescored = await ingest.prescore(scorer, batch, new Map());
    assert.deepEqual(batch.map((c) => prescored.results.has(c)), [true, true, false], 'the reply to an unknown parent waits');
    assert.equal(prescored.results.get(batch[1]!)!.result.target, 'person', 'a reply naming its parent\'s author is aimed at a person');

    // Marked, to see that the transaction stores these results rather than scoring again.
    const first = prescored.results.get(batch[0]!)!;
    const marked = { ...prescored, results: new Map(prescored.results).set(batch[0]!, { ...first, result: { ...first.result, score: 0.042 } }) };

    await ingest.ingestCounting(batch, undefined, marked);
    const stored = await t.db('comments').where({ source }).orderBy('external_id');
    const expected = batch.map((c, i) => (i < 2 ? marked.results.get(c)!.result : scorer.score(c.body)));
    assert.equal(Number(stored[0].score), 0.042);
    assert.deepEqual(
      stored.map((row) => [Number(row.score), row.target, JSON.parse(row.matches), row.scorer_version]),
      expected.map((r) => [r.score, r.target, r.matches, r.lexiconVersion]),
    );
  });

  it('when the lexicon changed since they were computed, then they are dropped and every comment is scored again', async () => {
    const source = `stale-${randomUUID()}`;
    const batch = batchOf(source);
    const prescored = await ingest.prescore(staleScorer, batch, new Map());
    assert.equal(prescored.results.size, 2);

    await ingest.ingestCounting(batch, undefined, prescored);
    const current = await ingest.currentScorer();
    const stored = await t.db('comments').where({ source }).orderBy('external_id');
    assert.deepEqual(stored.map((row) => row.scorer_version), batch.map(() => current.lexiconVersion));
    assert.equal(Number(stored[0].score), current.score(batch[0]!.body).score);
    assert.notEqual(Number(stored[0].score), 0.99);
  });
});

describe('a bulk import building its next batch ahead (SQLite writes the rows as built)', () => {
  let t: TestApp;
  let ingest: IngestService;
  before(async () => {
    t = await createTestApp();
    ingest = ingestServiceFor(t.db);
  });
  after(() => t.close());

  const comment = (source: string, externalId: string, author: string, body: string, parentExternalId?: string): IncomingComment => ({
    source,
    externalId,
    article: { externalId: 'art' },
    author: { externalId: author, name: author },
    parentExternalId: parentExternalId ?? null,
    body,
  });
  const stored = (source: string) => t.db('comments').where({ source }).orderBy('external_id').select('external_id', 'status', 'score', 'body');
  const ahead = async (batch: IncomingComment[], limits?: { flag: number; hold: number }) =>
    ingest.prescore(await ingest.currentScorer(), batch, new Map(), limits ?? (await ingest.currentLimits()));

  it('when the parent of a reply was unknown ahead but is stored by then, then the reply is scored with its author\'s name', async () => {
    const source = `parent-${randomUUID()}`;
    const batch = [comment(source, 'reply', 'Jean', 'Moussa, espèce de connard.', 'earlier'), comment(source, 'other', 'Awa', 'Merci.')];
    const prescored = await ahead(batch);
    await ingest.ingestCounting([comment(source, 'earlier', 'Moussa', 'Bonjour à tous.')]);
    await ingest.ingestCounting(batch, undefined, prescored);
    const scorer = await ingest.currentScorer();
    const expected = scorer.score(batch[0]!.body, { parentAuthorName: 'Moussa' });
    assert.notEqual(expected.score, scorer.score(batch[0]!.body).score, 'naming the parent\'s author weighs more');
    const reply = (await stored(source)).find((c) => c.external_id === 'reply')!;
    assert.equal(Number(reply.score), expected.score);
  });

  it('when a comment of the batch is stored by then, then it counts as a duplicate and the others land as scored', async () => {
    const source = `dup-${randomUUID()}`;
    const batch = [comment(source, 'a', 'Awa', 'Merci pour cet article.'), comment(source, 'b', 'Jean', 'Ferme ta gueule, connard.')];
    const prescored = await ahead(batch);
    await ingest.ingestCounting([comment(source, 'a', 'Awa', 'Une autre version, arrivée avant.')]);
    const counts = await ingest.ingestCounting(batch, undefined, prescored);
    assert.deepEqual([counts.inserted, counts.duplicates], [1, 1]);
    assert.deepEqual((await stored(source)).map((c) => [c.external_id, c.body, c.status]), [
      ['a', 'Une autre version, arrivée avant.', 'published'],
      ['b', 'Ferme ta gueule, connard.', 'held'],
    ]);
  });

  it('when the thresholds changed since the rows were built, then the statuses follow the new thresholds', async () => {
    const source = `limits-${randomUUID()}`;
    const batch = [comment(source, 'insult', 'Jean', 'Ferme ta gueule, connard.')];
    const prescored = await ahead(batch, { flag: 1, hold: 1 });
    await ingest.ingestCounting(batch, undefined, prescored);
    assert.deepEqual((await stored(source)).map((c) => c.status), ['held']);
  });

  const arrivals = (source: string) =>
    t.db('moderation_events as e')
      .join('comments as c', 'c.id', 'e.comment_id')
      .where('c.source', source)
      .orderBy('e.id')
      .select('c.id', 'c.external_id', 'c.status', 'c.score', 'c.matches', 'e.action', 'e.actor_type', 'e.to_status', 'e.score as event_score', 'e.matches as event_matches');

  it('when a batch holds no decision from the dump, then each new comment gets one triage event, in the order of the comments\' ids, with its status, score and terms', async () => {
    const source = `arrivals-${randomUUID()}`;
    const batch = [comment(source, 'x', 'Awa', 'Merci pour cet article.'), comment(source, 'y', 'Jean', 'Ferme ta gueule, connard.', 'x'), comment(source, 'z', 'Moussa', 'Bande de crevards.')];
    const eventCount = async () => Number((await t.db('moderation_events').count({ n: '*' }).first())?.n);
    const before = await eventCount();
    await ingest.ingestCounting(batch, undefined, await ahead(batch));
    assert.equal(await eventCount(), before + 3, 'one event per new comment, none for an earlier one');
    const events = await arrivals(source);
    // The reply y is inserted after the comments of the batch without a parent there.
    assert.deepEqual(events.map((e) => e.external_id), ['x', 'z', 'y']);
    assert.deepEqual(events.map((e) => Number(e.id)), events.map((e) => Number(e.id)).sort((a, b) => a - b), 'events follow the comments\' ids');
    for (const e of events) {
      assert.deepEqual([e.action, e.actor_type, e.to_status, Number(e.event_score), JSON.stringify(e.event_matches)], ['triage', 'system', e.status, Number(e.score), JSON.stringify(e.matches)]);
    }
    assert.ok(events.some((e) => e.status !== 'published'), 'an insult among them is flagged or held');
  });

  it('when some comments of a batch carry a decision from the dump, then the triaged are logged first, then the imported decisions', async () => {
    const source = `kept-${randomUUID()}`;
    const batch = [
      { ...comment(source, 'k1', 'Awa', 'Merci.'), keptStatus: 'approved' as const },
      comment(source, 't1', 'Jean', 'Ferme ta gueule, connard.'),
      { ...comment(source, 'k2', 'Moussa', 'Bande de crevards.'), keptStatus: 'rejected' as const },
    ];
    await ingest.ingestCounting(batch, undefined, await ahead(batch));
    const events = await arrivals(source);
    assert.deepEqual(events.map((e) => [e.external_id, e.action, e.actor_type, e.to_status]), [
      ['t1', 'triage', 'system', 'held'],
      ['k1', 'import', 'import', 'approved'],
      ['k2', 'import', 'import', 'rejected'],
    ]);
  });

  it('when nothing changed, then the rows built ahead are stored, replies linked to parents of the same batch', async () => {
    const source = `same-${randomUUID()}`;
    const batch = [comment(source, 'r', 'Jean', 'Awa, ferme ta gueule.', 'p'), comment(source, 'p', 'Awa', 'Merci pour cet article.')];
    await ingest.ingestCounting(batch, undefined, await ahead(batch));
    const rows = await t.db('comments as c').leftJoin('comments as p', 'p.id', 'c.parent_id').where('c.source', source).orderBy('c.external_id').select('c.external_id', 'p.external_id as parent', 'c.status', 'c.target');
    assert.deepEqual(rows.map((r) => [r.external_id, r.parent, r.status, r.target]), [
      ['p', null, 'published', 'none'],
      ['r', 'p', 'held', 'person'],
    ]);
  });
});
