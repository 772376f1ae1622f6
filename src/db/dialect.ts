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

/**
 * A multi-row `INSERT … ON CONFLICT (…) DO … RETURNING …` whose rows travel as ONE bound JSON
 * parameter (see rowsAsJson): however many rows, the statement text is short and the same, and
 * there is no limit on bound variables to chunk around (SQLite caps them at 32,766, PostgreSQL at
 * 65,535). Binding thousands of values one by one, and knex rewriting as many placeholders, cost
 * bulk import more main-thread time than parsing and scoring the rows. Rows go in in the order given.
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
  const insert = insertFromJson(db, table, rows);
  const sql = `${insert.sql} on conflict (${conflict.columns.map(quote).join(',')}) ${conflict.action} returning ${returning.map(quote).join(',')}`;
  const result = await db.raw(sql, insert.bindings);
  // sqlite3 returns the rows themselves, pg a result object holding them.
  return (Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows) as Array<Record<string, unknown>>;
}

/** Identifiers here are Crible's own table and column names, never user input. */
function quote(identifier: string): string {
  return `"${identifier}"`;
}

/** A multi-row insert without RETURNING, for append-only tables; rows travel as one JSON parameter. */
export async function insertRows(db: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const insert = insertFromJson(db, table, rows);
  await db.raw(insert.sql, insert.bindings);
}

/**
 * `insert into t (a, b) select … from <the rows as JSON>`, columns taken from the first row.
 * SQLite reads an array of arrays with jsonb_each, whose rows come out as binary JSON, so that
 * reading each column is a lookup rather than a parse of the row's text (half the time of
 * json_each on a bulk import); `where true` lets an ON CONFLICT clause follow a SELECT.
 * PostgreSQL reads an array of objects into the table's own row type, so every value is cast to
 * its column's type exactly as a bound parameter would be.
 */
function insertFromJson(db: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): { sql: string; bindings: Knex.RawBinding[] } {
  const columns = Object.keys(rows[0]!);
  const into = `insert into ${quote(table)} (${columns.map(quote).join(',')})`;
  if (dialectOf(db) === 'pg') {
    return { sql: `${into} select ${columns.map(quote).join(',')} from json_populate_recordset(null::${quote(table)}, ?::json)`, bindings: [rowsAsJson(rows, columns, 'pg')] };
  }
  return { sql: sqliteInsertFromJson(table, columns), bindings: [rowsAsJson(rows, columns, 'sqlite')] };
}

/** SQLite: `insert … select` from a JSON array of arrays (see insertFromJson), given as the SQL `rows`. */
function sqliteInsertFromJson(table: string, columns: readonly string[], rows = '?'): string {
  const values = columns.map((_, index) => `value->>${index}`).join(',');
  return `insert into ${quote(table)} (${columns.map(quote).join(',')}) select ${values} from jsonb_each(${rows}) where true`;
}

/** Rows per piece of valueRowsAsJson's text: a piece stays under V8's large-object size (64K characters of two bytes) for typical comments. */
const ROWS_PER_PIECE = 64;
/** At most this many pieces, each one argument of SQLite's concat (whose limit is 127 before 3.48). */
const MAX_PIECES = 100;

/**
 * SQLite: rows given as arrays of values, without an object per row (a bulk batch has thousands),
 * as pieces of the text of one JSON array (`[` and the first rows, `,` and the next rows…, `]`)
 * that `insertValueRows` binds and joins; each value becomes what rowsAsJson makes of it, in place.
 * Pieces, not one string: V8 returns a large JSON.stringify result as a tree of parts, which the
 * driver first copies into one fresh large allocation, then encodes to UTF-8, on the import's busy
 * thread; pieces of 64 rows stay in the young heap (`npx tsx bench/bind-pieces.bench.ts`).
 */
export function valueRowsAsJson(rows: unknown[][]): string[] {
  for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = jsonValue(row[c], 'sqlite');
  if (rows.length === 0) return ['[]'];
  const perPiece = Math.max(ROWS_PER_PIECE, Math.ceil(rows.length / MAX_PIECES));
  const pieces: string[] = [];
  for (let start = 0; start < rows.length; start += perPiece) {
    const text = JSON.stringify(rows.slice(start, start + perPiece));
    const opening = start === 0 ? '[' : ',';
    const closing = start + perPiece >= rows.length ? ']' : '';
    pieces.push(opening + text.slice(1, -1) + closing);
  }
  return pieces;
}

