import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { failureReason } from '../../src/services/import/import.service.js';
import { createTestEnv } from '../helpers/test-env.js';

describe('what a failed import job says', () => {
  it('when the database refuses a statement, then the job keeps the driver’s words, not the SQL', async () => {
    const testEnv = createTestEnv();
    const db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    try {
      const err = await db('import_jobs').insert({ no_such_column: 'x'.repeat(2000) }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof Error);
      assert.match(err.message, /^insert into/i, 'knex puts the statement first');
      const reason = failureReason(err);
      assert.doesNotMatch(reason, /insert into|xxxx/i);
      assert.match(reason, /no_such_column/);
      assert.ok(reason.length <= 500);
    } finally {
      await db.destroy();
      await testEnv.cleanup();
    }
  });

  it('when the upload was cut off, then the job says how to complete it', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    assert.match(failureReason(aborted), /interrupted.*send the same file again/);
  });
});
