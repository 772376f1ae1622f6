import type { Knex } from 'knex';

// GET /metrics exposes how many moderation events of each action were ever written, as Prometheus
// counters. Counting two million log rows on every scrape would cost a second; like comment_counts,
// these counters are kept by the database itself whatever code path appends to the log (the log is
// append-only, so an insert trigger is all it takes).
// Self-contained (never imports src/), so it branches on the client here.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('event_counts', (t) => {
    t.string('action', 30).primary();
    t.bigInteger('n').notNullable();
  });
  await knex.raw('insert into event_counts (action, n) select action, count(*) from moderation_events group by action');

  if (knex.client.config.client === 'pg') {
    // One update per statement, not per row: a 250-row import batch costs one small write here.
    await knex.raw(`
      create function event_counts_apply() returns trigger language plpgsql as $$
      begin
        insert into event_counts (action, n) select action, count(*) from new_rows group by action
        on conflict (action) do update set n = event_counts.n + excluded.n;
        return null;
      end $$`);
    await knex.raw(`create trigger event_counts_insert after insert on moderation_events
      referencing new table as new_rows for each statement execute function event_counts_apply()`);
  } else {
    await knex.raw(`create trigger event_counts_insert after insert on moderation_events begin
      insert into event_counts (action, n) values (new.action, 1) on conflict (action) do update set n = n + 1;
    end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    knex.client.config.client === 'pg' ? 'drop trigger if exists event_counts_insert on moderation_events' : 'drop trigger if exists event_counts_insert',
  );
  if (knex.client.config.client === 'pg') await knex.raw('drop function if exists event_counts_apply()');
  await knex.schema.dropTableIfExists('event_counts');
}
