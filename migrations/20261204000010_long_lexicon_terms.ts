import type { Knex } from 'knex';

// Some built-in lexicon patterns list dozens of alternatives and run past 500 characters
// (`sale/sales arabe/arabes/…`). PostgreSQL enforced the varchar lengths: a comment matching such
// a pattern failed its triage counters (and with them its ingestion), and an admin could not
// disable such a pattern. Both columns become text. SQLite never enforced the lengths.
// Self-contained (never imports src/), so it branches on the client here.

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('alter table triage_term_days alter column term type text');
  await knex.raw('alter table lexicon_local alter column words type text');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('alter table lexicon_local alter column words type varchar(300) using left(words, 300)');
  await knex.raw('alter table triage_term_days alter column term type varchar(500) using left(term, 500)');
}
