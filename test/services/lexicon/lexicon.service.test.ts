import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createTestEnv, type TestEnv } from '../../helpers/test-env.js';
import { createLogger } from '../../../src/logger.js';
import { openMigratedDatabase } from '../../../src/db/migrate.js';
import { createSettingsRepo } from '../../../src/repositories/settings.repo.js';
import { createLexiconRepo } from '../../../src/repositories/lexicon.repo.js';
import { createAuthorsRepo } from '../../../src/repositories/authors.repo.js';
import { createCommentsRepo } from '../../../src/repositories/comments.repo.js';
import { createUsersRepo, type User } from '../../../src/repositories/users.repo.js';
import { createApiKeysRepo } from '../../../src/repositories/api-keys.repo.js';
import { createRescoreRepo } from '../../../src/repositories/rescore.repo.js';
import { createAccountsService } from '../../../src/services/accounts.service.js';
import { createThresholdsService } from '../../../src/services/triage.js';
import { DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD } from '../../../src/scoring/index.js';
import { createIngestService, type IncomingComment } from '../../../src/services/ingest.service.js';
import { createModerationService } from '../../../src/services/moderation.service.js';
import { createRescoreService, type RescoreService } from '../../../src/services/rescore.service.js';
import { createLexiconScorerSource } from '../../../src/services/lexicon/scorer-source.js';
import { createLexiconService, type LexiconService } from '../../../src/services/lexicon/lexicon.service.js';
import { LocalEntryError, type LocalEntryInput } from '../../../src/services/lexicon/local-entry.js';
import { builtinLexicon } from '../../../src/scoring/lexicon/index.js';

const term = (words: string, overrides: Partial<LocalEntryInput> = {}): LocalEntryInput => ({
  kind: 'term',
  words,
  forms: 'plural',
  variants: [],
  category: 'insult',
  severity: 3,
  needsTarget: false,
  ...overrides,
});

