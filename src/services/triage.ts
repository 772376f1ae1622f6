import type { AuthorStatus } from '../repositories/authors.repo.js';
import type { CommentStatus } from '../repositories/comments.repo.js';
import type { SettingsRepo } from '../repositories/settings.repo.js';
import { DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD, type Decision, type ScoreResult } from '../scoring/index.js';

export interface Thresholds {
  /** At or above: published, but put in the queue. */
  flag: number;
  /** At or above: held until a moderator approves it. */
  hold: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { flag: DEFAULT_FLAG_THRESHOLD, hold: DEFAULT_HOLD_THRESHOLD };
const SETTINGS_KEY = 'triage.thresholds';

export function decisionFor(score: number, thresholds: Thresholds): Decision {
  if (score >= thresholds.hold) return 'hold';
  return score >= thresholds.flag ? 'flag' : 'publish';
}

/**
 * The decision for a scored comment under the site's thresholds. The learned layer may raise a
 * comment the lexicon would publish to `flag` (a moderator looks; nothing is hidden on a
 * statistical guess), never to `hold`, and its score stays the lexicon's, so no threshold turns
 * the layer's guess into a hold. A result marked `review` (a hit only mentioned) is flagged at least too.
 */
export function triageDecision(result: Pick<ScoreResult, 'score' | 'model' | 'review'>, thresholds: Thresholds): Decision {
  const decision = decisionFor(result.score, thresholds);
  // A quoted, reported or negated insult is never published unseen (ScoreResult.review).
  return decision === 'publish' && (result.model?.flagged === true || result.review === true) ? 'flag' : decision;
}

/**
 * The status a new comment gets: a banned author's comments are rejected, a pre-moderated
 * author's are held, everyone else's follow the score against the thresholds.
 */
export function triageStatus(decision: Decision, authorStatus: AuthorStatus): CommentStatus {
  if (authorStatus === 'banned') return 'rejected';
  if (authorStatus === 'premoderated' || decision === 'hold') return 'held';
  return decision === 'flag' ? 'flagged' : 'published';
}

export class ThresholdError extends Error {
  override name = 'ThresholdError';
}

/** Thresholds live in the settings table so an admin's change reaches every instance. */
export function createThresholdsService(settings: SettingsRepo) {
  return {
    get: () => settings.get<Thresholds>(SETTINGS_KEY, DEFAULT_THRESHOLDS),
    async set(thresholds: Thresholds): Promise<void> {
      const { flag, hold } = thresholds;
      if (!(flag > 0 && flag <= 1 && hold > 0 && hold <= 1)) throw new ThresholdError('thresholds must be between 0 and 1');
      if (flag > hold) throw new ThresholdError('the flag threshold cannot be above the hold threshold');
      await settings.set(SETTINGS_KEY, { flag, hold });
    },
  };
}

export type ThresholdsService = ReturnType<typeof createThresholdsService>;
