import { DAY_MS } from '../db/dialect.js';
import { COMMENT_STATUSES, type CommentStatus } from '../repositories/comments.repo.js';
import { TRIAGE_STATUSES, type StatsRange, type StatsRepo, type TriageStatus } from '../repositories/stats.repo.js';
import { CATEGORIES, type Category } from '../scoring/types.js';
import type { Thresholds } from './triage.js';

export const DEFAULT_DAYS = 30;
/** The widest range one request may ask: a year and a day, so its cost stays bounded. */
export const MAX_DAYS = 366;
export const TOP_TERMS = 15;
export const TOP_OVERTURN_TERMS = 20;

/** A bad period parameter; the message names it and is meant for the person who gave it. */
export class StatsParamError extends Error {
  constructor(
    readonly param: string,
    readonly problem: string,
  ) {
    super(`invalid ${param}: ${problem}`);
    this.name = 'StatsParamError';
  }
}

/** The period of the figures, in whole UTC days: `from` and `to` both included. */
export interface StatsPeriod {
  from: string;
  to: string;
  days: number;
}

export interface StatusCounts extends Record<CommentStatus, number> {
  total: number;
}

export interface TriageDay {
  day: string;
  triaged: number;
  flagged: number;
  held: number;
  /** (flagged + held) / triaged, or null on a day with no comment. */
  flaggedShare: number | null;
}

/**
 * How the moderators judged one part of the automatic triage. The overturn is the decision that
 * says the triage was wrong: a held comment approved (an overturned hold), a flagged comment
 * approved (a false alarm), a published comment rejected (a miss).
 */
export interface OverturnCount {
  decisions: number;
  approved: number;
  rejected: number;
  overturned: number;
  /** overturned / decisions, or null with no decision. */
  rate: number | null;
}

export interface BandOverturns {
  /** "0.7–0.8"; the last band is "0.9–1.0" and includes 1. */
  band: string;
  min: number;
  byTriage: Record<TriageStatus, OverturnCount>;
}

export interface TermOverturns {
  term: string;
  category: string;
  held: OverturnCount;
  flagged: OverturnCount;
}

export interface Stats {
  period: StatsPeriod;
  thresholds: Thresholds;
  /** Comments by the day they were written and their current status, every day of the period. */
  commentsPerDay: Array<{ day: string } & StatusCounts>;
  commentsByStatus: StatusCounts;
  /** What the triage decided, by day of ingestion. */
  triagePerDay: TriageDay[];
  flaggedShare: number | null;
  /** Comments ingested in the period in which the triage found each category, most frequent first. */
  categories: Array<{ category: Category; comments: number }>;
  /** The terms matched in most comments ingested in the period. */
  topTerms: Array<{ term: string; category: string; comments: number }>;
  /** One row per moderator and day with a decision, newest day first. */
  decisionsPerModerator: Array<{ day: string; userId: number; name: string; approved: number; rejected: number; undone: number; total: number }>;
  decisionTime: { decisions: number; medianSeconds: number | null };
  overturns: {
    byTriage: Record<TriageStatus, OverturnCount>;
    byBand: BandOverturns[];
    /** Terms present in the most overturned holds (then false alarms): the first to fix. */
    byTerm: TermOverturns[];
  };
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(param: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) throw new StatsParamError(param, 'expected a date as YYYY-MM-DD');
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== value) throw new StatsParamError(param, 'not a calendar date');
  return time / DAY_MS;
}

