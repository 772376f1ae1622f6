import type { Knex } from 'knex';
import { DAY_MS, dayNumberSql, jsonArrayElements, selectRows, withRowCountersPaused } from '../db/dialect.js';

/*
 * SQLite's per-row triggers keep the tab counts (migration 20261123000002) and the statistics
 * counters (20261123000005) on inserts, and pause while a bulk batch is inserted (20261204000030).
 * `counterStatements` write exactly what they write, for a whole batch at once, and so do
 * `statusCounterStatements` with `batchLogCounterStatements` for a bulk batch on SQLite: keep them
 * in step if a migration changes either.
 */

/** A row of the last comment and log event ids (`c`, `e`): the rows a batch then inserts come after them. */
export const COUNTER_MARK_SELECT = 'select (select coalesce(max(id), 0) from comments) as c, (select coalesce(max(id), 0) from moderation_events) as e';

/** The last comment and log event ids: the rows a batch then inserts are the ones after them. */
export interface CounterMark {
  commentId: number;
  eventId: number;
}

/**
 * The statements that add the comments and log events inserted after the ids `since` (SQL
 * expressions: a number, or a subquery) to the counters, grouped: per status for the tabs; per
 * action (triage excepted) for /metrics; per UTC day of the triage and status, term (each comment
 * once, whatever the times a term matched) and category for the statistics. Valid in the
 * transaction that inserted them: ids only grow, and SQLite has one writer at a time.
 */
export function counterStatements(trx: Knex, since: { comments: string; events: string }): string[] {
  const day = dayNumberSql(trx, 'e.created_at');
  const m = jsonArrayElements(trx, 'e.matches', 'm');
  const triageWithMatches = "e.action = 'triage' and e.matches is not null and e.matches <> '[]'";
  const events = eventsSince(since);
  return [
    ...statusCounterStatements(trx, since),
    `${events} insert into event_counts (action, n) select action, count(*) from e where e.action <> 'triage' group by action
     on conflict (action) do update set n = event_counts.n + excluded.n`,
    `${events} insert into triage_term_days (day, term, category, n)
     select ${day}, ${m.field('term')}, min(${m.field('category')}), count(distinct e.id) from e ${m.join}
     where ${triageWithMatches} group by 1, 2
     on conflict (day, term) do update set n = triage_term_days.n + excluded.n`,
    `${events} insert into triage_category_days (day, category, n)
     select ${day}, ${m.field('category')}, count(distinct e.id) from e ${m.join}
     where ${triageWithMatches} group by 1, 2
     on conflict (day, category) do update set n = triage_category_days.n + excluded.n`,
  ];
}

// The batch's rows come first, by primary key and materialized: left to itself, the planner reads
// them through the (status…) or (action…) indexes instead, scanning every row ever inserted, which
// made each batch slower than the last.
const eventsSince = (since: { events: string }) =>
  `with e as materialized (select id, action, to_status, created_at, matches from moderation_events where id > ${since.events})`;

/** The part of counterStatements that needs each stored status: the tabs, and the triage per day and status. */
export function statusCounterStatements(trx: Knex, since: { comments: string; events: string }): string[] {
  const comments = `with c as materialized (select status from comments where id > ${since.comments})`;
  return [
    `${comments} insert into comment_counts (status, n) select status, count(*) from c where true group by status
     on conflict (status) do update set n = comment_counts.n + excluded.n`,
    `${eventsSince(since)} insert into triage_status_days (day, status, n) select ${dayNumberSql(trx, 'e.created_at')}, e.to_status, count(*) from e
     where e.action = 'triage' group by 1, 2
     on conflict (day, status) do update set n = triage_status_days.n + excluded.n`,
  ];
}

/** What a bulk batch's log events add to the counters besides the statuses (see batchLogCounts). */
export interface BatchLogCounts {
  /** Comments logged as imported decisions (`import` events), not triaged. */
  imported: number;
  terms: Array<[term: string, category: string, n: number]>;
  categories: Array<[category: string, n: number]>;
}

