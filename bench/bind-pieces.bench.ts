/**
 * How a bulk import's batch of rows reaches SQLite: as one JSON string, or in pieces of 64 rows
 * (valueRowsAsJson). Inserts 2,000 rows shaped like an import's (28 values, a comment of about 250
 * characters with French typography, values already as JSON takes them) into a temporary table, and reports the time of the import's
 * own thread (event-loop utilization) and the statement's time, median of 31 batches.
 *
 *   npx tsx bench/bind-pieces.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/connection.js';
import { insertValueRows, valueRowsAsJson } from '../src/db/dialect.js';

const ROWS = 2000;
const COLUMNS = Array.from({ length: 28 }, (_, i) => `c${i}`);
const BATCHES = 31;

function batchRows(seed: number): unknown[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    const n = seed * ROWS + i;
    const body = `Je ne suis pas d’accord, la situation à Gao se dégrade depuis des mois et personne n’en parle. Commentaire ${n}, ${'merci '.repeat(n % 20)}`;
    return COLUMNS.map((_, c) =>
      c === 12 ? body : c === 13 ? Date.UTC(2020, 0, 1) + n * 60_000 : c >= 17 && c < 24 ? (n % 7) / 10 : c === 25 ? '[{"term":"connard","category":"insult"}]' : `v${c}-${n}`,
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const db = await openDatabase({ client: 'sqlite', filename: ':memory:' });
await db.raw(`create temp table import_rows (${COLUMNS.join(', ')})`);
const oneString = `insert into import_rows (${COLUMNS.join(',')}) select ${COLUMNS.map((_, i) => `value->>${i}`).join(',')} from jsonb_each(?) where true`;

const ways: Record<string, (rows: unknown[][]) => Promise<unknown>> = {
  'one JSON string': (rows) => db.raw(oneString, [JSON.stringify(rows)]),
  'pieces of 64 rows (valueRowsAsJson)': (rows) => insertValueRows(db, 'import_rows', COLUMNS, valueRowsAsJson(rows)),
};

const results: Array<{ way: string; thread: number; statement: number }> = [];
for (const [way, insert] of Object.entries(ways)) {
  const thread: number[] = [];
  const statement: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const rows = batchRows(b);
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    await insert(rows);
    statement.push(performance.now() - started);
    thread.push(performance.eventLoopUtilization(before).active);
    await db.raw('delete from import_rows');
  }
  results.push({ way, thread: median(thread), statement: median(statement) });
}
await db.destroy();

console.log(`\n${ROWS} rows per batch, median of ${BATCHES} batches\n`);
console.log('| rows sent as | import thread, ms | statement, ms |');
console.log('|---|---:|---:|');
for (const r of results) console.log(`| ${r.way} | ${r.thread.toFixed(1)} | ${r.statement.toFixed(1)} |`);