export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The period from query parameters: `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC, both included; `to`
 * defaults to today, `from` to 29 days before `to`) or `?days=N` (the last N days, today included).
 * Default: the last 30 days. At most 366 days.
 */
export function parseStatsPeriod(query: Record<string, unknown>, now = new Date()): StatsPeriod {
  const today = Math.floor(now.getTime() / DAY_MS);
  let from = parseDay('from', query.from);
  let to = parseDay('to', query.to);
  if (query.days !== undefined && query.days !== '') {
    if (from !== undefined || to !== undefined) throw new StatsParamError('days', 'give either days or from/to, not both');
    const days = Number(query.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new StatsParamError('days', `expected a whole number from 1 to ${MAX_DAYS}`);
    from = today - days + 1;
  }
  to ??= today;
  from ??= to - DEFAULT_DAYS + 1;
  if (from > to) throw new StatsParamError('from', 'must not be after to');
  if (to - from + 1 > MAX_DAYS) throw new StatsParamError('to', `the period may cover at most ${MAX_DAYS} days`);
  return { from: dayString(from), to: dayString(to), days: to - from + 1 };
}

/** The time range a period covers: from its first midnight to the midnight after its last day. */
export function rangeOf(period: StatsPeriod): StatsRange {
  return { from: new Date(`${period.from}T00:00:00Z`), to: new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS) };
}

const emptyStatusCounts = (): StatusCounts => ({ held: 0, flagged: 0, published: 0, approved: 0, rejected: 0, total: 0 });

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The decision that proves the triage wrong, for each status the triage gives. */
const OVERTURNING_ACTION: Record<TriageStatus, 'approve' | 'reject'> = { held: 'approve', flagged: 'approve', published: 'reject' };

function emptyOverturn(): OverturnCount {
  return { decisions: 0, approved: 0, rejected: 0, overturned: 0, rate: null };
}

function addDecisions(count: OverturnCount, from: TriageStatus, action: 'approve' | 'reject', decisions: number): void {
  count.decisions += decisions;
  if (action === 'approve') count.approved += decisions;
  else count.rejected += decisions;
  if (action === OVERTURNING_ACTION[from]) count.overturned += decisions;
  count.rate = ratio(count.overturned, count.decisions);
}

const emptyByTriage = (): Record<TriageStatus, OverturnCount> =>
  Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, emptyOverturn()])) as Record<TriageStatus, OverturnCount>;

function bandLabel(band: number): string {
  return `${(band / 10).toFixed(1)}–${((band + 1) / 10).toFixed(1)}`;
}

/** The statistics of a period, as one typed object: for the page, the JSON API and the tests. */
export function createStatsService(deps: { stats: StatsRepo; thresholds: { get(): Promise<Thresholds> } }) {
  return {
    async forPeriod(period: StatsPeriod): Promise<Stats> {
      const range = rangeOf(period);
      const firstDay = Date.parse(`${period.from}T00:00:00Z`) / DAY_MS;
      const days = Array.from({ length: period.days }, (_, i) => firstDay + i);
      // Concurrent: PostgreSQL runs them on several connections; SQLite queues them on its one.
      const [thresholds, byDayStatus, triage, topTerms, categories, moderatorDays, delay, bands, terms] = await Promise.all([
        deps.thresholds.get(),
        deps.stats.commentsByDayAndStatus(range),
        deps.stats.triageByDay(range),
        deps.stats.topTerms(range, TOP_TERMS),
        deps.stats.categories(range),
        deps.stats.decisionsByModeratorAndDay(range),
        deps.stats.decisionDelay(range),
        deps.stats.decisionsByBand(range),
        deps.stats.decisionsByTerm(range),
      ]);

      const perDay = new Map(days.map((day) => [day, emptyStatusCounts()]));
      const commentsByStatus = emptyStatusCounts();
      for (const row of byDayStatus) {
        const counts = perDay.get(row.day);
        if (!counts) continue;
        counts[row.status] += row.comments;
        counts.total += row.comments;
        commentsByStatus[row.status] += row.comments;
        commentsByStatus.total += row.comments;
      }

      const triageDays = new Map(days.map((day) => [day, { triaged: 0, flagged: 0, held: 0 }]));
      for (const row of triage) {
        const counts = triageDays.get(row.day);
        if (!counts) continue;
        counts.triaged += row.comments;
        if (row.status === 'flagged') counts.flagged += row.comments;
        if (row.status === 'held') counts.held += row.comments;
      }
      const triagePerDay = days.map((day) => {
        const c = triageDays.get(day)!;
        return { day: dayString(day), ...c, flaggedShare: ratio(c.flagged + c.held, c.triaged) };
      });
      const triageTotal = triagePerDay.reduce((sum, d) => sum + d.triaged, 0);
      const flaggedTotal = triagePerDay.reduce((sum, d) => sum + d.flagged + d.held, 0);

      const moderatorRows = new Map<string, Stats['decisionsPerModerator'][number]>();
      for (const row of moderatorDays) {
        const key = `${row.day}:${row.userId}`;
        const entry = moderatorRows.get(key) ?? { day: dayString(row.day), userId: row.userId, name: row.name, approved: 0, rejected: 0, undone: 0, total: 0 };
        if (row.action === 'approve') entry.approved += row.decisions;
        else if (row.action === 'reject') entry.rejected += row.decisions;
        else entry.undone += row.decisions;
        entry.total = entry.approved + entry.rejected;
        moderatorRows.set(key, entry);
      }

      const byTriage = emptyByTriage();
      const byBand = new Map<number, Record<TriageStatus, OverturnCount>>();
      for (const row of bands) {
        // A score of exactly 1 belongs to the last band.
        const band = Math.min(row.band, 9);
        if (!byBand.has(band)) byBand.set(band, emptyByTriage());
        addDecisions(byBand.get(band)![row.from], row.from, row.action, row.decisions);
        addDecisions(byTriage[row.from], row.from, row.action, row.decisions);
      }

      const byTerm = new Map<string, TermOverturns>();
      for (const row of terms) {
        if (row.from === 'published') continue;
        const entry = byTerm.get(row.term) ?? { term: row.term, category: row.category, held: emptyOverturn(), flagged: emptyOverturn() };
        addDecisions(entry[row.from], row.from, row.action, row.decisions);
        byTerm.set(row.term, entry);
      }

      return {
        period,
        thresholds,
        commentsPerDay: days.map((day) => ({ day: dayString(day), ...perDay.get(day)! })),
        commentsByStatus,
        triagePerDay,
        flaggedShare: ratio(flaggedTotal, triageTotal),
        categories: categories
          .filter((c): c is { category: Category; comments: number } => (CATEGORIES as readonly string[]).includes(c.category) && c.comments > 0)
          .sort((a, b) => b.comments - a.comments || a.category.localeCompare(b.category)),
        topTerms,
        decisionsPerModerator: [...moderatorRows.values()].sort((a, b) => b.day.localeCompare(a.day) || b.total - a.total || a.name.localeCompare(b.name)),
        decisionTime: { decisions: delay.decisions, medianSeconds: delay.medianMs === null ? null : delay.medianMs / 1000 },
        overturns: {
          byTriage,
          byBand: [...byBand.entries()]
            .sort(([a], [b]) => a - b)
            .map(([band, counts]) => ({ band: bandLabel(band), min: band / 10, byTriage: counts })),
          byTerm: [...byTerm.values()]
            .filter((t) => t.held.overturned + t.flagged.overturned > 0)
            .sort((a, b) => b.held.overturned - a.held.overturned || b.flagged.overturned - a.flagged.overturned || a.term.localeCompare(b.term))
            .slice(0, TOP_OVERTURN_TERMS),
        },
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;

/** The figures /metrics exposes, from counters the database keeps (cheap at any size). */
export function createMetricsService(deps: { stats: StatsRepo; lexiconVersion: () => string | Promise<string>; now?: () => Date }) {
  return {
    async snapshot() {
      const m = await deps.stats.metrics();
      const now = (deps.now ?? (() => new Date()))();
      return {
        commentsByStatus: Object.fromEntries(COMMENT_STATUSES.map((s) => [s, m.commentsByStatus[s] ?? 0])) as Record<CommentStatus, number>,
        queueSize: (m.commentsByStatus.held ?? 0) + (m.commentsByStatus.flagged ?? 0),
        eventsByAction: m.eventsByAction,
        importJobsRunning: m.importJobsRunning,
        oldestHeldAgeSeconds: m.oldestHeldCreatedAt ? Math.max(0, (now.getTime() - m.oldestHeldCreatedAt.getTime()) / 1000) : 0,
        lexiconVersion: await deps.lexiconVersion(),
      };
    },
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
