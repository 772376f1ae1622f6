/**
 * Stage 5 of scoring: turn targeted hits into category scores, one score and a decision.
 *
 * The formula, in full:
 * 1. Each hit weighs `BASE[category][severity]` (table below). With a target (person or group)
 *    it weighs 0.15 more, capped at 0.99.
 * 2. A hit aimed at a person that is an insult, profanity or sexual also counts, with the same
 *    weight, as `harassment`. A hit aimed at a group named by an identity word (`les arabes`,
 *    `ces femmes`) also counts as `identity_attack`, 0.1 heavier.
 * 3. Hits on the same term count once (the heaviest): repeating `merde` ten times is still one `merde`.
 * 4. A category's score is the noisy-OR of its hits' weights, `1 - Π(1 - w)`; the comment's score is
 *    the noisy-OR of every distinct term's heaviest weight. Rounded to 3 decimals.
 * 5. Decision: `hold` at or above the hold threshold (default 0.75), `flag` at or above the flag
 *    threshold (default 0.4), else `publish`.
 *
 * Consequences with the defaults: any single severity-1 word flags (0.42–0.55), a severity-2
 * insult flags alone and holds once aimed at someone (0.8), severity 3 holds, threats hold from
 * severity 2. Two mild untargeted insults flag (0.70); three hold.
 */
import type { Category, CategoryScores, Decision, Severity } from './types.js';
import { CATEGORIES } from './types.js';
import type { MatchTarget } from './target.js';

/** Untargeted weight of one hit, by category and severity 1/2/3. */
export const BASE_WEIGHTS: Readonly<Record<Category, readonly [number, number, number]>> = {
  insult: [0.45, 0.65, 0.85],
  profanity: [0.42, 0.55, 0.75],
  sexual: [0.42, 0.6, 0.8],
  harassment: [0.5, 0.7, 0.9],
  threat: [0.55, 0.8, 0.95],
  identity_attack: [0.55, 0.8, 0.95],
};
export const TARGET_BONUS = 0.15;
export const IDENTITY_BONUS = 0.1;
export const MAX_WEIGHT = 0.99;
export const DEFAULT_FLAG_THRESHOLD = 0.4;
export const DEFAULT_HOLD_THRESHOLD = 0.75;

/** What the scorer needs to know about one hit. */
export interface ScoredHit {
  readonly term: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly target: MatchTarget;
}

export interface Thresholds {
  readonly flag: number;
  readonly hold: number;
}

export interface Scored {
  readonly score: number;
  readonly decision: Decision;
  readonly categories: CategoryScores;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The weight of one hit in each category it counts in (see the module comment for the formula).
 *
 * @example
 * hitWeights({ term: 'con', category: 'insult', severity: 1, target: { target: 'person', strong: true, identity: false } });
 * // { insult: 0.6, harassment: 0.6 }
 */
export function hitWeights(hit: ScoredHit): Partial<Record<Category, number>> {
  const base = BASE_WEIGHTS[hit.category][hit.severity - 1] as number;
  const aimed = hit.target.target !== 'none';
  const w = Math.min(MAX_WEIGHT, aimed ? base + TARGET_BONUS : base);
  const out: Partial<Record<Category, number>> = { [hit.category]: w };
  if (hit.target.target === 'person' && (hit.category === 'insult' || hit.category === 'profanity' || hit.category === 'sexual')) {
    out.harassment = Math.max(out.harassment ?? 0, w);
  }
  if (hit.target.target === 'group' && hit.target.identity && hit.category !== 'threat') {
    out.identity_attack = Math.max(out.identity_attack ?? 0, Math.min(MAX_WEIGHT, w + IDENTITY_BONUS));
  }
  return out;
}

/**
 * Checks thresholds: both in (0, 1], flag ≤ hold. Throws otherwise.
 *
 * @example
 * assertThresholds({ flag: 0.4, hold: 0.75 }); // ok
 * assertThresholds({ flag: 0.8, hold: 0.5 });  // throws
 */
export function assertThresholds(t: Thresholds): void {
  const ok = (x: number): boolean => Number.isFinite(x) && x > 0 && x <= 1;
  if (!ok(t.flag) || !ok(t.hold) || t.flag > t.hold) {
    throw new RangeError(`Invalid thresholds: flag ${t.flag}, hold ${t.hold} (need 0 < flag <= hold <= 1)`);
  }
}

/**
 * Combines hits into category scores, a score and a decision.
 *
 * @example
 * const none = { target: 'none', strong: false, identity: false } as const;
 * scoreHits([{ term: 'merde', category: 'profanity', severity: 1, target: none }], { flag: 0.4, hold: 0.75 });
 * // { score: 0.42, decision: 'flag', categories: { profanity: 0.42, insult: 0, … } }
 */
export function scoreHits(hits: readonly ScoredHit[], thresholds: Thresholds): Scored {
  if (hits.length === 0) {
    // The common case, kept cheap.
    return {
      score: 0,
      decision: 'publish',
      categories: { insult: 0, harassment: 0, threat: 0, identity_attack: 0, sexual: 0, profanity: 0 },
    };
  }
  // Per term, the heaviest weight in each category and overall.
  const perTerm = new Map<string, Partial<Record<Category, number>>>();
  for (const hit of hits) {
    const w = hitWeights(hit);
    const prev = perTerm.get(hit.term) ?? {};
    for (const c of CATEGORIES) {
      const v = w[c];
      if (v !== undefined && v > (prev[c] ?? 0)) prev[c] = v;
    }
    perTerm.set(hit.term, prev);
  }
  const keep = Object.fromEntries(CATEGORIES.map((c) => [c, 1])) as Record<Category, number>;
  let keepAll = 1;
  for (const weights of perTerm.values()) {
    let heaviest = 0;
    for (const c of CATEGORIES) {
      const v = weights[c] ?? 0;
      keep[c] *= 1 - v;
      heaviest = Math.max(heaviest, v);
    }
    keepAll *= 1 - heaviest;
  }
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, round(1 - keep[c])])) as CategoryScores;
  const score = round(1 - keepAll);
  const decision: Decision = score >= thresholds.hold ? 'hold' : score >= thresholds.flag ? 'flag' : 'publish';
  return { score, decision, categories };
}
