import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createTestEnv } from '../helpers/test-env.js';
import { aComment } from '../helpers/comments.js';
import { createLogger } from '../../src/logger.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createScorer } from '../../src/scoring/index.js';
import { fixedScorer } from '../../src/services/lexicon/scorer-source.js';
import { createSettingsRepo } from '../../src/repositories/settings.repo.js';
import { createUsersRepo } from '../../src/repositories/users.repo.js';
import { createApiKeysRepo } from '../../src/repositories/api-keys.repo.js';
import { createThresholdsService } from '../../src/services/triage.js';
import { createIngestService, type IncomingComment } from '../../src/services/ingest.service.js';
import { createAccountsService } from '../../src/services/accounts.service.js';
import { createModerationService } from '../../src/services/moderation.service.js';

const testEnv = createTestEnv();
function crible(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: testEnv.env, encoding: 'utf8' });
}

function assertOneLineError(res: ReturnType<typeof crible>, pattern: RegExp) {
  assert.equal(res.status, 1, res.stderr);
  assert.equal(res.stdout, '');
  const lines = res.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${res.stderr}`);
  assert.match(lines[0]!, pattern);
}

describe('the crible export command', () => {
  const externalIds: string[] = [];
  let moderatorEmail = '';

  before(async () => {
    const db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    try {
      const ingest = createIngestService({ db, scorers: fixedScorer(createScorer()), thresholds: createThresholdsService(createSettingsRepo(db)) });
      const bodies = ['Espèce de connard.', '-2 pour cet article', 'Merci pour cet article.', '=1+1'];
      const batch = bodies.map((body) => {
        const c = aComment({ body });
        externalIds.push(c.externalId as string);
        return { ...c, createdAt: new Date(c.createdAt as string) } as unknown as IncomingComment;
      });
      const outcomes = await ingest.ingest(batch);
      const accounts = createAccountsService({ users: createUsersRepo(db), apiKeys: createApiKeysRepo(db) });
      const { user } = await accounts.addUser({ email: 'chloe@journal.example', role: 'moderator', password: 'password-long-3', displayName: 'Chloé' });
      moderatorEmail = user.email;
      const first = outcomes[0]!.comment;
      await createModerationService(db).decide(user, { commentId: first.id, expectedVersion: first.version, action: 'reject', reasonCode: 'insulte' });
    } finally {
      await db.destroy();
    }
  });
  after(() => testEnv.cleanup());

  it('when the log is exported without options, then CSV goes to stdout and nothing to stderr', () => {
    const res = crible('export', 'log');
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stderr, '');
    const records = parse(res.stdout, { columns: true }) as Array<Record<string, string>>;
    assert.equal(records.length, 5, 'four triages and a rejection');
    const reject = records.find((r) => r.action === 'reject')!;
    assert.equal(reject.who, 'Chloé');
    assert.equal(reject.who_email, moderatorEmail);
    assert.ok(records.some((r) => r.body === "'-2 pour cet article"), 'formulas neutralized');
  });

  it('when filters and a format are given, then only matching rows come out in that format', () => {
    const rejected = crible('export', 'comments', '--format', 'ndjson', '--status', 'rejected');
    assert.equal(rejected.status, 0, rejected.stderr);
    const lines = rejected.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((c) => c.id), [externalIds[0]]);
    const byModerator = crible('export', 'log', '--format', 'json', '--moderator', moderatorEmail, '--reason', 'insulte');
    assert.equal(byModerator.status, 0, byModerator.stderr);
    assert.deepEqual(JSON.parse(byModerator.stdout).map((e: { action: string }) => e.action), ['reject']);
    const raw = crible('export', 'comments', '--no-escape-formulas');
    assert.ok((parse(raw.stdout, { columns: true }) as Array<Record<string, string>>).some((r) => r.body === '=1+1'));
  });

  it('when --output is given, then the file is written whole (BOM, ;) and the row count goes to stderr', () => {
    const file = path.join(testEnv.dataDir, 'journal.csv');
    const res = crible('export', 'log', '--bom', '--delimiter', ';', '--output', file);
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout, '');
    assert.match(res.stderr, /^crible: exported 5 rows to .*journal\.csv\n$/);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.match(text, /^\ufeffevent_id;when;who;/);
    assert.equal(existsSync(`${file}.partial`), false);
  });

  it('when asked for help, then both exports and their options are listed', () => {
    const help = crible('export', 'log', '--help');
    assert.equal(help.status, 0);
    for (const option of ['--format', '--from', '--to', '--moderator', '--action', '--reason', '--article', '--bom', '--delimiter', '--output']) {
      assert.match(help.stdout, new RegExp(option));
    }
    assert.match(crible('export', 'comments', '--help').stdout, /--status <statuses>/);
  });

  it('when an option is bad, then one line on stderr and exit code 1', () => {
    assertOneLineError(crible('export', 'log', '--format', 'xlsx'), /argument 'xlsx' is invalid. Allowed choices are csv, ndjson, json/);
    assertOneLineError(crible('export', 'log', '--from', 'hier'), /^crible: invalid --from: expected a date \(YYYY-MM-DD\)/);
    assertOneLineError(crible('export', 'comments', '--from', '2026-11-24', '--to', '2026-11-23'), /^crible: invalid --to: it is before from/);
    assertOneLineError(crible('export', 'comments', '--status', 'perdu'), /^crible: invalid --status: expected held, flagged/);
    assertOneLineError(crible('export', 'log', '--status', 'held'), /unknown option '--status'/);
    assertOneLineError(crible('export', 'log', '--delimiter', '|'), /Allowed choices are ,, ;/);
    assertOneLineError(crible('export', 'log', '--moderator', 'personne@journal.example'), /^crible: invalid --moderator: no user/);
    const missingDir = path.join(testEnv.dataDir, 'nowhere', 'x.csv');
    assertOneLineError(crible('export', 'log', '--output', missingDir), /^crible: invalid --output: cannot write .*x\.csv \(ENOENT\)$/);
    assert.equal(existsSync(`${missingDir}.partial`), false);
  });
});
