import type { Knex } from 'knex';

// A bulk decision (several comments approved or rejected at once) carries one batch id on each of
// its events, so "undo my last decision" can revert the whole batch, not only its last comment.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('moderation_events', (t) => {
    t.string('batch', 40).nullable();
    // Undo reads a batch back by its id; most events have none, so the index stays small.
    t.index(['batch'], 'moderation_events_batch_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('moderation_events', (t) => {
    t.dropIndex(['batch'], 'moderation_events_batch_idx');
    t.dropColumn('batch');
  });
}