/**
 * The rest of counterStatements for a bulk batch whose comments are all new and whose log events
 * are all dated alike: the imported decisions per action, and per term and category the triaged
 * comments whose matches hold them, counted from the batch's rows instead of read back from the
 * log (on SQLite that reading, the matches' JSON of every row twice, was about a seventh of a
 * batch's script). Same numbers: each comment once per term and per category, a term's category
 * the least of those it matched with, nothing for a comment without matches.
 */
export function batchLogCounts(batch: Iterable<{ kept: boolean; matches: ReadonlyArray<{ term: string; category: string }> }>): BatchLogCounts {
  let imported = 0;
  const terms = new Map<string, { category: string; n: number }>();
  const categories = new Map<string, number>();
  for (const comment of batch) {
    if (comment.kept) {
      imported += 1;
      continue;
    }
    const termsHere = new Set<string>();
    const categoriesHere = new Set<string>();
    for (const { term, category } of comment.matches) {
      const counted = terms.get(term);
      if (counted === undefined) terms.set(term, { category, n: 0 });
      else if (category < counted.category) counted.category = category;
      termsHere.add(term);
      categoriesHere.add(category);
    }
    for (const term of termsHere) terms.get(term)!.n += 1;
    for (const category of categoriesHere) categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  return {
    imported,
    terms: [...terms].map(([term, { category, n }]) => [term, category, n]),
    categories: [...categories],
  };
}

/**
 * SQLite: the statements that add `counts` to the counters, for log events dated `now` (epoch ms),
 * run by sqlite3_exec, which takes no parameters: the counts are written in as JSON string
 * literals (JSON.stringify leaves no control character; quotes are doubled).
 */
export function batchLogCounterStatements(counts: BatchLogCounts, now: number): string[] {
  if (!Number.isSafeInteger(now) || !Number.isSafeInteger(counts.imported)) throw new TypeError('not a time or a count');
  const day = Math.floor(now / DAY_MS);
  const literal = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "''")}'`;
  const statements: string[] = [];
  if (counts.imported > 0) {
    statements.push(`insert into event_counts (action, n) values ('import', ${counts.imported})
     on conflict (action) do update set n = event_counts.n + excluded.n`);
  }
  if (counts.terms.length > 0) {
    statements.push(`insert into triage_term_days (day, term, category, n)
     select ${day}, value->>0, value->>1, value->>2 from json_each(${literal(counts.terms)}) where true
     on conflict (day, term) do update set n = triage_term_days.n + excluded.n`);
  }
  if (counts.categories.length > 0) {
    statements.push(`insert into triage_category_days (day, category, n)
     select ${day}, value->>0, value->>1 from json_each(${literal(counts.categories)}) where true
     on conflict (day, category) do update set n = triage_category_days.n + excluded.n`);
  }
  return statements;
}

export function createCountersRepo() {
  async function mark(trx: Knex): Promise<CounterMark> {
    const [row] = await selectRows<{ c: unknown; e: unknown }>(trx, COUNTER_MARK_SELECT);
    return { commentId: Number(row?.c ?? 0), eventId: Number(row?.e ?? 0) };
  }

  /** Adds the comments and log events inserted after `since` to the counters (see counterStatements). */
  async function addSince(trx: Knex, since: CounterMark): Promise<void> {
    for (const sql of counterStatements(trx, { comments: String(since.commentId), events: String(since.eventId) })) await trx.raw(sql);
  }

  return {
    /**
     * Runs `body` (inserts of comments and log events, in `trx`) with the counters written once
     * for all its rows instead of row by row (see withRowCountersPaused): same totals, less work.
     */
    perBatch<T>(trx: Knex, body: () => Promise<T>): Promise<T> {
      return withRowCountersPaused(trx, { mark: () => mark(trx), apply: (since) => addSince(trx, since) }, body);
    },
  };
}

export type CountersRepo = ReturnType<typeof createCountersRepo>;
