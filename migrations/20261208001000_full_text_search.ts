import type { Knex } from 'knex';

// Full-text search over a comment's body, its author's name and its article's title, folding case
// and accents, instead of a LIKE that reads every row.
//
// SQLite: an FTS5 table, contentless (the text stays in comments, authors and articles; the index
// keeps only its own entries) with contentless_delete so a row can be removed by id alone. Kept by
// triggers on the three tables. The comment's status is a fourth column, so that a search within a
// queue tab is one intersection inside the index (a word frequent overall may be absent from the
// tab: walking the tab to find that out read it all); a decision writes the comment's row again.
// While `deferred_indexes` lists 'comments_fts' (a first bulk import, see 20261204000020) the
// triggers skip it and the import fills it once at the end.
// PostgreSQL: a tsvector column on comments, written by a BEFORE trigger, with a GIN index (a
// secondary index like the others, so a first import defers it too). 'simple' configuration (no
// stemming, no stop words: short French words stay searchable), folded by `unaccent` when the
// extension can be created, else by a translate() over the accented Latin letters.
// œ and æ, which neither SQLite's tokenizer nor translate() decompose, become oe and ae on both.
// Self-contained (never imports src/), so it branches on the client here.

const SQLITE_DEFERRED = "not exists (select 1 from deferred_indexes where name = 'comments_fts')";

/** SQLite: the ligatures spelled out; the tokenizer (remove_diacritics 2) folds the rest. */
const ligatures = (sql: string) => `replace(replace(replace(replace(${sql}, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE')`;

/** SQLite: the FTS row of the comments `c` (joined to authors `au` and articles `ar`). */
const ftsSelect = (where: string) => `select c.id, ${ligatures('c.body')}, ${ligatures('au.name')}, ${ligatures("coalesce(ar.title, '')")}, c.status
  from comments c join authors au on au.id = c.author_id join articles ar on ar.id = c.article_id where ${where}`;

async function upSqlite(knex: Knex): Promise<void> {
  await knex.raw(`create virtual table comments_fts using fts5(body, author, title, status,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`);
  await knex.raw(`insert into comments_fts (rowid, body, author, title, status) ${ftsSelect('true')}`);
  await knex.raw(`create trigger comments_fts_insert after insert on comments when ${SQLITE_DEFERRED} begin
    insert into comments_fts (rowid, body, author, title, status) ${ftsSelect('c.id = new.id')};
  end`);
  await knex.raw(`create trigger comments_fts_update after update of body, author_id, article_id, status on comments
    when (old.status is not new.status or old.body is not new.body or old.author_id is not new.author_id or old.article_id is not new.article_id)
      and ${SQLITE_DEFERRED} begin
    delete from comments_fts where rowid = old.id;
    insert into comments_fts (rowid, body, author, title, status) ${ftsSelect('c.id = new.id')};
  end`);
  await knex.raw(`create trigger comments_fts_delete after delete on comments begin
    delete from comments_fts where rowid = old.id;
  end`);
  await knex.raw(`create trigger authors_fts_name after update of name on authors when old.name is not new.name and ${SQLITE_DEFERRED} begin
    delete from comments_fts where rowid in (select id from comments where author_id = new.id);
    insert into comments_fts (rowid, body, author, title, status) ${ftsSelect('c.author_id = new.id')};
  end`);
  await knex.raw(`create trigger articles_fts_title after update of title on articles when old.title is not new.title and ${SQLITE_DEFERRED} begin
    delete from comments_fts where rowid in (select id from comments where article_id = new.id);
    insert into comments_fts (rowid, body, author, title, status) ${ftsSelect('c.article_id = new.id')};
  end`);
}

const SQLITE_TRIGGERS = ['comments_fts_insert', 'comments_fts_update', 'comments_fts_delete', 'authors_fts_name', 'articles_fts_title'];

/** PostgreSQL: the schema holding unaccent, creating it in public if allowed; null when it cannot be had. */
async function unaccentSchema(knex: Knex): Promise<string | null> {
  const find = async () => {
    const result = await knex.raw(`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`);
    return (result.rows[0]?.schema as string | undefined) ?? null;
  };
  const found = await find();
  if (found) return found;
  try {
    // A savepoint: a refusal (no privilege, no contrib package) must not abort the migration.
    await knex.transaction(async (trx) => {
      await trx.raw('create extension if not exists unaccent schema public');
    });
  } catch {
    // Another session may have created it meanwhile; otherwise translate() below.
  }
  return find();
}

