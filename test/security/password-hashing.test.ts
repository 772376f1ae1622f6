import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, OWASP_SCRYPT_N } from '../../src/config.js';
import { createPasswordHasher, DEFAULT_SCRYPT_COST } from '../../src/security/passwords.js';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.js';

describe('password hashing cost', () => {
  it("when nothing is configured, then new hashes use OWASP's scrypt minimum (N=2^17, r=8, p=1)", async () => {
    assert.deepEqual(loadConfig({}).scryptCost, { N: 131072, r: 8, p: 1 });
    assert.deepEqual(DEFAULT_SCRYPT_COST, { N: OWASP_SCRYPT_N, r: 8, p: 1 });
    const stored = await createPasswordHasher().hash('un mot de passe assez long');
    assert.match(stored, /^scrypt\$131072\$8\$1\$/);
    assert.deepEqual(await createPasswordHasher().verify('un mot de passe assez long', stored), { ok: true, needsRehash: false });
  });

  it('when a cheaper cost is configured in production, then the configuration is refused', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), CRIBLE_SCRYPT_N: '1024' }),
      /CRIBLE_SCRYPT_N below 131072 is for tests/,
    );
    assert.throws(() => loadConfig({ CRIBLE_SCRYPT_N: '1000' }), /power of two/);
  });
});

describe('a hash made at the old cost', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ CRIBLE_SCRYPT_N: String(OWASP_SCRYPT_N) });
  });
  after(() => t.close());

  it('when its user signs in, then the hash is raised to the configured cost and the password still works', async () => {
    const old = createPasswordHasher({ N: 16384, r: 8, p: 1 });
    const email = 'ancien@journal.example';
    const password = 'mot-de-passe-de-2025';
    await t.db('users').insert({ email, display_name: 'Ancien', role: 'moderator', password_hash: await old.hash(password), created_at: new Date() });
    await signIn(t.app, { email, password });
    const [after] = await t.db('users').where({ email }).pluck('password_hash');
    assert.match(after, /^scrypt\$131072\$8\$1\$/);
    await signIn(t.app, { email, password });
    assert.equal((await t.db('users').where({ email }).pluck('password_hash'))[0], after, 'raised once, then left alone');
  });
});
