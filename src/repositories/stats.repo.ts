import type { Knex } from 'knex';
import { DAY_MS, countAndMedian, dayNumberSql, jsonArrayElements, millisBetweenSql, selectRows, toCount, toDate } from '../db/dialect.js';
import { COMMENT_STATUSES, type CommentStatus } from './comments.repo.js';

/** A half-open time range [from, to): every figure is bounded by one, so its cost is too. */
export interface StatsRange {
  from: Date;
  to: Date;
}

/** The statuses the automatic triage gives; a decision from one of them judges the triage. */
export const TRIAGE_STATUSES = ['published', 'flagged', 'held'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export interface DayStatusCount {
  /** UTC day, as whole days since 1970-01-01. */
  day: number;
  status: CommentStatus;
  comments: number;
}

export interface DayTriageCount {
  day: number;
  status: CommentStatus;
  comments: number;
}

export interface TermCount {
  term: string;
  category: string;
  comments: number;
}

export interface ModeratorDayCount {
  userId: number;
  name: string;
  day: number;
  action: 'approve' | 'reject' | 'undo';
  decisions: number;
}

export interface DecisionGroup {
  from: TriageStatus;
  action: 'approve' | 'reject';
  /** Score band: 7 is [0.7, 0.8); 10 holds the scores of exactly 1. */
  band: number;
  decisions: number;
}

export interface TermDecisionGroup {
  term: string;
  category: string;
  from: TriageStatus;
  action: 'approve' | 'reject';
  /** Distinct comments (a term matched twice in one comment counts once). */
  decisions: number;
}

export interface MetricsSnapshot {
  commentsByStatus: Record<string, number>;
  eventsByAction: Record<string, number>;
  importJobsRunning: number;
  oldestHeldCreatedAt: Date | null;
}

/** The first and last UTC day numbers of a range (its bounds fall on midnights). */
const dayBounds = (range: StatsRange): [number, number] => [
  Math.floor(range.from.getTime() / DAY_MS),
  Math.ceil(range.to.getTime() / DAY_MS) - 1,
];

// Both databases accept a Date as a binding: sqlite3 stores epoch milliseconds, pg a timestamptz.
const rangeBindings = (range: StatsRange): Knex.RawBinding[] => [range.from, range.to];

/**
 * The moderators' standing decisions on the automatic triage within the range: approve/reject by
 * a person, from a status the triage gave (not a moderator overruling another), and not undone
 * (the next status change of the comment is not an undo). Selects `e.*`-style columns for the
 * queries built on it; the correlated lookup uses events_comment_idx (comment_id, id).
 */
function standingDecisionsSql(extraColumns: string, joins = ''): string {
  return `select ${extraColumns}
    from moderation_events e ${joins}
    where e.created_at >= ? and e.created_at < ?
      and e.actor_type = 'user' and e.action in ('approve', 'reject')
      and e.from_status in ('published', 'flagged', 'held')
      and coalesce((select x.action from moderation_events x
                    where x.comment_id = e.comment_id and x.id > e.id and x.to_status is not null
                    order by x.id limit 1), '') <> 'undo'`;
}

/** Aggregate queries for the statistics page, the stats API and /metrics. Read-only. */
export function createStatsRepo(db: Knex) {
  return {
    /**
     * Comments written in the range, per UTC day and current status. The status list lets both
     * databases read the (status, created_at, id) index alone, one range per status.
     */
    async commentsByDayAndStatus(range: StatsRange): Promise<DayStatusCount[]> {
      const rows = await selectRows(
        db,
        `select ${dayNumberSql(db, 'created_at')} as day, status, count(*) as n
         from comments where status in (${COMMENT_STATUSES.map(() => '?').join(', ')}) and created_at >= ? and created_at < ?
         group by 1, 2`,
        [...COMMENT_STATUSES, ...rangeBindings(range)],
      );
      return rows.map((row) => ({ day: toCount(row.day), status: row.status as CommentStatus, comments: toCount(row.n) }));
    },

    /** What the automatic triage decided, per UTC day of ingestion (triage_status_days, kept by the database). */
    async triageByDay(range: StatsRange): Promise<DayTriageCount[]> {
      const rows = await db('triage_status_days').whereBetween('day', dayBounds(range)).select('day', 'status', 'n');
      return rows.map((row: Record<string, unknown>) => ({ day: toCount(row.day), status: row.status as CommentStatus, comments: toCount(row.n) }));
    },

    /**
     * The terms the triage matched in the comments ingested in the range, by number of comments,
     * from the per-day counters the database keeps (triage_term_days): a year costs what a day does.
     */
    async topTerms(range: StatsRange, limit: number): Promise<TermCount[]> {
      const rows = await db('triage_term_days')
        .whereBetween('day', dayBounds(range))
        .groupBy('term')
        .select('term', db.raw('min(category) as category'), db.raw('sum(n) as n'))
        .orderBy([{ column: 'n', order: 'desc' }, { column: 'term' }])
        .limit(limit);
      return rows.map((row: Record<string, unknown>) => ({ term: String(row.term), category: String(row.category), comments: toCount(row.n) }));
    },

    /** Comments ingested in the range in which the triage found each category (triage_category_days). */
    async categories(range: StatsRange): Promise<Array<{ category: string; comments: number }>> {
      const rows = await db('triage_category_days').whereBetween('day', dayBounds(range)).groupBy('category').select('category', db.raw('sum(n) as n'));
      return rows.map((row: Record<string, unknown>) => ({ category: String(row.category), comments: toCount(row.n) }));
    },

    /** Approvals, rejections and undos per moderator and UTC day. */
    async decisionsByModeratorAndDay(range: StatsRange): Promise<ModeratorDayCount[]> {
      const rows = await selectRows(
        db,
        `select e.actor_user_id as user_id, u.display_name as name, ${dayNumberSql(db, 'e.created_at')} as day, e.action, count(*) as n
         from moderation_events e left join users u on u.id = e.actor_user_id
         where e.created_at >= ? and e.created_at < ? and e.actor_type = 'user' and e.action in ('approve', 'reject', 'undo')
         group by e.actor_user_id, u.display_name, 3, e.action`,
        rangeBindings(range),
      );
      return rows.map((row) => ({
        userId: toCount(row.user_id),
        name: String(row.name ?? ''),
        day: toCount(row.day),
        action: row.action as ModeratorDayCount['action'],
        decisions: toCount(row.n),
      }));
    },

    /** Median milliseconds from a comment's ingestion to a standing decision on its triage, and how many. */
    async decisionDelay(range: StatsRange): Promise<{ decisions: number; medianMs: number | null }> {
      const sql = standingDecisionsSql(`${millisBetweenSql(db, 'c.ingested_at', 'e.created_at')} as v`, 'join comments c on c.id = e.comment_id');
      const { count, median } = await countAndMedian(db, sql, rangeBindings(range));
      return { decisions: count, medianMs: median };
    },

    /** Standing decisions on the triage, by triage status, action and score band (score at decision time). */
    async decisionsByBand(range: StatsRange): Promise<DecisionGroup[]> {
      // The small epsilon keeps 0.7 (stored as 0.69999…) in band 7.
      const rows = await selectRows(
        db,
        `select d.from_status, d.action, d.band, count(*) as n from (
           ${standingDecisionsSql('e.from_status, e.action, floor(e.score * 10 + 0.000001) as band')}
         ) d group by d.from_status, d.action, d.band`,
        rangeBindings(range),
      );
      return rows.map((row) => ({
        from: row.from_status as TriageStatus,
        action: row.action as DecisionGroup['action'],
        band: toCount(row.band),
        decisions: toCount(row.n),
      }));
    },

    /** Standing decisions on the triage per matched term (the matches the moderator saw). */
    async decisionsByTerm(range: StatsRange): Promise<TermDecisionGroup[]> {
      const m = jsonArrayElements(db, 'd.matches', 'm');
      const rows = await selectRows(
        db,
        `select ${m.field('term')} as term, min(${m.field('category')}) as category, d.from_status, d.action, count(distinct d.id) as n
         from (${standingDecisionsSql('e.id, e.from_status, e.action, e.matches')}) d ${m.join}
         where d.matches is not null and d.matches <> '[]'
         group by 1, d.from_status, d.action`,
        rangeBindings(range),
      );
      return rows.map((row) => ({
        term: String(row.term),
        category: String(row.category),
        from: row.from_status as TriageStatus,
        action: row.action as TermDecisionGroup['action'],
        decisions: toCount(row.n),
      }));
    },

    /** What /metrics reports: all from counters or index seeks, so a scrape costs nothing at any size. */
    async metrics(): Promise<MetricsSnapshot> {
      const [statusRows, actionRows, triaged, running, oldest] = await Promise.all([
        db('comment_counts').select('status', 'n'),
        db('event_counts').select('action', 'n'),
        // Triage events are counted per day only (see migration 20261123000005).
        db('triage_status_days').sum({ n: 'n' }).first(),
        db('import_jobs').where('status', 'running').count({ n: '*' }).first(),
        db('comments').where('status', 'held').min({ at: 'created_at' }).first(),
      ]);
      return {
        commentsByStatus: Object.fromEntries(statusRows.map((row: { status: string; n: unknown }) => [row.status, toCount(row.n)])),
        eventsByAction: {
          triage: toCount(triaged?.n),
          ...Object.fromEntries(actionRows.map((row: { action: string; n: unknown }) => [row.action, toCount(row.n)])),
        },
        importJobsRunning: toCount(running?.n),
        oldestHeldCreatedAt: toDate(oldest?.at),
      };
    },
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
