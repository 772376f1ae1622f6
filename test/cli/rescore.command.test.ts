import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createTestEnv } from '../helpers/test-env.js';
import { aComment } from '../helpers/comments.js';
import { createLogger } from '../../src/logger.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createSettingsRepo } from '../../src/repositories/settings.repo.js';
import { createLexiconRepo } from '../../src/repositories/lexicon.repo.js';
import { createThresholdsService } from '../../src/services/triage.js';
import { createIngestService, type IncomingComment } from '../../src/services/ingest.service.js';
import { createLexiconScorerSource } from '../../src/services/lexicon/scorer-source.js';

const testEnv = createTestEnv();
function crible(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: testEnv.env, encoding: 'utf8' });
}

async function withDb<T>(body: (db: Awaited<ReturnType<typeof openMigratedDatabase>>) => Promise<T>): Promise<T> {
  const db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
  try {
    return await body(db);
  } finally {
    await db.destroy();
  }
}

describe('the crible rescore command', () => {
  before(() =>
    withDb(async (db) => {
      const ingest = createIngestService({ db, scorers: createLexiconScorerSource(createLexiconRepo(db)), thresholds: createThresholdsService(createSettingsRepo(db)) });
      // Bodies the shipped scorer publishes until the word is in the lexicon (the model alone
      // already reads "tu es un …" addressed to a reader as an insult, whatever the word).
      const bodies = ['Michel, quel fripouillard.', 'Ce fripouillard de Michel a encore triché.', 'Merci pour cet article.', 'Ce fripouillard de Paul a triché en 2020.'];
      const batch = bodies.map((body, i) => ({ ...aComment({ body }), createdAt: new Date(i === 3 ? '2020-01-01T00:00:00Z' : '2026-11-01T00:00:00Z') }) as unknown as IncomingComment);
      await ingest.ingest(batch);
      // The word enters the lexicon directly in the tables, as another instance's save would leave them.
      await db('lexicon_local').insert({ kind: 'term', words: 'fripouillard', forms: 'plural', variants: '', category: 'insult', severity: 3, needs_target: false, created_at: new Date() });
      await db('lexicon_changes').insert({ version: 1, action: 'add', user_id: null, before: '[]', after: '[]', created_at: new Date() });
    }),
  );
  after(() => testEnv.cleanup());

  it('when run with --since and --json, then only newer comments are rescored and the report says how many changed', async () => {
    const res = crible('rescore', '--since', '2026-01-01', '--json');
    assert.equal(res.status, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.equal(report.status, 'done');
    assert.equal(report.total, 3);
    assert.equal(report.rescored, 3);
    assert.equal(report.statusChanges, 2);
    assert.match(report.lexiconVersion, /\+local\.1\/fr-model-/, "the local lexicon version, then the model's");
    const statuses = await withDb((db) => db('comments').orderBy('id').pluck('status'));
    assert.deepEqual(statuses, ['held', 'held', 'published', 'published']);
    const events = await withDb((db) => db('moderation_events').where({ action: 'rescore' }).count<{ n: unknown }>({ n: '*' }).first());
    assert.equal(Number(events!.n), 2);
  });

  it('when run again, then nothing changes (rescoring is idempotent)', () => {
    const res = crible('rescore', '--json');
    assert.equal(res.status, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.equal(report.statusChanges, 1, 'only the 2020 comment, outside the first run, changes now');
    const again = JSON.parse(crible('rescore', '--json').stdout);
    assert.equal(again.statusChanges, 0);
  });

  it('when given an unknown status or a bad date, then it says so on one line and exits 1', () => {
    const bad = crible('rescore', '--status', 'pending');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /unknown status pending/);
    const badDate = crible('rescore', '--since', 'hier');
    assert.equal(badDate.status, 1);
    assert.match(badDate.stderr, /expected a date/);
  });
});
