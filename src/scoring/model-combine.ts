/**
 * One decision, two voices: how the learned model's `toxic` probability changes the lexicon's
 * decision. The lexicon keeps its spans and categories; the model may flag or hold on its own
 * when it is confident, and lower a lexicon hit one step when it is confident the comment is
 * clean (a quotation, a negation, counter-speech). Pure, so triage can re-decide a stored
 * result under a site's own thresholds.
 */
import { MASKED_TERM, type Decision, type Match, type ModelEffect, type ModelThresholds } from './types.js';

/** The lowest flag threshold a site may set: under it the model's guesses are mostly wrong. */
export const MIN_MODEL_FLAG = 0.5;
/** The highest clear threshold a site may set: above it the model is not sure enough to clear a hit. */
export const MAX_MODEL_CLEAR = 0.3;

/** Throws a RangeError unless `clear < flag ≤ hold`, `flag ≥ MIN_MODEL_FLAG`, `clear ≤ MAX_MODEL_CLEAR`, `hold ≤ 1`. */
export function assertModelThresholds(t: ModelThresholds): void {
  const ok = Number.isFinite(t.flag) && Number.isFinite(t.hold) && Number.isFinite(t.clear)
    && t.clear >= 0 && t.clear <= MAX_MODEL_CLEAR && t.flag >= MIN_MODEL_FLAG && t.flag <= t.hold && t.hold <= 1;
  if (!ok) throw new RangeError(`model thresholds need 0 ≤ clear ≤ ${MAX_MODEL_CLEAR}, ${MIN_MODEL_FLAG} ≤ flag ≤ hold ≤ 1; got ${JSON.stringify(t)}`);
}

/**
 * Whether the lexicon found only words the standard does not hold: profanity aimed at no one or
 * said of oneself, never a masked word (`Putain, quel match !`, `Je suis trop con`). The model may then flag, never hold.
 *
 * @example
 * onlyHarmlessHits([{ term: 'merde(s)', context: 'no_target', … }]); // true
 */
export function onlyHarmlessHits(matches: readonly Match[]): boolean {
  let seen = false;
  for (const m of matches) {
    if (m.source === 'model') continue;
    // A masked word (`****`) may hide anything: never harmless.
    if (m.term === MASKED_TERM) return false;
    if (m.context !== 'no_target' && m.context !== 'self_directed') return false;
    seen = true;
  }
  return seen;
}

/**
 * The combined decision and what the model did to the lexicon's. With `onlyHarmless` (see
 * {@link onlyHarmlessHits}: profanity at no one, words said of oneself) the model's confidence
 * raises a comment to a flag at most: the standard allows such comments a low flag, never a hold.
 *
 * @example
 * combineDecision('publish', 0.97, { flag: 0.8, hold: 0.95, clear: 0.1 }); // { decision: 'hold', effect: 'hold' }
 * combineDecision('hold', 0.04, { flag: 0.8, hold: 0.95, clear: 0.1 });    // { decision: 'flag', effect: 'lowered' }
 */
export function combineDecision(
  lexicon: Decision, toxic: number, t: ModelThresholds, options: { onlyHarmless?: boolean } = {},
): { decision: Decision; effect: ModelEffect } {
  if (toxic >= t.hold && options.onlyHarmless !== true) return { decision: 'hold', effect: lexicon === 'hold' ? 'none' : 'hold' };
  if (toxic >= t.flag) return lexicon === 'publish' ? { decision: 'flag', effect: 'flag' } : { decision: lexicon, effect: 'none' };
  if (toxic <= t.clear && lexicon !== 'publish') return { decision: lexicon === 'hold' ? 'flag' : 'publish', effect: 'lowered' };
  return { decision: lexicon, effect: 'none' };
}
