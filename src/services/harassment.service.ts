import type { Knex } from 'knex';
import { createAuthorsRepo } from '../repositories/authors.repo.js';
import { createEventsRepo } from '../repositories/events.repo.js';
import { createHarassmentRepo, type AuthorStatusEvent } from '../repositories/harassment.repo.js';
import { createSettingsRepo } from '../repositories/settings.repo.js';
import { findPileOns, type PileOnAlert, type PileOnSettings } from '../domain/pile-on.js';

export type { PileOnAlert, PileOnSettings } from '../domain/pile-on.js';

/** N rejections within D days put a `normal` author on pre-moderation. */
export interface AutoPremoderationRule {
  enabled: boolean;
  rejections: number;
  days: number;
}

export const DEFAULT_AUTO_PREMODERATION: AutoPremoderationRule = { enabled: true, rejections: 3, days: 7 };
export const DEFAULT_PILE_ON: PileOnSettings = { replies: 3, authors: 3, minutes: 60 };

const RULE_KEY = 'harassment.autoPremoderation';
const PILE_ON_KEY = 'harassment.pileOn';
const DAY_MS = 86_400_000;
// Upper bounds keep a typo from meaning "never" in a way nobody notices.
const MAX_COUNT = 1000;
const MAX_DAYS = 365;
const MAX_PILE_ON_MINUTES = 7 * 24 * 60;
/** Pile-ons are looked for among comments of the last day, or of four windows if longer. */
const MIN_LOOKBACK_MS = DAY_MS;
/** Newest pending comments read per status: the detection's cost stays bounded on a flooded queue. */
const MAX_PENDING_PER_STATUS = 2000;

export class HarassmentSettingsError extends Error {
  override name = 'HarassmentSettingsError';
}

function assertCount(value: number, label: string, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HarassmentSettingsError(`${label} : un nombre entier entre 1 et ${max}.`);
  }
}

export interface AuthorFigures {
  comments: number;
  /** Comments triage put in the queue (flagged or held) over comments triaged; null before any. */
  flaggedRate: number | null;
  rejected7Days: number;
  rejected30Days: number;
  /** Set while the author is pre-moderated because the rule fired (not by a moderator). */
  automaticPremoderation: { at: Date; note: string | null } | null;
}

/**
 * The harassment picture: figures per author, the automatic pre-moderation rule, pile-on alerts.
 * Settings live in the settings table, so an admin's change reaches every instance.
 */
