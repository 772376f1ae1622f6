import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createTestEnv } from '../helpers/test-env.js';
import { openDatabase } from '../../src/db/connection.js';
import { hashApiKey } from '../../src/security/api-keys.js';

const testEnv = createTestEnv();
after(() => testEnv.cleanup());

function crible(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: testEnv.env, encoding: 'utf8' });
}

describe('the crible command', () => {
  it('when asked for help, then every command is listed', () => {
    const res = crible('--help');
    assert.equal(res.status, 0);
    for (const command of ['serve', 'migrate', 'user', 'apikey', 'score']) assert.match(res.stdout, new RegExp(`\\b${command}\\b`));
    const add = crible('user', 'add', '--help');
    assert.match(add.stdout, /--email <email>/);
    assert.match(add.stdout, /--role <role>/);
  });

  it('when migrate runs, then the database is up to date', () => {
    const res = crible('migrate');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /database is up to date/);
  });

  it('when a user is added without a password, then one is generated and printed once', async () => {
    const res = crible('user', 'add', '--email', 'Modo@Journal.example', '--role', 'moderator');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /created moderator modo@journal\.example/);
    assert.match(res.stdout, /password: \S{20}/);
    const again = crible('user', 'add', '--email', 'modo@journal.example', '--role', 'admin');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('when the role is unknown, then commander refuses it', () => {
    const res = crible('user', 'add', '--email', 'x@y.z', '--role', 'boss');
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /Allowed choices are admin, moderator/);
  });

  it('when an API key is created, then it is printed once and only its hash is stored', async () => {
    const res = crible('apikey', 'create', '--name', 'cms', '--scopes', 'read,ingest');
    assert.equal(res.status, 0, res.stderr);
    const key = /^(crb_\S+)$/m.exec(res.stdout)?.[1];
    assert.ok(key, res.stdout);
    assert.match(res.stdout, /"cms" \(ingest, read\)/);
    const db = await openDatabase(testEnv.config.database);
    try {
      const rows = await db('api_keys').select('name', 'key_hash', 'scopes');
      assert.deepEqual(rows, [{ name: 'cms', key_hash: hashApiKey(key), scopes: 'ingest read' }]);
    } finally {
      await db.destroy();
    }
    const list = crible('apikey', 'list');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^1\tcrb_\S+…\tcms\tingest,read\tlast used never$/m);
    assert.equal(crible('apikey', 'revoke', '1').status, 0);
    assert.match(crible('apikey', 'list').stdout, /\tcms\tingest,read\trevoked \d{4}-/);
  });

  it('when an API key is asked with an unknown scope or none, then the command refuses with the known ones', () => {
    const unknown = crible('apikey', 'create', '--name', 'x', '--scopes', 'ingest,admin');
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /unknown API key scope: admin \(known: ingest, read, export, import, metrics\)/);
    assert.notEqual(crible('apikey', 'create', '--name', 'x').status, 0);
  });
});
