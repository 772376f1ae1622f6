import knex from 'knex';

/** The PostgreSQL every bench uses when it answers (the one CI and the README name). */
export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function pgAvailable(): Promise<boolean> {
  const db = knex({ client: 'pg', connection: PG_URL, acquireConnectionTimeout: 2000 });
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

export async function dropPgSchema(schema: string): Promise<void> {
  const db = knex({ client: 'pg', connection: PG_URL });
  await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
  await db.destroy();
}
