import type { Knex } from 'knex';

// A bulk import into an empty comments table drops their secondary indexes and builds them once at
// the end (a sort, far cheaper than updating ten b-trees a row). Each dropped index is written here,
// with the statement that recreates it, in the transaction that drops it: an import killed midway
// leaves the list, and the next start or import rebuilds what it names. Self-contained.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deferred_indexes', (t) => {
    t.string('name', 200).primary();
    t.text('definition').notNullable(); // the CREATE INDEX statement, as the database reported it
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deferred_indexes');
}