describe('the newsroom lexicon and rescoring', () => {
  let testEnv: TestEnv;
  let db: Knex;
  let lexicon: LexiconService;
  let rescore: RescoreService;
  let ingest: ReturnType<typeof createIngestService>;
  let admin: User;

  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    const scorers = createLexiconScorerSource(createLexiconRepo(db));
    const thresholds = createThresholdsService(createSettingsRepo(db));
    // These tests are about the lexicon's machinery: the site sets the model to decide nothing
    // (it would otherwise read "tu es un …" addressed to a reader as an insult, whatever the word).
    await thresholds.set({ flag: DEFAULT_FLAG_THRESHOLD, hold: DEFAULT_HOLD_THRESHOLD, model: { flag: 1, hold: 1, clear: 0 } });
    ingest = createIngestService({ db, scorers, thresholds });
    rescore = createRescoreService({ db, scorers, thresholds, logger: createLogger('silent') });
    lexicon = createLexiconService({ db, rescore });
    const accounts = createAccountsService({ users: createUsersRepo(db), apiKeys: createApiKeysRepo(db) });
    admin = (await accounts.addUser({ email: 'chef@journal.example', role: 'admin', password: 'mot-de-passe-long' })).user;
  });
  after(async () => {
    await rescore.stop();
    await db.destroy();
    await testEnv.cleanup();
  });

  /** Every test starts with no comment waiting and the built-in lexicon alone. */
  beforeEach(async () => {
    for (const table of ['moderation_events', 'rescore_jobs', 'lexicon_changes', 'lexicon_local']) await db(table).delete();
    await db('comments').update({ parent_id: null });
    await db('comments').delete();
  });

  async function add(body: string, overrides: Partial<IncomingComment> = {}) {
    const id = randomUUID();
    const [outcome] = await ingest.ingest([{ source: 'site', externalId: id, article: { externalId: 'a1' }, author: { externalId: `u-${id}`, name: 'Lecteur' }, body, ...overrides }]);
    return outcome!.comment;
  }

  const statusOf = async (id: number) => (await createCommentsRepo(db).findById(id))!.status;

  /** Saves a change and waits for the rescoring it starts. */
  async function applyAndWait(change: Parameters<LexiconService['apply']>[0]) {
    const { version, jobId } = await lexicon.apply(change, admin);
    for (let i = 0; i < 200; i++) {
      const job = await rescore.findJob(jobId);
      if (job!.status !== 'running') return { version, job: job! };
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('rescoring did not finish');
  }

  it('when a local term is saved, then the next comment is scored with it, and the change is logged with its author', async () => {
    const before = await add('Tu es un zorglubard, tu dis n’importe quoi.');
    assert.equal(before.status, 'published');
    const { version } = await applyAndWait({ op: 'add', entry: term('zorglubard') });
    assert.equal(version, 1);

    const after = await add('Encore un zorglubard qui parle : tu es un zorglubard.');
    assert.equal(after.status, 'held');
    assert.ok(after.matches.some((m) => m.term === 'zorglubard(s)' && m.text.toLowerCase() === 'zorglubard'));
    assert.match(after.scorerVersion, /\+local\.1(\/|$)/, 'the local version, then the model’s if any');

    const [change] = await lexicon.history();
    assert.equal(change!.action, 'add');
    assert.equal(change!.userName, admin.displayName);
    assert.deepEqual(change!.before, []);
    assert.deepEqual((change!.after as Array<{ words: string }>).map((e) => e.words), ['zorglubard']);
  });

  it('when another instance reads the lexicon, then it sees the change at its next comment', async () => {
    const otherInstance = createLexiconScorerSource(createLexiconRepo(db));
    const lexiconHits = async (text: string) => (await otherInstance.current()).score(text).matches.filter((m) => m.source !== 'model');
    assert.equal((await lexiconHits('Tu es un bidulard')).length, 0);
    await applyAndWait({ op: 'add', entry: term('bidulard') });
    assert.equal((await lexiconHits('Tu es un bidulard'))[0]?.term, 'bidulard(s)');
  });

  it('when the dry run counts changes, then saving changes exactly those comments, and only comments in triage', async () => {
    const published = await add('Tu es un vrai trucmuchard.');
    const alsoPublished = await add('Les trucmuchards de ce forum.');
    const civil = await add('Merci pour cet article.');
    const flaggedCretin = await add('Quel crétin, franchement.');
    const approved = await add('Trucmuchard, va.');
    const moderation = createModerationService(db);
    await moderation.decide(admin, { commentId: approved.id, expectedVersion: approved.version, action: 'approve' });
    const rejected = await add('Crétin de trucmuchard.');
    await moderation.decide(admin, { commentId: rejected.id, expectedVersion: rejected.version, action: 'reject', reasonCode: 'insulte' });

    const change = { op: 'add' as const, entry: term('trucmuchard') };
    const { report } = await lexicon.dryRun(change);
    assert.equal(report.total, 4, 'published, flagged and held comments only');
    assert.equal(report.examined, 4);
    assert.equal(report.byStatus.published.changed, 2);
    assert.equal(report.byStatus.flagged.changed, 0);
    assert.deepEqual(report.byStatus.published.samples.map((s) => s.id).sort(), [published.id, alsoPublished.id].sort());

    const { job } = await applyAndWait(change);
    assert.equal(job.status, 'done');
    assert.equal(job.changed, report.byStatus.published.changed + report.byStatus.flagged.changed + report.byStatus.held.changed);
    const events = await db('moderation_events').where({ action: 'rescore' }).select('comment_id', 'actor_type', 'from_status');
    assert.deepEqual(events.map((e) => Number(e.comment_id)).sort(), [published.id, alsoPublished.id].sort());
    assert.ok(events.every((e) => e.actor_type === 'system' && e.from_status === 'published'));
    assert.notEqual(await statusOf(published.id), 'published');
    assert.equal(await statusOf(civil.id), 'published');
    assert.equal(await statusOf(flaggedCretin.id), flaggedCretin.status);
    assert.equal(await statusOf(approved.id), 'approved', "a moderator's approval stands");
    assert.equal(await statusOf(rejected.id), 'rejected', "a moderator's rejection stands");
  });

  it('when a built-in term is disabled, then comments held or flagged only for it are published again, and re-enabling restores it', async () => {
    const cretin = await add('Tu es un crétin.');
    assert.notEqual(cretin.status, 'published');
    const disable = { op: 'add' as const, entry: term('crétin(e)(s)', { kind: 'disable' }) };
    const { report } = await lexicon.dryRun(disable);
    assert.equal(report.byStatus[cretin.status as 'held' | 'flagged'].changed, 1);
    await applyAndWait(disable);
    assert.equal(await statusOf(cretin.id), 'published');
    assert.equal((await add('Tu es un crétin, encore.')).status, 'published');

    const disabled = (await lexicon.listLocal()).find((e) => e.kind === 'disable')!;
    await applyAndWait({ op: 'remove', id: disabled.id });
    assert.notEqual((await add('Tu es un crétin, encore une fois.')).status, 'published');
  });

  it('when a built-in pattern of several hundred characters matches or is disabled, then both are stored whole', async () => {
    const slur = builtinLexicon.find((e) => e.pattern.startsWith('sale/sales arabe/'))!;
    assert.ok(slur.pattern.length > 500);
    const comment = await add('Sale arabe.');
    assert.ok(comment.matches.some((m) => m.term === slur.pattern));
    const counted = await db('triage_term_days').where({ term: slur.pattern }).first();
    assert.ok(counted !== undefined, 'the statistics count the whole pattern');
    await applyAndWait({ op: 'add', entry: term(slur.pattern, { kind: 'disable' }) });
    const stored = (await lexicon.listLocal()).find((e) => e.kind === 'disable')!;
    assert.equal(stored.words, slur.pattern);
    assert.ok(!(await add('Sale arabe, encore.')).matches.some((m) => m.term === slur.pattern));
  });

  it("when a pre-moderated author's held comment loses its score, then it stays held", async () => {
    const comment = await add('Espèce de crétin.');
    await createAuthorsRepo(db).setStatus(comment.author.id, 'premoderated');
    await db('comments').where({ id: comment.id }).update({ status: 'held' });
    await applyAndWait({ op: 'add', entry: term('crétin(e)(s)', { kind: 'disable' }) });
    assert.equal(await statusOf(comment.id), 'held');
  });

  it('when an allowed phrase contains a term, then the term is quiet inside it and still caught elsewhere', async () => {
    await applyAndWait({ op: 'add', entry: term('tartempion') });
    await applyAndWait({ op: 'add', entry: { ...term('rue du tartempion'), kind: 'allow' } });
    assert.equal((await add('Rendez-vous rue du Tartempion à Ségou, tu verras.')).matches.length, 0);
    assert.equal((await add('Tu es un tartempion.')).status, 'held');
  });

  it('when entries would match nothing or everything, then they are refused with a message and nothing is saved', async () => {
    const refused: Array<[Parameters<LexiconService['apply']>[0], RegExp]> = [
      [{ op: 'add', entry: { ...term('rue de la paix'), kind: 'allow' } }, /aucun terme du lexique/],
      [{ op: 'add', entry: term('pas-du-tout-un-pattern', { kind: 'disable' }) }, /pas un terme du lexique intégré/],
      [{ op: 'add', entry: term('de la') }, /mots courants/],
      [{ op: 'add', entry: term('b') }, /trop court/],
      [{ op: 'remove', id: 999_999 }, /n'existe plus/],
    ];
    for (const [change, message] of refused) {
      await assert.rejects(lexicon.dryRun(change), (err: unknown) => err instanceof LocalEntryError && message.test(err.message));
      await assert.rejects(lexicon.apply(change, admin), (err: unknown) => err instanceof LocalEntryError && message.test(err.message));
    }
    assert.equal(await lexicon.currentVersion(), 0);
    assert.equal((await lexicon.listLocal()).length, 0);
  });

  it('when the local lexicon is exported to CSV and imported into an empty one, then the same entries come back', async () => {
    await applyAndWait({ op: 'add', entry: term('zigomar', { forms: 'gender_plural', variants: ['zigomard'], category: 'harassment', severity: 2, needsTarget: true }) });
    await applyAndWait({ op: 'add', entry: term('crétin(e)(s)', { kind: 'disable' }) });
    await applyAndWait({ op: 'add', entry: { ...term('col du zigomar'), kind: 'allow' } });
    const csv = await lexicon.exportCsv();
    const exported = (await lexicon.listLocal()).map(({ kind, words, forms, variants, category, severity, needsTarget }) => ({ kind, words, forms, variants, category, severity, needsTarget }));

    await db('lexicon_local').delete();
    const entries = lexicon.parseCsv(csv);
    await applyAndWait({ op: 'import', entries });
    const imported = (await lexicon.listLocal()).map(({ kind, words, forms, variants, category, severity, needsTarget }) => ({ kind, words, forms, variants, category, severity, needsTarget }));
    assert.deepEqual(imported, exported);
  });

  it('when a CSV has bad rows, then each is reported with its line and nothing is imported', () => {
    const csv = ['kind;words;forms;variants;category;severity;needs_target', 'term;zigomar;plural;;insult;2;non', 'term;de la;exact;;insult;2;non', 'word;truc;exact;;insult;9;non'].join('\n');
    assert.throws(
      () => lexicon.parseCsv(csv),
      (err: unknown) => err instanceof LocalEntryError && /ligne 3 : .*mots courants/.test(err.message) && /ligne 4 : /.test(err.message),
    );
  });

  it('when a rescoring process died midway, then a server resumes it from its last batch and finishes', async () => {
    const comments = [];
    for (let i = 0; i < 6; i++) comments.push(await add(`Commentaire ${i} d’un machinard.`));
    await lexicon.apply({ op: 'add', entry: term('machinard') }, admin).then(async ({ jobId }) => {
      // Let the background job finish, then pretend it had died after the third comment.
      for (let i = 0; i < 200 && (await rescore.findJob(jobId))!.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    });
    await db('comments').whereIn('id', comments.slice(3).map((c) => c.id)).update({ status: 'published', score: 0, matches: '[]' });
    const jobId = (await rescore.latestJob())!.id;
    await db('rescore_jobs').where({ id: jobId }).update({ status: 'running', finished_at: null, last_comment_id: comments[2]!.id, heartbeat_at: new Date(Date.now() - 10 * 60_000) });

    const resumed = await rescore.resumeStale();
    assert.deepEqual(resumed, [jobId]);
    assert.deepEqual(await rescore.resumeStale(), [], 'a claimed job is not claimed twice');
    for (let i = 0; i < 200 && (await rescore.findJob(jobId))!.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    for (const c of comments) assert.notEqual(await statusOf(c.id), 'published');
  });

  it('when a moderator decides a comment after rescoring read it, then rescoring does not overwrite the decision', async () => {
    const comment = await add('Espèce de crétin.');
    const moderation = createModerationService(db);
    await moderation.decide(admin, { commentId: comment.id, expectedVersion: comment.version, action: 'approve' });
    const repo = createRescoreRepo(db);
    const written = await db.transaction((trx) =>
      repo.writeScores(trx, [{ id: comment.id, version: comment.version, status: 'published', statusChanged: true, score: 0, categories: { insult: 0, harassment: 0, threat: 0, identity_attack: 0, sexual: 0, profanity: 0 }, target: 'none', matches: [], scorerVersion: 'x' }], new Date()),
    );
    assert.equal(written.size, 0);
    assert.equal(await statusOf(comment.id), 'approved');
  });
});
