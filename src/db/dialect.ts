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

// ---- Aggregates for the statistics (stats.repo.ts) ----

export const DAY_MS = 86_400_000;

/**
 * SQL for the UTC day of a time column, as a whole number of days since 1970-01-01, so both
 * databases group by the same key. SQLite stores a Date as REAL epoch milliseconds, hence the cast.
 * `column` is one of Crible's own column names, never user input.
 */
export function dayNumberSql(db: Knex, column: string): string {
  return dialectOf(db) === 'pg' ? `floor(extract(epoch from ${column}) / 86400)::bigint` : `cast(${column} / ${DAY_MS} as integer)`;
}

/** SQL for the milliseconds from one time column to another (later minus earlier). */
export function millisBetweenSql(db: Knex, earlier: string, later: string): string {
  return dialectOf(db) === 'pg' ? `(extract(epoch from (${later} - ${earlier})) * 1000)` : `(${later} - ${earlier})`;
}

/**
 * A join that turns a JSON-array text column into one row per element, and the SQL that reads a
 * string field of that element: `json_each` on SQLite, `json_array_elements` on PostgreSQL.
 */
export function jsonArrayElements(db: Knex, column: string, alias: string): { join: string; field(name: string): string } {
  if (dialectOf(db) === 'pg') {
    return { join: `cross join lateral json_array_elements(${column}::json) as ${alias}`, field: (name) => `(${alias}->>'${name}')` };
  }
  return { join: `cross join json_each(${column}) as ${alias}`, field: (name) => `json_extract(${alias}.value, '$.${name}')` };
}

/** The rows of `db.raw(select …)`: sqlite3 returns them as is, pg inside a result object. */
export async function selectRows<T = Record<string, unknown>>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * How many rows a select (`sql` with its bindings) gives, and the median of its single column
 * `v` (null with no rows). PostgreSQL has percentile_cont; SQLite has no median, so it counts,
 * then reads the one or two middle values through ORDER BY … LIMIT/OFFSET.
 */
export async function countAndMedian(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<{ count: number; median: number | null }> {
  if (dialectOf(db) === 'pg') {
    const [row] = await selectRows<{ n: unknown; m: unknown }>(
      db,
      `select count(*) as n, percentile_cont(0.5) within group (order by v) as m from (${sql}) s`,
      bindings,
    );
    return { count: toCount(row?.n), median: row?.m === null || row?.m === undefined ? null : Number(row.m) };
  }
  const [counted] = await selectRows<{ n: unknown }>(db, `select count(*) as n from (${sql}) s`, bindings);
  const count = toCount(counted?.n);
  if (count === 0) return { count, median: null };
  const middle = await selectRows<{ v: unknown }>(db, `select v from (${sql}) s order by v limit ? offset ?`, [
    ...bindings,
    2 - (count % 2),
    Math.floor((count - 1) / 2),
  ]);
  return { count, median: middle.reduce((sum, row) => sum + Number(row.v), 0) / middle.length };
}
