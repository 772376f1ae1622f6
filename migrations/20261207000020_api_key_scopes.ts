import type { Knex } from 'knex';

// API keys get scopes (ingest, read, export, import, metrics), stored space-separated. Keys made
// before this keep every power they had (and /metrics, which was public): the column's default
// fills them in. New keys always name their scopes. Self-contained (never imports src/).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.string('scopes', 200).notNullable().defaultTo('ingest read export import metrics');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.dropColumn('scopes');
  });
}
