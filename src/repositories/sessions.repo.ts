import type { Knex } from 'knex';

/** Sessions live in the database so that several Crible instances behind one site share them. */
export function createSessionsRepo(db: Knex) {
  return {
    async get(sid: string, now: Date): Promise<string | undefined> {
      const row = await db('sessions').select('data').where({ sid }).andWhere('expires_at', '>', now).first();
      return row?.data as string | undefined;
    },

    async set(sid: string, data: string, expiresAt: Date): Promise<void> {
      await db('sessions')
        .insert({ sid, data, expires_at: expiresAt })
        .onConflict('sid')
        .merge(['data', 'expires_at']);
    },

    async touch(sid: string, expiresAt: Date): Promise<void> {
      await db('sessions').where({ sid }).update({ expires_at: expiresAt });
    },

    async destroy(sid: string): Promise<void> {
      await db('sessions').where({ sid }).delete();
    },

    async deleteExpired(now: Date): Promise<number> {
      return db('sessions').where('expires_at', '<=', now).delete();
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
