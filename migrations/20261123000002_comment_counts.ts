import type { Knex } from 'knex';

// The queue shows how many comments each tab holds. Counting a million rows takes a quarter of a
// second on PostgreSQL, on every page; these counters are kept by the database itself, whatever
// code path inserts, decides or deletes, so reading them is instant and never drifts.
// Self-contained (never imports src/), so it branches on the client here.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('comment_counts', (t) => {
    t.string('status', 20).primary();
    t.bigInteger('n').notNullable();
  });
  await knex.raw('insert into comment_counts (status, n) select status, count(*) from comments group by status');

  if (knex.client.config.client === 'pg') {
    // Statement-level triggers with transition tables: one update per statement, not per row,
    // so a 1,000-row insert of an import costs one small write here.
    await knex.raw(`
      create function comment_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update comment_counts c set n = c.n - o.k
          from (select status, count(*) k from old_rows group by status) o where c.status = o.status;
        end if;
        if tg_op in ('UPDATE', 'INSERT') then
          insert into comment_counts (status, n) select status, count(*) from new_rows group by status
          on conflict (status) do update set n = comment_counts.n + excluded.n;
        end if;
        return null;
      end $$`);
    await knex.raw(`create trigger comment_counts_insert after insert on comments
      referencing new table as new_rows for each statement execute function comment_counts_apply()`);
    await knex.raw(`create trigger comment_counts_update after update on comments
      referencing old table as old_rows new table as new_rows for each statement execute function comment_counts_apply()`);
    await knex.raw(`create trigger comment_counts_delete after delete on comments
      referencing old table as old_rows for each statement execute function comment_counts_apply()`);
  } else {
    // SQLite has row triggers only; each is one small upsert.
    await knex.raw(`create trigger comment_counts_insert after insert on comments begin
      insert into comment_counts (status, n) values (new.status, 1) on conflict (status) do update set n = n + 1;
    end`);
    await knex.raw(`create trigger comment_counts_update after update of status on comments when old.status <> new.status begin
      update comment_counts set n = n - 1 where status = old.status;
      insert into comment_counts (status, n) values (new.status, 1) on conflict (status) do update set n = n + 1;
    end`);
    await knex.raw(`create trigger comment_counts_delete after delete on comments begin
      update comment_counts set n = n - 1 where status = old.status;
    end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const trigger of ['comment_counts_insert', 'comment_counts_update', 'comment_counts_delete']) {
    await knex.raw(knex.client.config.client === 'pg' ? `drop trigger if exists ${trigger} on comments` : `drop trigger if exists ${trigger}`);
  }
  if (knex.client.config.client === 'pg') await knex.raw('drop function if exists comment_counts_apply()');
  await knex.schema.dropTableIfExists('comment_counts');
}
