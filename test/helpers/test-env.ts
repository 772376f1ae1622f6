import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knex from 'knex';
import { loadConfig, type Config } from '../../src/config.js';

/**
 * A private place for one test file: a temporary data folder and, when the suite runs on
 * PostgreSQL (DATABASE_URL=postgres://…), a schema of its own so runs never collide.
 */
export interface TestEnv {
  env: Record<string, string>;
  config: Config;
  dataDir: string;
  /** Drops the PostgreSQL schema and removes the data folder. */
  cleanup(): Promise<void>;
}

export const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export function createTestEnv(overrides: Record<string, string> = {}): TestEnv {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'crible-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    CRIBLE_DATA_DIR: dataDir,
    CRIBLE_DEMO: '0',
    // Tests create hundreds of users: OWASP's cost (128 MiB, ~0.1 s a hash) is for production.
    CRIBLE_SCRYPT_N: '1024',
    PATH: process.env.PATH ?? '',
  };
  if (onPostgres) {
    env.DATABASE_URL = process.env.DATABASE_URL!;
    env.DATABASE_SCHEMA = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  }
  Object.assign(env, overrides);
  const config = loadConfig(env);
  return {
    env,
    config,
    dataDir,
    async cleanup() {
      if (onPostgres && env.DATABASE_SCHEMA) {
        const admin = knex({ client: 'pg', connection: env.DATABASE_URL });
        await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [env.DATABASE_SCHEMA]);
        await admin.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
