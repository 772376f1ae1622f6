import type { Knex } from 'knex';

// The harassment picture reads, per author: rejections decided in a window (the author panel, the
// card line, and the auto pre-moderation rule on every rejection), and their triage and restore
// events. Without these, each read walks every comment or event the author ever wrote.
// Self-contained: never imports src/.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('comments', (t) => {
    t.index(['author_id', 'status', 'decided_at'], 'comments_author_status_idx');
  });
  await knex.schema.alterTable('moderation_events', (t) => {
    t.index(['author_id', 'action', 'id'], 'events_author_action_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('moderation_events', (t) => {
    t.dropIndex(['author_id', 'action', 'id'], 'events_author_action_idx');
  });
  await knex.schema.alterTable('comments', (t) => {
    t.dropIndex(['author_id', 'status', 'decided_at'], 'comments_author_status_idx');
  });
}