/** SQLite: inserts rows made by valueRowsAsJson, their values in `columns` order. */
export async function insertValueRows(db: Knex, table: string, columns: readonly string[], pieces: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'pg') throw new Error('insertValueRows is for SQLite');
  await db.raw(sqliteInsertFromJson(table, columns, `concat(${pieces.map(() => '?').join(',')})`), [...pieces]);
}

/**
 * The rows as JSON text, each value as its driver would have bound it: a Date is epoch
 * milliseconds on SQLite (what node-sqlite3 stores) and an ISO instant on PostgreSQL (the
 * timestamptz columns parse it); a string holding a lone UTF-16 surrogate gets U+FFFD in its
 * place, as the drivers' UTF-8 encoding does, rather than an escape the database would decode
 * into invalid UTF-8. SQLite gets arrays (positional, smaller), PostgreSQL objects (by column).
 */
export function rowsAsJson(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[], dialect: Dialect): string {
  // Plain loops: this runs for every value of a bulk import, on the thread that also parses and scores.
  const out: unknown[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (dialect === 'pg') {
      const object: Record<string, unknown> = {};
      for (const column of columns) object[column] = jsonValue(row[column], dialect);
      out[r] = object;
    } else {
      const values: unknown[] = new Array(columns.length);
      for (let c = 0; c < columns.length; c++) values[c] = jsonValue(row[columns[c]!], dialect);
      out[r] = values;
    }
  }
  return JSON.stringify(out);
}

function jsonValue(raw: unknown, dialect: Dialect): unknown {
  if (raw === undefined) return null;
  if (typeof raw === 'string') return wellFormed(raw);
  if (raw instanceof Date) return dialect === 'pg' ? raw.toISOString() : raw.getTime();
  return raw;
}

/** ES2024 string methods (Node 20 has them; the project's TypeScript lib is ES2023). */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function wellFormed(text: string): string {
  return (text as unknown as WellFormedString).isWellFormed() ? text : (text as unknown as WellFormedString).toWellFormed();
}

/**
 * `column in (…these values…)` for a where clause, the values travelling as one parameter: no
 * chunking around bound-variable limits, one short statement whatever the count.
 */
export function whereInList(db: Knex, column: string, values: readonly string[]): Knex.Raw {
  const target = column.split('.').map(quote).join('.');
  const list = JSON.stringify(values.map(wellFormed));
  // An array built first (an init plan), so PostgreSQL probes the index once per value.
  if (dialectOf(db) === 'pg') return db.raw(`${target} = any(array(select json_array_elements_text(?::json)))`, [list]);
  return db.raw(`${target} in (select value from json_each(?))`, [list]);
}

/** `column in (…ids…)`, the ids travelling as one parameter made by `idList`. */
export function whereIdIn(db: Knex, column: string): string {
  return dialectOf(db) === 'pg' ? `${column} = any(?::bigint[])` : `${column} in (select value from json_each(?))`;
}

