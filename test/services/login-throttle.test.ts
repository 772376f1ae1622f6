import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';
import { createLogger } from '../../src/logger.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLoginFailuresRepo } from '../../src/repositories/login-failures.repo.js';
import { createLoginThrottle, LOGIN_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../../src/services/login-throttle.js';

describe('the login throttle', () => {
  let testEnv: TestEnv;
  let db: Knex;
  let clock = new Date('2026-11-23T10:00:00Z');
  let throttle: ReturnType<typeof createLoginThrottle>;
  const rows = async () => Number((await db('login_failures').count({ n: '*' }).first())?.n);

  before(async () => {
    testEnv = createTestEnv();
    db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    throttle = createLoginThrottle(createLoginFailuresRepo(db), () => clock);
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  it('when an account reaches the limit, then it is blocked until its failures are older than the window', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) assert.equal((await throttle.begin('a@x.test', `10.0.0.${i}`)).allowed, true);
    const blocked = await throttle.begin('A@X.test ', '10.0.1.1');
    assert.deepEqual(blocked, { allowed: false, blockedBy: 'account' }, 'past the limit, from any address, whatever the case');
    clock = new Date(clock.getTime() + LOGIN_WINDOW_MS + 1);
    assert.equal((await throttle.begin('a@x.test', '10.0.1.1')).allowed, true, 'the window has passed');
    clock = new Date(clock.getTime() + LOGIN_WINDOW_MS + 1);
    await throttle.prune();
    assert.equal(await rows(), 0, 'old failures are pruned');
  });

  it('when one address fails across many accounts, then that address is blocked, not the accounts elsewhere', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await throttle.begin(`user${i}@x.test`, '192.0.2.7');
    assert.deepEqual(await throttle.begin('someone@x.test', '192.0.2.7'), { allowed: false, blockedBy: 'address' });
    assert.equal((await throttle.begin('user1@x.test', '192.0.2.8')).allowed, true);
  });

  it('when 500 attempts on one account arrive at once, then at most the allowance gets to the password, and refused ones store nothing', async () => {
    const before = await rows();
    const attempts = await Promise.all(Array.from({ length: 500 }, (_, i) => throttle.begin('race@x.test', `198.51.100.${i % 250}-${i}`)));
    const allowed = attempts.filter((attempt) => attempt.allowed).length;
    assert.ok(allowed <= MAX_FAILURES_PER_ACCOUNT, `${allowed} attempts were allowed`);
    assert.equal(await rows(), before + allowed * 2, 'only allowed attempts keep their two rows');
    let later = 0;
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++) if ((await throttle.begin('race@x.test', '198.51.100.1')).allowed) later += 1;
    assert.equal(allowed + later, MAX_FAILURES_PER_ACCOUNT, 'the allowance is shared by the burst and what follows it');
  });

  it('when an allowed attempt succeeds, then the account starts afresh and the attempt does not count against the address', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await throttle.begin('ok@x.test', '203.0.113.9');
    const attempt = await throttle.begin('ok@x.test', '203.0.113.9');
    assert.ok(attempt.allowed);
    await attempt.succeeded();
    assert.equal(await createLoginFailuresRepo(db).countSince('email:ok@x.test', new Date(0)), 0);
    assert.equal(await createLoginFailuresRepo(db).countSince('ip:203.0.113.9', new Date(0)), MAX_FAILURES_PER_ACCOUNT - 1);
  });
});
