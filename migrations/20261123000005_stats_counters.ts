import type { Knex } from 'knex';

// What the statistics and /metrics read, kept small so they cost the same at any table size.
//
// - event_counts: moderation events ever written, by action, triage excepted (the counters of
//   GET /metrics; triage events, one per comment, are the sum of triage_status_days, so the
//   commonest insert pays for one counter, not two). Counting two million log rows on every
//   scrape would cost a second.
// - triage_status_days: per UTC day of ingestion, how many comments the triage published,
//   flagged, held (or rejected, for a banned author).
// - triage_term_days / triage_category_days: per UTC day of ingestion, how many comments the
//   triage found each lexicon term (and each category) in. Reading the matches JSON of a year of
//   triage events takes seconds at a million comments; these rows are a few thousand.
// - events_action_time_idx: the statistics read one action (triage, or the decisions) over a
//   period; without it they read every event of the period, triage included.
//
// Like comment_counts, the counters are kept by the database itself whatever code path appends to
// the log (append-only, so insert triggers are all it takes), and filled from the existing log
// here. Self-contained (never imports src/), so it branches on the client here.

const DAY_MS = 86_400_000;

export async function up(knex: Knex): Promise<void> {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable('event_counts', (t) => {
    t.string('action', 30).primary();
    t.bigInteger('n').notNullable();
  });
  await knex.schema.createTable('triage_status_days', (t) => {
    t.integer('day').notNullable(); // whole UTC days since 1970-01-01
    t.string('status', 20).notNullable();
    t.bigInteger('n').notNullable();
    t.primary(['day', 'status']);
  });
  await knex.schema.createTable('triage_term_days', (t) => {
    t.integer('day').notNullable();
    t.string('term', 500).notNullable();
    t.string('category', 30).notNullable();
    t.bigInteger('n').notNullable(); // comments (a term matched twice in one comment counts once)
    t.primary(['day', 'term']);
  });
  await knex.schema.createTable('triage_category_days', (t) => {
    t.integer('day').notNullable();
    t.string('category', 30).notNullable();
    t.bigInteger('n').notNullable();
    t.primary(['day', 'category']);
  });
  await knex.schema.alterTable('moderation_events', (t) => {
    t.index(['action', 'created_at', 'to_status'], 'events_action_time_idx');
  });

  const day = (column: string) => (pg ? `floor(extract(epoch from ${column}) / 86400)::int` : `cast(${column} / ${DAY_MS} as integer)`);
  const elements = (alias: string) =>
    pg ? `cross join lateral json_array_elements(${alias}.matches::json) m` : `cross join json_each(${alias}.matches) m`;
  const field = (name: string) => (pg ? `(m->>'${name}')` : `json_extract(m.value, '$.${name}')`);
  const withMatches = (alias: string) => `${alias}.action = 'triage' and ${alias}.matches is not null and ${alias}.matches <> '[]'`;
  // Both the backfill below and PostgreSQL's trigger aggregate a set of events (`source`).
  const termInsert = (source: string) => `insert into triage_term_days (day, term, category, n)
    select ${day('e.created_at')}, ${field('term')}, min(${field('category')}), count(distinct e.id)
    from ${source} e ${elements('e')} where ${withMatches('e')} group by 1, 2`;
  const statusInsert = (source: string) => `insert into triage_status_days (day, status, n)
    select ${day('e.created_at')}, e.to_status, count(*) from ${source} e where e.action = 'triage' group by 1, 2`;
  const categoryInsert = (source: string) => `insert into triage_category_days (day, category, n)
    select ${day('e.created_at')}, ${field('category')}, count(distinct e.id)
    from ${source} e ${elements('e')} where ${withMatches('e')} group by 1, 2`;

  await knex.raw(`insert into event_counts (action, n) select action, count(*) from moderation_events where action <> 'triage' group by action`);
  await knex.raw(statusInsert('moderation_events'));
  await knex.raw(termInsert('moderation_events'));
  await knex.raw(categoryInsert('moderation_events'));

  if (pg) {
    // One pass per statement, not per row: a 250-row import batch costs three small writes here.
    await knex.raw(`
      create function moderation_events_counters() returns trigger language plpgsql as $$
      begin
        insert into event_counts (action, n) select action, count(*) from new_rows where action <> 'triage' group by action
        on conflict (action) do update set n = event_counts.n + excluded.n;
        ${statusInsert('new_rows')} on conflict (day, status) do update set n = triage_status_days.n + excluded.n;
        ${termInsert('new_rows')} on conflict (day, term) do update set n = triage_term_days.n + excluded.n;
        ${categoryInsert('new_rows')} on conflict (day, category) do update set n = triage_category_days.n + excluded.n;
        return null;
      end $$`);
    await knex.raw(`create trigger moderation_events_counters after insert on moderation_events
      referencing new table as new_rows for each statement execute function moderation_events_counters()`);
  } else {
    await knex.raw(`create trigger event_counts_insert after insert on moderation_events when new.action <> 'triage' begin
      insert into event_counts (action, n) values (new.action, 1) on conflict (action) do update set n = n + 1;
    end`);
    await knex.raw(`create trigger triage_status_days_insert after insert on moderation_events when new.action = 'triage' begin
      insert into triage_status_days (day, status, n) values (${day('new.created_at')}, new.to_status, 1)
        on conflict (day, status) do update set n = n + 1;
    end`);
    // "where true": SQLite needs it to parse INSERT … SELECT … ON CONFLICT.
    await knex.raw(`create trigger triage_match_days_insert after insert on moderation_events
      when ${withMatches('new')} begin
      insert into triage_term_days (day, term, category, n)
        select ${day('new.created_at')}, ${field('term')}, min(${field('category')}), 1 from json_each(new.matches) m where true group by 2
        on conflict (day, term) do update set n = n + 1;
      insert into triage_category_days (day, category, n)
        select distinct ${day('new.created_at')}, ${field('category')}, 1 from json_each(new.matches) m where true
        on conflict (day, category) do update set n = n + 1;
    end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('drop trigger if exists moderation_events_counters on moderation_events');
    await knex.raw('drop function if exists moderation_events_counters()');
  } else {
    await knex.raw('drop trigger if exists event_counts_insert');
    await knex.raw('drop trigger if exists triage_status_days_insert');
    await knex.raw('drop trigger if exists triage_match_days_insert');
  }
  await knex.schema.alterTable('moderation_events', (t) => {
    t.dropIndex(['action', 'created_at', 'to_status'], 'events_action_time_idx');
  });
  for (const table of ['triage_category_days', 'triage_term_days', 'triage_status_days', 'event_counts']) await knex.schema.dropTableIfExists(table);
}
