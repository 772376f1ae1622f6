import type { Knex } from 'knex';
import { toCount } from '../db/dialect.js';

/** Failed sign-ins by key (`email:…`, `ip:…`), for throttling. */
export function createLoginFailuresRepo(db: Knex) {
  return {
    async record(keys: readonly string[], at: Date): Promise<void> {
      await db('login_failures').insert(keys.map((key) => ({ key, at })));
    },

    async countSince(key: string, since: Date): Promise<number> {
      const row = await db('login_failures').where({ key }).where('at', '>=', since).count<{ n: unknown }>({ n: '*' }).first();
      return toCount(row?.n);
    },

    async clear(key: string): Promise<void> {
      await db('login_failures').where({ key }).delete();
    },

    async deleteBefore(before: Date): Promise<void> {
      await db('login_failures').where('at', '<', before).delete();
    },
  };
}

export type LoginFailuresRepo = ReturnType<typeof createLoginFailuresRepo>;