/** PostgreSQL, without unaccent: the accented Latin letters and their bare forms, for translate(). */
function translateTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x24f; code++) {
    const letter = String.fromCodePoint(code);
    const bare = letter.normalize('NFD').replace(/\p{M}/gu, '');
    if (bare !== letter && bare.length === 1) {
      from += letter;
      to += bare;
    }
  }
  return { from, to };
}

async function upPg(knex: Knex): Promise<void> {
  const schema = await unaccentSchema(knex);
  const quoted = schema ? `"${schema.replaceAll('"', '""')}"` : '';
  const { from, to } = translateTable();
  const unaccented = schema ? `${quoted}.unaccent('${quoted}.unaccent'::regdictionary, $1)` : `translate($1, '${from}', '${to}')`;
  // Immutable, so a query's constant tsquery is folded when planned and the GIN statistics apply.
  await knex.raw(`create function crible_fold(text) returns text language sql immutable parallel safe as $$
    select lower(replace(replace(replace(replace(${unaccented}, 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'))
  $$`);
  // The status as a lexeme of its own ('~held': no search text can produce a '~'), so a search in a
  // queue tab is one condition the GIN index answers alone (see the SQLite status column above).
  await knex.raw(`create function crible_search_document(body text, author_id integer, article_id integer, status text) returns tsvector
    language sql stable as $$
    select to_tsvector('simple', crible_fold(body))
      || to_tsvector('simple', crible_fold(coalesce((select name from authors where id = $2), '')))
      || to_tsvector('simple', crible_fold(coalesce((select title from articles where id = $3), '')))
      || array_to_tsvector(array['~' || status])
  $$`);
  await knex.raw('alter table comments add column search_document tsvector');
  await knex.raw('update comments set search_document = crible_search_document(body, author_id, article_id, status)');
  await knex.raw(`create function comments_search_document() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' or new.body is distinct from old.body or new.author_id is distinct from old.author_id
         or new.article_id is distinct from old.article_id then
        new.search_document := crible_search_document(new.body, new.author_id, new.article_id, new.status);
      elsif new.status is distinct from old.status then
        new.search_document := ts_delete(new.search_document, '~' || old.status) || array_to_tsvector(array['~' || new.status]);
      end if;
      return new;
    end $$`);
  await knex.raw(`create trigger comments_search_insert before insert on comments
    for each row execute function comments_search_document()`);
  await knex.raw(`create trigger comments_search_update before update of body, author_id, article_id, status on comments
    for each row execute function comments_search_document()`);
  // A renamed author or retitled article: its comments' documents are written again.
  await knex.raw(`create function authors_search_name() returns trigger language plpgsql as $$
    begin
      update comments set search_document = crible_search_document(body, author_id, article_id, status) where author_id = new.id;
      return null;
    end $$`);
  await knex.raw(`create trigger authors_search_name after update of name on authors
    for each row when (old.name is distinct from new.name) execute function authors_search_name()`);
  await knex.raw(`create function articles_search_title() returns trigger language plpgsql as $$
    begin
      update comments set search_document = crible_search_document(body, author_id, article_id, status) where article_id = new.id;
      return null;
    end $$`);
  await knex.raw(`create trigger articles_search_title after update of title on articles
    for each row when (old.title is distinct from new.title) execute function articles_search_title()`);
  await knex.raw('create index comments_search_idx on comments using gin (search_document)');
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') await upPg(knex);
  else await upSqlite(knex);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('drop trigger if exists articles_search_title on articles');
    await knex.raw('drop trigger if exists authors_search_name on authors');
    await knex.raw('drop trigger if exists comments_search_update on comments');
    await knex.raw('drop trigger if exists comments_search_insert on comments');
    await knex.raw('alter table comments drop column if exists search_document');
    for (const fn of ['articles_search_title()', 'authors_search_name()', 'comments_search_document()', 'crible_search_document(text, integer, integer, text)', 'crible_fold(text)']) {
      await knex.raw(`drop function if exists ${fn}`);
    }
    // unaccent stays: other schemas of the database may use it.
    await knex.raw("delete from deferred_indexes where name = 'comments_search_idx'");
    return;
  }
  for (const name of SQLITE_TRIGGERS) await knex.raw(`drop trigger if exists ${name}`);
  await knex.raw('drop table if exists comments_fts');
  await knex.raw("delete from deferred_indexes where name = 'comments_fts'");
}
