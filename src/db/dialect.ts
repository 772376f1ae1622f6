import type { Knex } from 'knex';

/**
 * Every difference between SQLite and PostgreSQL lives here, so the rest of the code
 * writes one query for both.
 */
export type Dialect = 'sqlite' | 'pg';

export function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  return client === 'pg' ? 'pg' : 'sqlite';
}

/** A time column read back: SQLite gives the stored epoch milliseconds, PostgreSQL a Date. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    // bigint columns come back from pg as strings; ISO strings from older rows also parse.
    const asNumber = Number(value);
    return Number.isFinite(asNumber) ? new Date(asNumber) : new Date(value);
  }
  throw new TypeError(`not a time value: ${String(value)}`);
}

/** COUNT(*) comes back as a number from SQLite and as a string (bigint) from PostgreSQL. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** JSON is stored as text on both databases: one representation, no driver-specific parsing. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJsonText<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/** Case- and accent-insensitive search is LIKE on SQLite (ASCII case only) and ILIKE on PostgreSQL. */
export function likeOperator(db: Knex): 'like' | 'ilike' {
  return dialectOf(db) === 'pg' ? 'ilike' : 'like';
}

/**
 * A multi-row `INSERT … VALUES (…), (…) ON CONFLICT (…) DO … RETURNING …`, which both databases
 * understand. knex writes multi-row inserts for SQLite as `SELECT … UNION ALL SELECT …`, which
 * SQLite parses far more slowly and caps at 500 rows; bulk import is dominated by these inserts.
 * `onConflict` is `do nothing` or a `do update set …` written by the caller (never user input).
 */
export async function insertOnConflict(
  db: Knex,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  conflict: { columns: readonly string[]; action: string },
  returning: readonly string[],
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) return [];
  const insert = insertValues(table, rows);
  const sql = `${insert.sql} on conflict (${conflict.columns.map(quote).join(',')}) ${conflict.action} returning ${returning.map(quote).join(',')}`;
  const result = await db.raw(sql, insert.bindings);
  // sqlite3 returns the rows themselves, pg a result object holding them.
  return (Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows) as Array<Record<string, unknown>>;
}

/** Identifiers here are Crible's own table and column names, never user input. */
function quote(identifier: string): string {
  return `"${identifier}"`;
}

/** A multi-row insert without RETURNING, for append-only tables (see insertIgnoringDuplicates). */
export async function insertRows(db: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const insert = insertValues(table, rows);
  await db.raw(insert.sql, insert.bindings);
}

/** `insert into t (a, b) values (?, ?), (?, ?)` and its bindings, columns taken from the first row. */
function insertValues(table: string, rows: ReadonlyArray<Record<string, unknown>>): { sql: string; bindings: Knex.RawBinding[] } {
  const columns = Object.keys(rows[0]!);
  const placeholders = `(${columns.map(() => '?').join(',')})`;
  const bindings: Knex.RawBinding[] = [];
  for (const row of rows) for (const column of columns) bindings.push((row[column] ?? null) as Knex.RawBinding);
  return { sql: `insert into ${quote(table)} (${columns.map(quote).join(',')}) values ${rows.map(() => placeholders).join(',')}`, bindings };
}

/**
 * Refreshes the query planner's statistics after a large write. PostgreSQL plans from statistics
 * that autovacuum normally keeps fresh, but autovacuum may be off or behind during a bulk import,
 * and a plan made for an empty table (a sequential scan) turns each lookup into a full read.
 * SQLite plans from its indexes alone; `PRAGMA optimize` is its cheap equivalent.
 */
export async function refreshPlannerStatistics(db: Knex, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'pg') await db.raw(`analyze ${tables.map(quote).join(', ')}`);
  else await db.raw('pragma optimize');
}

/**
 * A bound parameter of a given SQL type. PostgreSQL types the parameters of a `VALUES` list as
 * text unless told; SQLite has no such need (and no such syntax).
 *
 * @example
 * typedParam(db, 'double precision'); // '?::double precision' on PostgreSQL, '?' on SQLite
 */
export function typedParam(db: Knex, sqlType: string): string {
  return dialectOf(db) === 'pg' ? `?::${sqlType}` : '?';
}
