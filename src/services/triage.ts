import type { AuthorStatus } from '../repositories/authors.repo.js';
import type { CommentStatus } from '../repositories/comments.repo.js';
import type { SettingsRepo } from '../repositories/settings.repo.js';
import { assertModelThresholds, combineDecision, onlyHarmlessHits, DEFAULT_FLAG_THRESHOLD, MAX_MODEL_CLEAR, MIN_MODEL_FLAG, DEFAULT_HOLD_THRESHOLD, type Decision, type ModelThresholds, type ScoreResult } from '../scoring/index.js';

export interface Thresholds {
  /** At or above: published, but put in the queue. */
  flag: number;
  /** At or above: held until a moderator approves it. */
  hold: number;
  /** The learned model's thresholds; absent: the ones shipped with the model (cross-validated). */
  model?: ModelThresholds;
}

export const DEFAULT_THRESHOLDS: Thresholds = { flag: DEFAULT_FLAG_THRESHOLD, hold: DEFAULT_HOLD_THRESHOLD };
const SETTINGS_KEY = 'triage.thresholds';

export function decisionFor(score: number, thresholds: Thresholds): Decision {
  if (score >= thresholds.hold) return 'hold';
  return score >= thresholds.flag ? 'flag' : 'publish';
}

/**
 * The decision for a scored comment under the site's thresholds: the lexicon's score against
 * `flag`/`hold`, then the model's `toxic` probability against the model's thresholds (the site's,
 * or those the scorer applied), combined as scoring/model-combine.ts says. A result marked `review`
 * (a hit only mentioned) is flagged at least.
 */
export function triageDecision(result: Pick<ScoreResult, 'score' | 'model' | 'review' | 'matches'>, thresholds: Thresholds): Decision {
  const decision = decisionFor(result.score, thresholds);
  if (result.model === undefined || result.model.abstained !== undefined) return decision === 'publish' && result.review === true ? 'flag' : decision;
  const onlyHarmless = onlyHarmlessHits(result.matches);
  const combined = combineDecision(decision, result.model.probabilities.toxic, thresholds.model ?? result.model.thresholds, { onlyHarmless }).decision;
  // A quoted, reported or negated insult is never published unseen (ScoreResult.review), even when the model clears it.
  return combined === 'publish' && result.review === true ? 'flag' : combined;
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

/**
 * Thresholds live in the settings table so an admin's change reaches every instance; the model's
 * are optional (absent: the cross-validated ones shipped with the model).
 */
export function createThresholdsService(settings: SettingsRepo) {
  return {
    get: () => settings.get<Thresholds>(SETTINGS_KEY, DEFAULT_THRESHOLDS),
    async set(thresholds: Thresholds): Promise<void> {
      const { flag, hold } = thresholds;
      if (!(flag > 0 && flag <= 1 && hold > 0 && hold <= 1)) throw new ThresholdError('Les seuils vont de 1 à 100.');
      if (flag > hold) throw new ThresholdError('Le seuil de signalement ne peut pas dépasser le seuil de rétention.');
      if (thresholds.model !== undefined) {
        try {
          assertModelThresholds(thresholds.model);
        } catch {
          throw new ThresholdError(
            `Seuils du modèle : ${Math.round(MIN_MODEL_FLAG * 100)} ≤ signalement ≤ rétention ≤ 100 et 0 ≤ levée ≤ ${Math.round(MAX_MODEL_CLEAR * 100)}.`,
          );
        }
      }
      const { model } = thresholds;
      await settings.set(SETTINGS_KEY, model === undefined ? { flag, hold } : { flag, hold, model: { flag: model.flag, hold: model.hold, clear: model.clear } });
    },
  };
}

export type ThresholdsService = ReturnType<typeof createThresholdsService>;
