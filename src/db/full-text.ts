import type { Knex } from 'knex';
import type { SearchTerm } from '../domain/search-query.js';
import { dialectOf, idList, selectRows, whereIdIn } from './dialect.js';

/**
 * The full-text search's SQLite/PostgreSQL differences (migration 20261208001000): an FTS5 table
 * `comments_fts` on SQLite, the `comments.search_document` tsvector with its GIN index on
 * PostgreSQL. Both hold the comment's body, its author's name and its article's title, folded.
 */

/** The name under which a first bulk import lists the SQLite index as deferred (see deferred-indexes.repo.ts). */
export const FULL_TEXT_INDEX = 'comments_fts';

/**
 * FTS5's query language: each term a quoted string (its words a phrase), `*` after a prefix, all
 * required, in the text columns; with `statuses`, the comment's status one of them.
 */
export function fts5Query(terms: readonly SearchTerm[], statuses: readonly string[] | null = null): string {
  // The words hold only letters and digits (parseSearchQuery), so no quote needs escaping.
  const text = `{body author title} : (${terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`).join(' AND ')})`;
  if (!statuses || statuses.length === 0) return text;
  return `${text} AND (${statuses.map((status) => `status : "${status}"`).join(' OR ')})`;
}

/** PostgreSQL's tsquery text: `'ta' <-> 'gueule'` for a phrase, `'elu':*` for a prefix, `&` between terms. */
export function tsQueryText(terms: readonly SearchTerm[]): string {
  return terms
    .map((term) => {
      const words = term.words.map((word, i) => `'${word}'${term.prefix && i === term.words.length - 1 ? ':*' : ''}`);
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
    })
    .join(' & ');
}

/**
 * How a query keeps only the comments matching `terms`, tested row by row along the query's own
 * order (a frequent term: a page is found within a few rows): an FTS5 lookup of the row on
 * SQLite, the indexed document on PostgreSQL, whose tsquery is a constant the planner folds.
 */
export function fullTextCondition(db: Knex, terms: readonly SearchTerm[]): { sql: string; bindings: Knex.RawBinding[] } {
  if (dialectOf(db) === 'pg') return { sql: `comments.search_document @@ to_tsquery('simple', crible_fold(?))`, bindings: [tsQueryText(terms)] };
  return { sql: 'exists (select 1 from comments_fts f where f.comments_fts match ? and f.rowid = comments.id)', bindings: [fts5Query(terms)] };
}

/**
 * Up to this many matches, a page reads the matching comments by id and sorts them; beyond, it
 * walks its sort order with `fullTextCondition`, which then finds 25 matches within about
 * 25 × (comments of the tab) / this many rows. SQLite reads a row by id in about a microsecond
 * and tests one against FTS5 in 25; PostgreSQL's lookups by id cost more, its row test less.
 */
export function fewMatches(db: Knex): number {
  return dialectOf(db) === 'pg' ? 2_000 : 10_000;
}

/**
 * The ids of the comments matching `terms` (and in one of `statuses`, when given) when there are
 * at most `cap`, in no order; null when there are more. Asked of the full-text index alone, the
 * status inside it (FTS5's status column, PostgreSQL's '~status' lexeme), since neither planner
 * can tell a rare term from a frequent one, nor one frequent overall from one absent in a tab.
 */
export async function fullTextCandidates(db: Knex, terms: readonly SearchTerm[], statuses: readonly string[] | null, cap: number): Promise<number[] | null> {
  let rows: Array<{ id: unknown }>;
  if (dialectOf(db) === 'pg') {
    const status = statuses?.length ? statuses.map((s) => `'~${s}'`).join(' | ') : null;
    const query = status ? `(to_tsquery('simple', crible_fold(?)) && ?::tsquery)` : `to_tsquery('simple', crible_fold(?))`;
    rows = await db.transaction(async (trx) => {
      // The GIN index, never a scan of the table: a term's frequency is what this asks.
      await trx.raw('set local enable_seqscan = off');
      return selectRows<{ id: unknown }>(trx, `select id from comments where search_document @@ ${query} limit ?`, [
        tsQueryText(terms),
        ...(status ? [status] : []),
        cap + 1,
      ]);
    });
  } else {
    rows = await selectRows<{ id: unknown }>(db, 'select rowid as id from comments_fts where comments_fts match ? limit ?', [fts5Query(terms, statuses), cap + 1]);
  }
  return rows.length > cap ? null : rows.map((row) => Number(row.id));
}

/**
 * Restricts a query on `comments` to these ids, read by primary key. On SQLite, NOT INDEXED keeps
 * the planner from walking a sort-order index and testing each row against the list instead,
 * which for a short list reads the whole table.
 */
export function onlyIds(db: Knex, query: Knex.QueryBuilder, ids: readonly number[]): Knex.QueryBuilder {
  if (dialectOf(db) === 'pg') return query.whereRaw(whereIdIn(db, 'comments.id'), [idList(db, ids)]);
  return query.from(db.raw('?? not indexed', ['comments'])).whereRaw('comments.id in (select value from json_each(?))', [JSON.stringify(ids)]);
}

/**
 * SQLite: marks the full-text index deferred, in the transaction of a first bulk import: the
 * triggers stop writing it until `rebuildFullText` fills it from the tables. PostgreSQL's GIN
 * index is an ordinary secondary index, deferred with the others.
 */
export async function deferFullText(trx: Knex): Promise<boolean> {
  if (dialectOf(trx) === 'pg') return false;
  await trx('deferred_indexes').insert({ name: FULL_TEXT_INDEX, definition: 'fts5 rebuild' }).onConflict('name').ignore();
  return true;
}

/** SQLite: writes the whole full-text index again from comments, authors and articles. */
export async function rebuildFullText(trx: Knex): Promise<void> {
  if (dialectOf(trx) === 'pg') throw new Error('rebuildFullText is for SQLite');
  const ligatures = (sql: string) => `replace(replace(replace(replace(${sql}, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE')`;
  await trx.raw(`insert into comments_fts (comments_fts) values ('delete-all')`);
  await trx.raw(`insert into comments_fts (rowid, body, author, title, status)
    select c.id, ${ligatures('c.body')}, ${ligatures('au.name')}, ${ligatures("coalesce(ar.title, '')")}, c.status
    from comments c join authors au on au.id = c.author_id join articles ar on ar.id = c.article_id`);
}
