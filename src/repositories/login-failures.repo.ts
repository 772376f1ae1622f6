import type { Knex } from 'knex';
import { toCount } from '../db/dialect.js';

/** Sign-in attempts by key (`email:…`, `ip:…`), for throttling. */
export function createLoginFailuresRepo(db: Knex) {
  return {
    /** Writes one row per key and returns their ids, so an attempt that passes can take its rows back. */
    async record(keys: readonly string[], at: Date): Promise<number[]> {
      const rows = await db('login_failures')
        .insert(keys.map((key) => ({ key, at })))
        .returning('id');
      return rows.map((row: { id: number | string } | number) => Number(typeof row === 'object' ? row.id : row));
    },

    async countSince(key: string, since: Date): Promise<number> {
      const row = await db('login_failures').where({ key }).where('at', '>=', since).count<{ n: unknown }>({ n: '*' }).first();
      return toCount(row?.n);
    },

    async deleteIds(ids: readonly number[]): Promise<void> {
      if (ids.length > 0) await db('login_failures').whereIn('id', ids).delete();
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
