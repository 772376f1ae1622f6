import type { Knex } from 'knex';
import { fromJsonText, toJsonText } from '../db/dialect.js';

/** Small typed values an admin changes at run time, shared by every instance through the database. */
export function createSettingsRepo(db: Knex) {
  return {
    async get<T>(key: string, fallback: T): Promise<T> {
      const row = await db('settings').select('value').where({ key }).first();
      return row ? fromJsonText<T>(row.value, fallback) : fallback;
    },

    async set(key: string, value: unknown): Promise<void> {
      await db('settings')
        .insert({ key, value: toJsonText(value), updated_at: new Date() })
        .onConflict('key')
        .merge(['value', 'updated_at']);
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
