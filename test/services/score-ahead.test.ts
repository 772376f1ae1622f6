import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createLexiconScorerSource } from '../../src/services/lexicon/scorer-source.js';
import { createLexiconRepo } from '../../src/repositories/lexicon.repo.js';
import { createIngestService, type IncomingComment } from '../../src/services/ingest.service.js';
import { createThresholdsService } from '../../src/services/triage.js';
import { createSettingsRepo } from '../../src/repositories/settings.repo.js';
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
  let ingest: ReturnType<typeof createIngestService>;
  before(async () => {
    t = await createTestApp();
    ingest = createIngestService({ db: t.db, scorers: createLexiconScorerSource(createLexiconRepo(t.db)), thresholds: createThresholdsService(createSettingsRepo(t.db)) });
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
