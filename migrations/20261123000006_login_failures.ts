import type { Knex } from 'knex';

// Failed sign-ins, so password guessing is throttled on every instance alike (a per-process
// counter would give each instance its own allowance). Rows older than the window are pruned.
// Self-contained (never imports src/).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_failures', (t) => {
    t.bigIncrements('id').primary();
    t.string('key', 400).notNullable(); // `email:<address>` or `ip:<address>`
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['key', 'at'], 'login_failures_key_idx');
    t.index(['at'], 'login_failures_time_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_failures');
}
