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
 * 6. Context (context.ts): a hit only mentioned (`quotation`, `reported`, `negation`) or
 *    profanity at no one (`no_target`) weighs at most {@link MENTION_CAP}, one said of oneself
 *    (`self_directed`) at most {@link LOW_CAP}, in every category. Such hits do not add up: each
 *    kind counts once, by its heaviest hit, so no number of quoted insults or exclamations reaches
 *    a hold; a comment with a mentioned hit is flagged at least (`review`), whatever the thresholds.
 *
 * Consequences with the defaults: any single severity-1 word flags (0.42–0.55), a severity-2
 * insult flags alone and holds once aimed at someone (0.8), severity 3 holds, threats hold from
 * severity 2. Two mild untargeted insults flag (0.70); three hold.
 */
import type { Category, CategoryScores, ContextReason, Decision, Severity } from './types.js';
import { CATEGORIES } from './types.js';
import type { MatchTarget } from './target.js';
import { MENTION_REASONS } from './context.js';

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
/** Most a quoted, reported or negated hit, or profanity at no one, weighs: above the default flag, below the default hold. */
export const MENTION_CAP = 0.5;
/** Most a hit said of oneself weighs: below the default flag. */
export const LOW_CAP = 0.2;

/** What the scorer needs to know about one hit. */
export interface ScoredHit {
  readonly term: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly target: MatchTarget;
  /** Set when the hit's context lowers its weight (context.ts). */
  readonly reason?: ContextReason | null;
}

export interface Thresholds {
  readonly flag: number;
  readonly hold: number;
}

export interface Scored {
  readonly score: number;
  readonly decision: Decision;
  readonly categories: CategoryScores;
  /** True when a hit was only mentioned: the comment is flagged at least (see step 6). */
  readonly review?: boolean;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

// Category columns of the per-term weight table, in CATEGORIES order.
const CATEGORY_COUNT = CATEGORIES.length;
const CATEGORY_INDEX = Object.fromEntries(CATEGORIES.map((c, i) => [c, i])) as Record<Category, number>;
const HARASSMENT = CATEGORY_INDEX.harassment;
const IDENTITY_ATTACK = CATEGORY_INDEX.identity_attack;

// Per-term weights, reused from call to call (scoring is synchronous): typed arrays are slow to allocate.
let weightBuffer = new Float64Array(16 * CATEGORY_COUNT);

/** A zeroed table of `size` weights. */
function weightTable(size: number): Float64Array {
  if (weightBuffer.length < size) weightBuffer = new Float64Array(Math.max(size, 2 * weightBuffer.length));
  weightBuffer.fill(0, 0, size);
  return weightBuffer;
}

/** The weight of a hit in its own category (see the module comment). */
function hitWeight(hit: ScoredHit): number {
  const base = BASE_WEIGHTS[hit.category][hit.severity - 1] as number;
  return Math.min(MAX_WEIGHT, hit.target.target !== 'none' ? base + TARGET_BONUS : base);
}

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
  // Per term (in order of first appearance, which fixes the float products), the heaviest weight
  // in each category: flat arrays, no objects per hit.
  const terms: string[] = [];
  const weights = weightTable(hits.length * CATEGORY_COUNT);
  // Per category, the heaviest mentioned hit and the heaviest low one (step 6): allocated only when needed.
  let mentioned: number[] | null = null;
  let low: number[] | null = null;
  let review = false;
  for (const hit of hits) {
    if (hit.reason != null) {
      const lowered = hit.reason === 'self_directed';
      if (MENTION_REASONS.has(hit.reason)) review = true;
      const cap = lowered ? LOW_CAP : MENTION_CAP;
      const row = lowered ? (low ??= [0, 0, 0, 0, 0, 0]) : (mentioned ??= [0, 0, 0, 0, 0, 0]);
      for (const [category, w] of Object.entries(hitWeights(hit)) as [Category, number][]) {
        const c = CATEGORY_INDEX[category];
        row[c] = Math.max(row[c] as number, Math.min(cap, w));
      }
      continue;
    }
    let t = terms.indexOf(hit.term);
    if (t < 0) {
      t = terms.length;
      terms.push(hit.term);
    }
    const row = t * CATEGORY_COUNT;
    const w = hitWeight(hit);
    const c = CATEGORY_INDEX[hit.category];
    if (w > (weights[row + c] as number)) weights[row + c] = w;
    if (hit.target.target === 'person' && (hit.category === 'insult' || hit.category === 'profanity' || hit.category === 'sexual')) {
      if (w > (weights[row + HARASSMENT] as number)) weights[row + HARASSMENT] = w;
    }
    if (hit.target.target === 'group' && hit.target.identity && hit.category !== 'threat') {
      const id = Math.max(c === IDENTITY_ATTACK ? w : 0, Math.min(MAX_WEIGHT, w + IDENTITY_BONUS));
      if (id > (weights[row + IDENTITY_ATTACK] as number)) weights[row + IDENTITY_ATTACK] = id;
    }
  }
  const keep = [1, 1, 1, 1, 1, 1];
  let keepAll = 1;
  for (let t = 0; t < terms.length; t++) {
    let heaviest = 0;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      const v = weights[t * CATEGORY_COUNT + c] as number;
      keep[c] = (keep[c] as number) * (1 - v);
      heaviest = Math.max(heaviest, v);
    }
    keepAll *= 1 - heaviest;
  }
  for (const row of [mentioned, low]) {
    if (row === null) continue;
    let heaviest = 0;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      keep[c] = (keep[c] as number) * (1 - (row[c] as number));
      heaviest = Math.max(heaviest, row[c] as number);
    }
    keepAll *= 1 - heaviest;
  }
  const categories: CategoryScores = {
    insult: round(1 - (keep[0] as number)),
    harassment: round(1 - (keep[1] as number)),
    threat: round(1 - (keep[2] as number)),
    identity_attack: round(1 - (keep[3] as number)),
    sexual: round(1 - (keep[4] as number)),
    profanity: round(1 - (keep[5] as number)),
  };
  const score = round(1 - keepAll);
  const decision: Decision = score >= thresholds.hold ? 'hold' : score >= thresholds.flag || review ? 'flag' : 'publish';
  return review ? { score, decision, categories, review } : { score, decision, categories };
}