/** Integer ids as the one parameter of `whereIdIn`: a JSON array, or a PostgreSQL array literal. */
export function idList(db: Knex, ids: readonly number[]): string {
  return dialectOf(db) === 'pg' ? `{${ids.join(',')}}` : JSON.stringify(ids);
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

/** SQLite: pauses the per-row counter triggers for the rest of the transaction (see withRowCountersPaused). */
export const PAUSE_ROW_COUNTERS = 'insert into counter_pause (id) values (1)';
export const RESUME_ROW_COUNTERS = 'delete from counter_pause';

/**
 * Runs `body` in `trx` with SQLite's per-row counter triggers paused (their WHEN clause reads
 * `counter_pause`, migration 20261204000030), then `replacement.apply`, which must write what they
 * would have, from `replacement.mark` taken before. The pause row lives only inside `trx`: other
 * connections never see it, and a failure or a `kill -9` rolls it back with the rows. A per-row
 * trigger is one small upsert per row (three for a triage event with matches); one grouped
 * statement per batch writes the same totals for a fraction of the work.
 * PostgreSQL's counter triggers already run once per statement over its rows: there `body` runs alone.
 */
export async function withRowCountersPaused<T, M>(
  trx: Knex,
  replacement: { mark: () => Promise<M>; apply: (mark: M) => Promise<void> },
  body: () => Promise<T>,
): Promise<T> {
  if (dialectOf(trx) === 'pg') return body();
  await trx.raw(PAUSE_ROW_COUNTERS);
  const mark = await replacement.mark();
  const result = await body();
  await replacement.apply(mark);
  await trx.raw(RESUME_ROW_COUNTERS);
  return result;
}

/**
 * Runs several statements, separated by semicolons, in one call to node-sqlite3 (sqlite3_exec in
 * its worker thread): no round trip to this thread between them, and no bound parameters, so
 * `sql` must be Crible's own text, never a value from outside. SQLite only; in `trx`'s connection.
 */
export async function runScript(trx: Knex, sql: string): Promise<void> {
  if (dialectOf(trx) === 'pg') throw new Error('runScript is for SQLite');
  const connection = (await trx.client.acquireConnection()) as { exec(sql: string, done: (err: Error | null) => void): void };
  try {
    await new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
  } finally {
    await trx.client.releaseConnection(connection);
  }
}

/**
 * The indexes of `tables` that only speed up reads: neither a primary key nor unique (those keep
 * the data right, and idempotent imports rely on them), each with the statement that creates it.
 */
export async function secondaryIndexes(db: Knex, tables: readonly string[]): Promise<Array<{ name: string; definition: string }>> {
  const list = JSON.stringify(tables);
  if (dialectOf(db) === 'pg') {
    return selectRows(
      db,
      `select i.indexname as name, i.indexdef as definition from pg_indexes i
       join pg_index x on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
       where i.schemaname = current_schema() and i.tablename in (select json_array_elements_text(?::json))
         and not x.indisunique and not x.indisprimary order by 1`,
      [list],
    );
  }
  // Indexes SQLite makes for a constraint have no SQL; unique ones are kept.
  return selectRows(
    db,
    `select name, sql as definition from sqlite_master where type = 'index' and tbl_name in (select value from json_each(?))
     and sql is not null and sql not like 'CREATE UNIQUE%' order by 1`,
    [list],
  );
}

/**
 * Runs a CREATE INDEX statement as `secondaryIndexes` listed it. SQLite sorts the rows of a new
 * index in up to its page cache's size of memory, in whichever worker thread runs the statement,
 * and the C allocator keeps what each thread freed: building many large indexes at the full cache
 * raises the import's peak memory by as much again. An eighth of the cache for the sort, and the
 * cache's pages handed back first, bound that, for a slightly longer merge.
 */
export async function createIndex(trx: Knex, definition: string): Promise<void> {
  if (dialectOf(trx) === 'pg') {
    await trx.raw(definition);
    return;
  }
  const [row] = await selectRows<{ cache_size: number }>(trx, 'pragma cache_size');
  const cacheSize = Number(row?.cache_size ?? -2000);
  await trx.raw(`pragma cache_size = ${Math.trunc(cacheSize / 8)}`);
  await trx.raw('pragma shrink_memory');
  try {
    await trx.raw(definition);
  } finally {
    await trx.raw(`pragma cache_size = ${Math.trunc(cacheSize)}`);
  }
}

/** Drops an index by name (one of Crible's own, never user input). */
export async function dropIndex(db: Knex, name: string): Promise<void> {
  await db.raw(`drop index ${quote(name)}`);
}

/**
 * SQLite: makes `trx` a writer from its first statement. A transaction that reads first (knex's
 * BEGIN is deferred) and writes afterwards fails with SQLITE_BUSY, whatever the busy timeout, if
 * another connection committed in between (the server, while `crible import` runs in another
 * process); a writer from the start makes the other wait its turn instead. PostgreSQL locks rows,
 * not the database: nothing to do there.
 */
export async function takeWriteLock(trx: Knex): Promise<void> {
  if (dialectOf(trx) === 'sqlite') await trx.raw('delete from counter_pause where false');
}

/**
 * Lets a bulk transaction's commit return before its WAL reaches the disk, on PostgreSQL
 * (`synchronous_commit = off`, this transaction only): nothing can be corrupted, and only a crash
 * of the database server itself may lose the last fraction of a second of such commits, each
 * whole, with the import's own progress, so running the import again completes it. A `kill -9` of
 * Crible loses nothing committed. SQLite in WAL with synchronous=NORMAL already works this way.
 */
export async function relaxCommitDurability(trx: Knex): Promise<void> {
  if (dialectOf(trx) === 'pg') await trx.raw('set local synchronous_commit = off');
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
