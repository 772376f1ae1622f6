import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config.js';

/**
 * Opens the database. SQLite gets foreign keys, WAL and a busy timeout on every connection;
 * PostgreSQL gets its schema created when one is named (tests run each in their own).
 */
export async function openDatabase(database: DatabaseConfig): Promise<Knex> {
  if (database.client === 'sqlite') {
    if (database.filename !== ':memory:') mkdirSync(path.dirname(database.filename), { recursive: true });
    return knex({
      client: 'sqlite3',
      connection: { filename: database.filename },
      useNullAsDefault: true,
      // One connection: SQLite serializes writers anyway, and WAL lets readers through.
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
          conn.exec(
            // 32 MB of page cache: the queue's indexes make every insert touch several b-trees.
            'PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -32000; PRAGMA wal_autocheckpoint = 10000;',
            (err) => done(err, conn),
          );
        },
      },
    });
  }
  const db = knex({
    client: 'pg',
    connection: { connectionString: database.connectionString },
    searchPath: database.schema ? [database.schema] : undefined,
    // knex reads pool at the top level of its config, not inside connection.
    pool: { min: 0, max: 10 },
  });
  if (database.schema) await db.raw('CREATE SCHEMA IF NOT EXISTS ??', [database.schema]);
  return db;
}

interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
}
