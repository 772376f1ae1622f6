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
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await throttle.failed('a@x.test', `10.0.0.${i}`);
    assert.equal(await throttle.isBlocked('a@x.test', '10.0.1.1'), false, 'one under the limit');
    await throttle.failed('A@X.test ', '10.0.0.99');
    assert.equal(await throttle.isBlocked('a@x.test', '10.0.1.1'), true, 'at the limit, from any address, whatever the case');
    clock = new Date(clock.getTime() + LOGIN_WINDOW_MS + 1);
    assert.equal(await throttle.isBlocked('a@x.test', '10.0.1.1'), false, 'the window has passed');
    await throttle.prune();
    assert.equal(Number((await db('login_failures').count({ n: '*' }).first())?.n), 0, 'old failures are pruned');
  });

  it('when one address fails across many accounts, then that address is blocked, not the accounts elsewhere', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await throttle.failed(`user${i}@x.test`, '192.0.2.7');
    assert.equal(await throttle.isBlocked('someone@x.test', '192.0.2.7'), true);
    assert.equal(await throttle.isBlocked('user1@x.test', '192.0.2.8'), false);
  });
});
