import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/connection.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { insertOnConflict, insertRows, insertValueRows, takeWriteLock, toDate, valueRowsAsJson, whereInList } from '../../src/db/dialect.js';
import { createTestEnv, onPostgres } from '../helpers/test-env.js';

describe('bulk inserts with the rows as one JSON parameter', () => {
  const testEnv = createTestEnv();
  let db: Knex;
  before(async () => {
    db = await openDatabase(testEnv.config.database);
    await migrateLatest(db);
  });
  after(async () => {
    await db.destroy();
    await testEnv.cleanup();
  });

  const article = (externalId: string, title: string | null, createdAt: Date) => ({ source: 'json', external_id: externalId, url: null, title, created_at: createdAt });

  it('when rows hold dates, nulls, numbers-as-text, quotes and non-Latin text, then they read back as given, in order', async () => {
    const at = new Date('2024-03-01T12:34:56.789Z');
    const titles = ['Titre « guillemets » et "doubles"', null, '123', 'Ligne\nsuivante\t\\ fin', 'Emoji 🙂 et العربية', "l'apostrophe"];
    const rows = titles.map((title, i) => article(`a-${i}`, title, new Date(at.getTime() + i)));
    const returned = await insertOnConflict(db, 'articles', rows, { columns: ['source', 'external_id'], action: 'do nothing' }, ['id', 'external_id']);
    assert.deepEqual(returned.map((row) => row.external_id), rows.map((row) => row.external_id));
    const ids = returned.map((row) => Number(row.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids follow the order of the rows');

    const stored = await db('articles').where({ source: 'json' }).orderBy('id');
    assert.deepEqual(stored.map((row) => row.title), titles);
    assert.deepEqual(stored.map((row) => toDate(row.created_at)!.getTime()), rows.map((row) => row.created_at.getTime()));
    assert.equal(typeof stored[2].title, 'string', 'a number-looking text stays text');
  });

  it('when a string holds a lone UTF-16 surrogate, then it is stored with U+FFFD, as a bound parameter would be', async () => {
    await insertRows(db, 'articles', [article('lone', 'avant \uD800 après', new Date())]);
    const row = await db('articles').where({ source: 'json', external_id: 'lone' }).first();
    assert.equal(row.title, 'avant \uFFFD après');
  });

  it('when value rows travel as arrays in one JSON parameter (SQLite bulk import), then texts, numbers, nulls and dates read back as given', { skip: onPostgres && 'SQLite only' }, async () => {
    const texts = ['Titre « guillemets » et "doubles"', "l'apostrophe", 'Ligne\nsuivante\t\\ fin', 'Emoji 🙂 et العربية', '123', 'avant \uD800 après'];
    const rows = texts.map((text, i) => [text, i + 0.5, i % 2 === 0 ? null : new Date(Date.UTC(2024, 2, 1) + i)]);
    await db.schema.createTable('value_rows_check', (table) => {
      table.text('a');
      table.double('b');
      table.double('c');
    });
    try {
      await insertValueRows(db, 'value_rows_check', ['a', 'b', 'c'], valueRowsAsJson(rows));
      const stored = await db.raw('select a, typeof(a) as a_type, b, c from value_rows_check order by rowid');
      assert.deepEqual(
        stored.map((row: { a: string; a_type: string; b: number; c: number | null }) => [row.a, row.a_type, row.b, row.c]),
        texts.map((text, i) => [text.replace('\uD800', '\uFFFD'), 'text', i + 0.5, i % 2 === 0 ? null : Date.UTC(2024, 2, 1) + i]),
      );
    } finally {
      await db.schema.dropTable('value_rows_check');
    }
  });

  it('when value rows fill many pieces, or none, then every row arrives once, in order', { skip: onPostgres && 'SQLite only' }, async () => {
    await db.schema.createTable('value_rows_pieces', (table) => {
      table.integer('n');
      table.text('t');
    });
    try {
      // 130 rows: three pieces of 64 rows (the last one short); 7,000: 100 pieces of 70 rows, the
      // most that SQLite's concat is given.
      for (const count of [1, 64, 65, 130, 7000]) {
        const rows = Array.from({ length: count }, (_, n) => [n, `ligne ${n} d’un « lot »`]);
        const pieces = valueRowsAsJson(rows);
        assert.ok(pieces.length <= 100, `${count} rows: ${pieces.length} pieces`);
        await insertValueRows(db, 'value_rows_pieces', ['n', 't'], pieces);
        const stored = await db.raw('select n, t from value_rows_pieces order by rowid');
        assert.deepEqual(
          stored.map((row: { n: number; t: string }) => [row.n, row.t]),
          rows,
          `${count} rows`,
        );
        await db('value_rows_pieces').delete();
      }
      await insertValueRows(db, 'value_rows_pieces', ['n', 't'], valueRowsAsJson([]));
      assert.equal((await db('value_rows_pieces').count({ n: '*' }))[0]!.n, 0);
    } finally {
      await db.schema.dropTable('value_rows_pieces');
    }
  });

  it('when some rows already exist, then do nothing skips them and returns only the new ones', async () => {
    const returned = await insertOnConflict(
      db,
      'articles',
      [article('a-0', 'autre', new Date()), article('new-1', null, new Date())],
      { columns: ['source', 'external_id'], action: 'do nothing' },
      ['external_id'],
    );
    assert.deepEqual(returned.map((row) => row.external_id), ['new-1']);
    const first = await db('articles').where({ source: 'json', external_id: 'a-0' }).first();
    assert.equal(first.title, 'Titre « guillemets » et "doubles"', 'the existing row is left as it was');
  });

  it('when thousands of rows go in one statement, then no bound-variable limit is hit', async () => {
    // 40,000 rows x 5 columns would be 200,000 bound variables, far above either database's limit.
    const rows = Array.from({ length: 40_000 }, (_, i) => article(`many-${i}`, `T${i}`, new Date(0)));
    const returned = await insertOnConflict(db, 'articles', rows, { columns: ['source', 'external_id'], action: 'do nothing' }, ['id']);
    assert.equal(returned.length, rows.length);
    const wanted = rows.filter((_, i) => i % 997 === 0).map((row) => row.external_id);
    const found = await db('articles').where('source', 'json').where(whereInList(db, 'external_id', [...wanted, 'absent', "qu'ote"])).select('external_id');
    assert.deepEqual(found.map((row) => row.external_id).sort(), [...wanted].sort());
  });
});

describe("a transaction holding SQLite's write lock from its first statement", { skip: onPostgres ? 'SQLite only: PostgreSQL locks rows' : false }, () => {
  const testEnv = createTestEnv();
  let db: Knex;
  let other: Knex;
  before(async () => {
    db = await openDatabase(testEnv.config.database);
    await migrateLatest(db);
    other = await openDatabase(testEnv.config.database);
  });
  after(async () => {
    await other.destroy();
    await db.destroy();
    await testEnv.cleanup();
  });

  const article = (externalId: string) => ({ source: 'lock', external_id: externalId, url: null, title: null, created_at: new Date() });

  it('when another connection writes between its first read and its first write, then the other waits and both land', async () => {
    let otherWrite: Promise<string> | undefined;
    await db.transaction(async (trx) => {
      await takeWriteLock(trx);
      await trx('articles').where({ source: 'lock' }).select('id'); // a batch's first lookup
      otherWrite = other('articles').insert(article('theirs')).then(() => 'written');
      const meanwhile = await Promise.race([otherWrite, new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), 300))]);
      assert.equal(meanwhile, 'waiting', 'the other connection waits for the lock');
      await trx('articles').insert(article('mine'));
    });
    assert.equal(await otherWrite, 'written');
    assert.deepEqual((await db('articles').where({ source: 'lock' }).orderBy('id').pluck('external_id')), ['mine', 'theirs']);
  });
});
