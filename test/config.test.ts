import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadConfig, ConfigError, DEFAULT_IMPORT_HEAP_MB } from '../src/config.js';

describe('loadConfig', () => {
  it('when nothing is set, then it serves on 3000 from ./data/crible.sqlite with demo data', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.deepEqual(config.database, { client: 'sqlite', filename: path.resolve('data/crible.sqlite') });
    assert.equal(config.loadDemo, true);
    assert.equal(config.sessionSecret, undefined);
    assert.ok(Object.isFrozen(config));
  });

  it('when CRIBLE_IMPORT_HEAP_MB is unset, then the import heap cap is the documented default; 0 means no cap', () => {
    assert.equal(loadConfig({}).importHeapMb, DEFAULT_IMPORT_HEAP_MB);
    assert.equal(loadConfig({ CRIBLE_IMPORT_HEAP_MB: '0' }).importHeapMb, 0);
    assert.equal(loadConfig({ CRIBLE_IMPORT_HEAP_MB: ' 768 ' }).importHeapMb, 768);
  });

  it('when .env.example is read, then its import heap cap names the same default', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    assert.match(example, new RegExp(`Default ${DEFAULT_IMPORT_HEAP_MB}; 0 for no cap`));
  });

  const databaseUrls: Array<[string, unknown]> = [
    ['sqlite:/tmp/x.sqlite', { client: 'sqlite', filename: '/tmp/x.sqlite' }],
    ['sqlite::memory:', { client: 'sqlite', filename: ':memory:' }],
    ['postgres://u@h:5432/db', { client: 'pg', connectionString: 'postgres://u@h:5432/db', schema: undefined }],
    ['postgresql://u@h/db', { client: 'pg', connectionString: 'postgresql://u@h/db', schema: undefined }],
  ];
  for (const [url, expected] of databaseUrls) {
    it(`when DATABASE_URL=${url}, then the database is ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(loadConfig({ DATABASE_URL: url }).database, expected);
    });
  }

  const errors: Array<[Record<string, string>, RegExp]> = [
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, /DATABASE_URL must start with sqlite: or postgres:\/\//],
    [{ DATABASE_URL: 'sqlite:' }, /sqlite: needs a file path/],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required when NODE_ENV=production/],
    [{ PORT: 'abc' }, /PORT must be a port number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
    [{ CRIBLE_DEMO: 'maybe' }, /CRIBLE_DEMO must be one of/],
    [{ CRIBLE_ADMIN_EMAIL: 'not-an-email' }, /CRIBLE_ADMIN_EMAIL must be an e-mail address/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be false, a hop count/],
    [{ CRIBLE_IMPORT_HEAP_MB: '1.5e3' }, /CRIBLE_IMPORT_HEAP_MB must be a whole number of MB/],
    [{ CRIBLE_IMPORT_HEAP_MB: '-1' }, /CRIBLE_IMPORT_HEAP_MB must be a whole number of MB/],
  ];
  for (const [env, message] of errors) {
    it(`when ${JSON.stringify(env)}, then it refuses with a clear message`, () => {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }

  it('when NODE_ENV=production, then demo data is off by default and the secret is used', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    assert.equal(config.loadDemo, false);
    assert.equal(config.sessionSecret, 'x'.repeat(40));
  });

  it('when TRUST_PROXY is unset, false, a count or a list, then trust proxy is loopback, off, hops or those peers', () => {
    assert.equal(loadConfig({}).trustProxy, 'loopback');
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy, 'loopback,10.0.0.0/8');
  });

  it('when a variable is set to an empty string, then its default applies', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 3000);
  });
});

describe('the crible command with a bad configuration', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a bad DATABASE_URL', { DATABASE_URL: 'mongodb://x' }, /DATABASE_URL must start with/],
    ['production without a secret', { NODE_ENV: 'production' }, /SESSION_SECRET is required/],
  ];
  for (const [name, env, message] of cases) {
    it(`when started with ${name}, then it prints one clear line and exits non-zero`, () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
      assert.notEqual(result.status, 0);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /^crible: Invalid configuration: /);
      assert.match(lines[0]!, message);
    });
  }
});
