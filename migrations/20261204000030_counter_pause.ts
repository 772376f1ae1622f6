import type { Knex } from 'knex';

// SQLite's per-row counter triggers on inserts (20261123000002, 20261123000005) get a pause: a bulk
// import's transaction puts a row in `counter_pause`, inserts its batch, writes the counters once
// for the whole batch, and takes the row out before it commits. Other connections never see the
// row; a failed or killed batch rolls it back with the rest. Dropping and recreating the four
// triggers instead would be a schema change each time, after which SQLite re-reads the whole schema.
// PostgreSQL's counter triggers already run once per statement: nothing changes there.
// Self-contained: the trigger bodies are copied from the two migrations above.

const DAY = 'cast(new.created_at / 86400000 as integer)';
const NOT_PAUSED = 'not exists (select 1 from counter_pause)';

function triggers(when: (condition: string | null) => string): string[] {
  const field = (name: string) => `json_extract(m.value, '$.${name}')`;
  return [
    `create trigger comment_counts_insert after insert on comments ${when(null)} begin
      insert into comment_counts (status, n) values (new.status, 1) on conflict (status) do update set n = n + 1;
    end`,
    `create trigger event_counts_insert after insert on moderation_events ${when("new.action <> 'triage'")} begin
      insert into event_counts (action, n) values (new.action, 1) on conflict (action) do update set n = n + 1;
    end`,
    `create trigger triage_status_days_insert after insert on moderation_events ${when("new.action = 'triage'")} begin
      insert into triage_status_days (day, status, n) values (${DAY}, new.to_status, 1)
        on conflict (day, status) do update set n = n + 1;
    end`,
    `create trigger triage_match_days_insert after insert on moderation_events
      ${when("new.action = 'triage' and new.matches is not null and new.matches <> '[]'")} begin
      insert into triage_term_days (day, term, category, n)
        select ${DAY}, ${field('term')}, min(${field('category')}), 1 from json_each(new.matches) m where true group by 2
        on conflict (day, term) do update set n = n + 1;
      insert into triage_category_days (day, category, n)
        select distinct ${DAY}, ${field('category')}, 1 from json_each(new.matches) m where true
        on conflict (day, category) do update set n = n + 1;
    end`,
  ];
}

const NAMES = ['comment_counts_insert', 'event_counts_insert', 'triage_status_days_insert', 'triage_match_days_insert'];

async function replaceTriggers(knex: Knex, when: (condition: string | null) => string): Promise<void> {
  for (const name of NAMES) await knex.raw(`drop trigger if exists ${name}`);
  for (const sql of triggers(when)) await knex.raw(sql);
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') return;
  await knex.raw('create table counter_pause (id integer primary key check (id = 1))');
  await replaceTriggers(knex, (condition) => `when ${condition ? `${condition} and ` : ''}${NOT_PAUSED}`);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') return;
  await replaceTriggers(knex, (condition) => (condition ? `when ${condition}` : ''));
  await knex.raw('drop table counter_pause');
}