export function createHarassmentService(db: Knex) {
  const settings = createSettingsRepo(db);
  const repo = createHarassmentRepo(db);
  const authors = createAuthorsRepo(db);
  const events = createEventsRepo(db);

  return {
    async autoPremoderationRule(): Promise<AutoPremoderationRule> {
      return { ...DEFAULT_AUTO_PREMODERATION, ...(await settings.get<Partial<AutoPremoderationRule>>(RULE_KEY, {})) };
    },

    async setAutoPremoderationRule(rule: AutoPremoderationRule): Promise<void> {
      assertCount(rule.rejections, 'Rejets', MAX_COUNT);
      assertCount(rule.days, 'Jours', MAX_DAYS);
      await settings.set(RULE_KEY, { enabled: rule.enabled, rejections: rule.rejections, days: rule.days });
    },

    async pileOnSettings(): Promise<PileOnSettings> {
      return { ...DEFAULT_PILE_ON, ...(await settings.get<Partial<PileOnSettings>>(PILE_ON_KEY, {})) };
    },

    async setPileOnSettings(value: PileOnSettings): Promise<void> {
      assertCount(value.replies, 'Réponses', MAX_COUNT);
      assertCount(value.authors, 'Auteurs', MAX_COUNT);
      assertCount(value.minutes, 'Minutes', MAX_PILE_ON_MINUTES);
      if (value.authors > value.replies) {
        throw new HarassmentSettingsError('Il faut au moins autant de réponses que d’auteurs distincts.');
      }
      await settings.set(PILE_ON_KEY, { replies: value.replies, authors: value.authors, minutes: value.minutes });
    },

    /**
     * Runs the rule inside the transaction of a moderator's rejection, after the comment is
     * rejected. Counts the author's comments rejected since the later of the window's start and
     * the author's last restore, so a restored author starts again from zero. Only a `normal`
     * author is touched. Returns the count when the author was put on pre-moderation.
     */
    async applyAutoPremoderation(
      trx: Knex,
      rule: AutoPremoderationRule,
      rejection: { authorId: number; commentId: number; at: Date },
    ): Promise<number | null> {
      if (!rule.enabled) return null;
      const author = await authors.findById(rejection.authorId, trx);
      if (author?.status !== 'normal') return null;
      const windowStart = new Date(rejection.at.getTime() - rule.days * DAY_MS);
      const restoredAt = await repo.lastRestoreAt(author.id, trx);
      const since = restoredAt && restoredAt > windowStart ? restoredAt : windowStart;
      const rejections = await repo.rejectedSince(author.id, since, trx);
      if (rejections < rule.rejections) return null;
      if (!(await repo.premoderateIfNormal(author.id, rejection.at, trx))) return null;
      await events.append(
        {
          // No comment id: the comment's own history holds status changes of the comment only.
          commentId: null,
          authorId: author.id,
          actorType: 'system',
          actorUserId: null,
          action: 'author_premoderate',
          fromStatus: 'normal',
          toStatus: 'premoderated',
          // Stored in the log and read by moderators, hence French.
          note: `Règle automatique : ${rejections} rejets en ${rule.days} jours (seuil ${rule.rejections}), dernier : commentaire ${rejection.commentId}`,
          at: rejection.at,
        },
        trx,
      );
      return rejections;
    },

    async authorFigures(authorId: number, authorStatus: string, now = new Date()): Promise<AuthorFigures> {
      const [stats, triage, times, lastStatus] = await Promise.all([
        authors.stats(authorId),
        repo.triageCounts(authorId),
        repo.rejectionTimes([authorId], new Date(now.getTime() - 30 * DAY_MS)),
        repo.lastStatusEvent(authorId),
      ]);
      const recent = times.get(authorId)!;
      const weekStart = now.getTime() - 7 * DAY_MS;
      return {
        comments: stats.comments,
        flaggedRate: triage.triaged > 0 ? triage.queued / triage.triaged : null,
        rejected7Days: recent.filter((at) => at.getTime() > weekStart).length,
        rejected30Days: recent.length,
        automaticPremoderation: isAutomatic(authorStatus, lastStatus) ? { at: lastStatus!.createdAt, note: lastStatus!.note } : null,
      };
    },

    /** Rejections decided in the last 7 days for each author of a page of cards, in one query. */
    async rejectedLastWeek(authorIds: readonly number[], now = new Date()): Promise<Map<number, number>> {
      const times = await repo.rejectionTimes(authorIds, new Date(now.getTime() - 7 * DAY_MS));
      return new Map([...times].map(([id, list]) => [id, list.length]));
    },

    /** Pile-ons among the recent comments waiting for review, biggest first. */
    async pileOnAlerts(now = new Date()): Promise<{ settings: PileOnSettings; alerts: PileOnAlert[] }> {
      const current = await this.pileOnSettings();
      const lookback = Math.max(MIN_LOOKBACK_MS, 4 * current.minutes * 60_000);
      const rows = await repo.pendingSince(new Date(now.getTime() - lookback), MAX_PENDING_PER_STATUS);
      return { settings: current, alerts: findPileOns(rows, current) };
    },
  };
}

function isAutomatic(authorStatus: string, last: AuthorStatusEvent | undefined): boolean {
  return authorStatus === 'premoderated' && last?.action === 'author_premoderate' && last.actorType === 'system';
}

export type HarassmentService = ReturnType<typeof createHarassmentService>;
