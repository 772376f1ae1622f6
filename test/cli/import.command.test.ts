import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestEnv, onPostgres, type TestEnv } from '../helpers/test-env.js';
import { openDatabase } from '../../src/db/connection.js';
import { secondaryIndexes } from '../../src/db/dialect.js';
import { APPENDED_INDEXES } from '../../src/repositories/deferred-indexes.repo.js';

const testEnv = createTestEnv();
after(() => testEnv.cleanup());

function crible(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: testEnv.env, encoding: 'utf8' });
}

async function count(where: Record<string, string>, env: TestEnv = testEnv): Promise<number> {
  const db = await openDatabase(env.config.database);
  try {
    return Number((await db('comments').where(where).count({ n: '*' }).first())?.n);
  } finally {
    await db.destroy();
  }
}

/** The read indexes present, and those an interrupted import left to build. */
async function indexState(env: TestEnv): Promise<{ present: string[]; pending: string[] }> {
  const db = await openDatabase(env.config.database);
  try {
    const present = (await secondaryIndexes(db, ['comments', 'moderation_events'])).map((index) => index.name);
    return { present, pending: await db('deferred_indexes').orderBy('name').pluck('name') };
  } finally {
    await db.destroy();
  }
}

describe('crible import', () => {
  it('when a CSV file is imported, then the report is printed, and --json gives it to machines', () => {
    const file = path.join(testEnv.dataDir, 'coral.csv');
    writeFileSync(file, 'id,author_id,story_id,created_at,body,parent_id,status\nk1,u1,s1,2024-01-05T10:00:00Z,"Bonjour",,NONE\nk2,u2,s1,pas-une-date,"x",,NONE\n');
    const res = crible('import', file, '--source', 'cli');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /read 2, inserted 1, duplicates 0, rejected 1/);
    const again = crible('import', file, '--source', 'cli', '--json');
    const report = JSON.parse(again.stdout);
    assert.deepEqual([report.inserted, report.duplicates, report.rejected], [0, 1, 1]);
    const rejects = crible('import-rejects', String(report.jobId));
    assert.equal(rejects.stdout, 'id,author_id,story_id,created_at,body,parent_id,status\nk2,u2,s1,pas-une-date,"x",,NONE\n');
    const reasons = crible('import-rejects', String(report.jobId), '--reasons');
    assert.match(reasons.stdout, /^line,reason,excerpt\n3,"created_at: invalid date/);
  });

  it('when the format cannot be told or a --map field is unknown, then one clear error', () => {
    const file = path.join(testEnv.dataDir, 'dump.txt');
    writeFileSync(file, 'x');
    const res = crible('import', file);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^crible: cannot tell the format of .*dump\.txt/);
    const map = crible('import', file, '--format', 'csv', '--map', 'colour=x');
    assert.equal(map.status, 1);
    assert.match(map.stderr, /unknown field "colour"/);
  });

  it('when the file does not exist, then one clear error and nothing else', () => {
    const res = crible('import', path.join(testEnv.dataDir, 'absent.ndjson'));
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^crible: cannot read .*absent\.ndjson: no such file\n$/);
  });

  it('when the import is killed with SIGKILL midway and run again, then every row is there exactly once', async () => {
    const total = 20_000;
    const file = path.join(testEnv.dataDir, 'big.ndjson');
    const lines = [];
    for (let i = 0; i < total; i++) {
      lines.push(JSON.stringify({ id: `big-${i}`, article_id: `a${i % 10}`, author_id: `u${i % 300}`, body: i % 7 === 0 ? 'Espèce de connard' : `Commentaire numéro ${i}` }));
    }
    writeFileSync(file, lines.join('\n') + '\n');

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--source', 'killed'], { env: testEnv.env, stdio: 'ignore' });
    let stored = 0;
    for (let waited = 0; waited < 60_000 && stored === 0; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await count({ source: 'killed' }).catch(() => 0);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const partial = await count({ source: 'killed' });
    assert.ok(partial > 0 && partial < total, `killed midway (${partial} of ${total} stored)`);

    const res = crible('import', file, '--source', 'killed', '--json');
    assert.equal(res.status, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.equal(report.inserted + report.duplicates, total);
    assert.equal(report.duplicates, partial, 'what the killed run stored is recognized, not stored again');
    assert.equal(await count({ source: 'killed' }), total);
  });

  it('when a first import, its read indexes deferred, is killed with SIGKILL and run again, then every row is there once and every index is back', async () => {
    const fresh = createTestEnv();
    try {
      const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], { env: fresh.env, encoding: 'utf8' });
      assert.equal(migrated.status, 0, migrated.stderr);
      const expected = (await indexState(fresh)).present;
      const total = 20_000;
      const file = path.join(fresh.dataDir, 'first.ndjson');
      const lines = [];
      for (let i = 0; i < total; i++) lines.push(JSON.stringify({ id: `first-${i}`, article_id: `a${i % 10}`, author_id: `u${i % 300}`, body: i % 7 === 0 ? 'Espèce de connard' : `Commentaire ${i}` }));
      writeFileSync(file, lines.join('\n') + '\n');

      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--source', 'first'], { env: fresh.env, stdio: 'ignore' });
      let stored = 0;
      for (let waited = 0; waited < 60_000 && stored === 0; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stored = await count({ source: 'first' }, fresh).catch(() => 0);
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const partial = await count({ source: 'first' }, fresh);
      assert.ok(partial > 0 && partial < total, `killed midway (${partial} of ${total} stored)`);
      assert.deepEqual(
        await indexState(fresh),
        {
          present: expected.filter((name) => APPENDED_INDEXES.has(name)),
          // On SQLite the full-text index (a table, not an index of `comments`) is deferred too.
          pending: [...expected.filter((name) => !APPENDED_INDEXES.has(name)), ...(onPostgres ? [] : ['comments_fts'])].sort(),
        },
        'killed while its indexes were deferred',
      );

      const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--source', 'first', '--json'], { env: fresh.env, encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      const report = JSON.parse(res.stdout);
      assert.deepEqual([report.inserted, report.duplicates], [total - partial, partial]);
      assert.equal(await count({ source: 'first' }, fresh), total);
      assert.deepEqual(await indexState(fresh), { present: expected, pending: [] });
    } finally {
      await fresh.cleanup();
    }
  });
});
