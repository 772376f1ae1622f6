import type { Knex } from 'knex';

// The newsroom's own word list, its history, and the background rescoring it triggers.
// Self-contained (never imports src/).

export async function up(knex: Knex): Promise<void> {
  // What a newsroom adds to or removes from the built-in lexicon, as the admin typed it
  // (never a pattern or a regular expression): the pattern is built from these fields.
  await knex.schema.createTable('lexicon_local', (t) => {
    t.increments('id').primary();
    t.string('kind', 10).notNullable(); // term | allow | disable
    t.string('words', 300).notNullable(); // a term, an allowed phrase, or a built-in pattern
    t.string('forms', 20).notNullable().defaultTo('exact'); // exact | plural | gender_plural | prefix
    t.string('variants', 500).notNullable().defaultTo(''); // other written forms, comma-separated
    t.string('category', 20).nullable();
    t.integer('severity').nullable();
    t.boolean('needs_target').notNullable().defaultTo(false);
    t.integer('created_by').nullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['kind', 'words']);
  });

  // Append-only: who changed the local lexicon, when, and what it was before and after.
  await knex.schema.createTable('lexicon_changes', (t) => {
    t.bigIncrements('id').primary();
    // Unique: two admins saving at once cannot both make version n+1 (one retries).
    t.integer('version').notNullable().unique();
    t.string('action', 20).notNullable(); // add | update | remove | import
    t.integer('user_id').nullable().references('id').inTable('users');
    t.text('before').nullable();
    t.text('after').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['created_at', 'id'], 'lexicon_changes_time_idx');
  });

  await knex.schema.createTable('rescore_jobs', (t) => {
    t.increments('id').primary();
    t.string('status', 20).notNullable(); // running | done | failed
    t.string('reason', 20).notNullable(); // lexicon | manual
    t.text('filter').notNullable(); // which comments: statuses, since
    t.string('lexicon_version', 80).notNullable();
    t.bigInteger('total').notNullable().defaultTo(0);
    t.bigInteger('done').notNullable().defaultTo(0);
    t.bigInteger('changed').notNullable().defaultTo(0);
    // Keyset cursor: a job resumed after a crash starts after the last comment it finished.
    t.bigInteger('last_comment_id').notNullable().defaultTo(0);
    t.integer('created_by').nullable().references('id').inTable('users');
    t.timestamp('started_at', { useTz: true }).notNullable();
    // Written with every batch: a job whose heartbeat stopped (its process died) is resumed by a server.
    t.timestamp('heartbeat_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.text('error').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rescore_jobs');
  await knex.schema.dropTable('lexicon_changes');
  await knex.schema.dropTable('lexicon_local');
}
