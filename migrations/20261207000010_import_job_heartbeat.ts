import type { Knex } from 'knex';

// A running import writes a heartbeat; a job whose heartbeat stops (its process was killed) is
// closed by the next server that looks, instead of staying "running" forever.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_jobs', (t) => {
    t.timestamp('heartbeat_at', { useTz: true }).nullable();
  });
  await knex('import_jobs').update({ heartbeat_at: knex.ref('started_at') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_jobs', (t) => {
    t.dropColumn('heartbeat_at');
  });
}
