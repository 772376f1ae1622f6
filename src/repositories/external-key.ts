import type { Knex } from 'knex';
import { insertOnConflict, whereInList } from '../db/dialect.js';

/** One string for a (source, externalId) pair, to key maps of things a site identifies. */
export function externalKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

type Row = Record<string, unknown>;

/** External ids grouped by source (one query each: the ids travel as one parameter, see whereInList). */
export function bySource(pairs: ReadonlyArray<{ source: string; externalId: string }>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { source, externalId } of pairs) (grouped.get(source) ?? grouped.set(source, []).get(source)!).push(externalId);
  return grouped;
}

/** Rows of `table` for these (source, external_id) pairs, keyed by externalKey. */
export async function selectByExternalKeys(
  db: Knex,
  table: string,
  pairs: ReadonlyArray<{ source: string; externalId: string }>,
  columns: readonly string[],
): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  for (const [source, ids] of bySource(pairs)) {
    const rows: Row[] = await db(table).where('source', source).where(whereInList(db, 'external_id', ids)).select(['source', 'external_id', ...columns]);
    for (const row of rows) found.set(externalKey(source, String(row.external_id)), row);
  }
  return found;
}

/**
 * Finds or creates one row per (source, external_id): reads the existing ones, inserts only the
 * missing (an article or author is seen again far more often than new, and a read is cheaper than
 * an upsert that rewrites the row), and reads again any that a concurrent writer created meanwhile.
 */
export async function findOrCreateByExternalKeys(
  db: Knex,
  table: string,
  rows: ReadonlyArray<Row & { source: string; external_id: string }>,
  columns: readonly string[],
): Promise<Map<string, Row>> {
  const pairs = rows.map((row) => ({ source: row.source, externalId: row.external_id }));
  const found = await selectByExternalKeys(db, table, pairs, columns);
  const missing = rows.filter((row) => !found.has(externalKey(row.source, row.external_id)));
  const inserted = await insertOnConflict(db, table, missing, { columns: ['source', 'external_id'], action: 'do nothing' }, ['source', 'external_id', ...columns]);
  for (const row of inserted) found.set(externalKey(String(row.source), String(row.external_id)), row);
  const raced = missing.filter((row) => !found.has(externalKey(row.source, row.external_id)));
  if (raced.length > 0) {
    const again = await selectByExternalKeys(db, table, raced.map((row) => ({ source: row.source, externalId: row.external_id })), columns);
    for (const [key, row] of again) found.set(key, row);
  }
  return found;
}
