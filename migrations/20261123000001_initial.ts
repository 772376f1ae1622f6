import type { Knex } from 'knex';

// Self-contained: a migration never imports src/, so it stays valid however the code evolves.
// Times are timestamptz on PostgreSQL and epoch milliseconds on SQLite (what node-sqlite3 stores
// for a Date); JSON is text on both.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('email', 320).notNullable().unique();
    t.string('display_name', 200).notNullable();
    t.string('password_hash', 300).notNullable();
    t.string('role', 20).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('disabled_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 128).primary();
    t.text('data').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.string('prefix', 16).notNullable();
    t.string('key_hash', 64).notNullable().unique();
    t.integer('created_by').nullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 100).primary();
    t.text('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('articles', (t) => {
    t.increments('id').primary();
    t.string('source', 100).notNullable();
    t.string('external_id', 300).notNullable();
    t.text('url').nullable();
    t.text('title').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
  });

  await knex.schema.createTable('authors', (t) => {
    t.increments('id').primary();
    t.string('source', 100).notNullable();
    t.string('external_id', 300).notNullable();
    t.string('name', 300).notNullable();
    t.string('status', 20).notNullable().defaultTo('normal'); // normal | premoderated | banned
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
  });

  await knex.schema.createTable('comments', (t) => {
    t.bigIncrements('id').primary();
    t.string('source', 100).notNullable();
    t.string('external_id', 300).notNullable();
    t.integer('article_id').notNullable().references('id').inTable('articles');
    t.integer('author_id').notNullable().references('id').inTable('authors');
    t.bigInteger('parent_id').nullable().references('id').inTable('comments');
    t.string('parent_external_id', 300).nullable();
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('ingested_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    // published | flagged | held (automatic triage) | approved | rejected (a moderator's decision)
    t.string('status', 20).notNullable();
    t.double('score').notNullable();
    // One column per category, so the queue can filter on them with plain SQL on both databases.
    for (const category of ['insult', 'harassment', 'threat', 'identity_attack', 'sexual', 'profanity']) {
      t.double(`cat_${category}`).notNullable().defaultTo(0);
    }
    t.string('target', 10).notNullable();
    t.text('matches').notNullable();
    t.string('scorer_version', 50).notNullable();
    t.integer('version').notNullable().defaultTo(1); // optimistic locking
    t.integer('decided_by').nullable().references('id').inTable('users');
    t.timestamp('decided_at', { useTz: true }).nullable();
    t.unique(['source', 'external_id']);
    // The queue: a status, then score or time, keyset-paginated by id.
    t.index(['status', 'score', 'id'], 'comments_queue_score_idx');
    t.index(['status', 'created_at', 'id'], 'comments_queue_time_idx');
    t.index(['score', 'id'], 'comments_all_score_idx');
    t.index(['created_at', 'id'], 'comments_all_time_idx');
    t.index(['article_id', 'created_at'], 'comments_article_idx');
    t.index(['author_id', 'created_at'], 'comments_author_idx');
    t.index(['parent_id'], 'comments_parent_idx');
    t.index(['updated_at', 'id'], 'comments_sync_idx');
  });

  // Append-only: rows are inserted, never updated or deleted.
  await knex.schema.createTable('moderation_events', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('comment_id').nullable().references('id').inTable('comments');
    t.integer('author_id').nullable().references('id').inTable('authors');
    t.string('actor_type', 10).notNullable(); // user | system | import
    t.integer('actor_user_id').nullable().references('id').inTable('users');
    t.string('action', 30).notNullable();
    t.string('from_status', 20).nullable();
    t.string('to_status', 20).nullable();
    t.string('reason_code', 30).nullable();
    t.text('note').nullable();
    t.double('score').nullable();
    t.text('matches').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['comment_id', 'id'], 'events_comment_idx');
    t.index(['author_id', 'id'], 'events_author_idx');
    t.index(['created_at', 'id'], 'events_time_idx');
    t.index(['actor_user_id', 'created_at'], 'events_actor_idx');
  });

  await knex.schema.createTable('import_jobs', (t) => {
    t.increments('id').primary();
    t.string('source', 100).notNullable();
    t.string('format', 20).notNullable();
    t.text('filename').nullable();
    t.string('status', 20).notNullable(); // running | done | failed
    t.text('options').notNullable();
    t.integer('rows_read').notNullable().defaultTo(0);
    t.integer('rows_inserted').notNullable().defaultTo(0);
    t.integer('rows_duplicate').notNullable().defaultTo(0);
    t.integer('rows_rejected').notNullable().defaultTo(0);
    t.integer('created_by').nullable().references('id').inTable('users');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.text('error').nullable();
  });

  await knex.schema.createTable('import_rejects', (t) => {
    t.bigIncrements('id').primary();
    t.integer('job_id').notNullable().references('id').inTable('import_jobs');
    t.integer('line_number').notNullable();
    t.string('reason', 500).notNullable();
    t.text('excerpt').notNullable();
    t.text('raw').nullable();
    t.index(['job_id', 'line_number'], 'import_rejects_job_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'import_rejects',
    'import_jobs',
    'moderation_events',
    'comments',
    'authors',
    'articles',
    'settings',
    'api_keys',
    'sessions',
    'users',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
