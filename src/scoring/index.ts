/**
 * The scoring engine's front door: `createScorer` compiles the lexicon once and returns a pure
 * `score(text, context)`; the stages (normalize → tokenize → match → target → score) are also
 * exported for tests and tools.
 *
 * Three roads to one result (tests prove them equal): the fast scan proves most comments clean;
 * plain text that may match goes to the id matcher on the scan's word table (word-match.ts); the
 * rest — leet or masks that may hide a word, look-alikes, split or spaced words — takes the full pipeline.
 */
import type { LexiconEntry, Match, ModelLook, ScoreContext, ScoreResult, Scorer, ScorerOptions, Target } from './types.js';
import { builtinLexicon, LEXICON_VERSION } from './lexicon/index.js';
import { compileLexicon, type CompiledLexicon } from './compile.js';
import { foldText, normalize, toOriginalSpan, type NormalizedText } from './normalize.js';
import { tokenize } from './tokenize.js';
import { buildUnits, dropNested, findMatches, type FoundMatch } from './match.js';
import { detectTargets, detectTargetsIn, type MatchTarget, type TargetAnalysis } from './target.js';
import { compileFastScanner, type FastScanner } from './fast-scan.js';
import { fillGaps, findWordMatches, markWordPhrases } from './word-match.js';
import { WordTable } from './word-table.js';
import { assertThresholds, DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD, scoreHits, type ScoredHit, type Thresholds } from './score.js';
import { compileModel, type LearnedLayer, type ModelWeights } from './model.js';
import { contextOf, hasQuoteMarks, quoteSpans, type QuoteSpans } from './context.js';
import { BUILTIN_MODEL } from './model-weights.js';

export * from './types.js';
export { compileLexicon, expandPattern, LexiconPatternError } from './compile.js';
export type { CompiledLexicon } from './compile.js';
export { normalize, foldText } from './normalize.js';
export { tokenize } from './tokenize.js';
export { DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD } from './score.js';
export { explain } from './explain.js';
export { contextOf, quoteSpans } from './context.js';
export { compileModel, MAX_MODEL_EVIDENCE } from './model.js';
export type { LearnedLayer, ModelWeights } from './model.js';
export { BUILTIN_MODEL, BUILTIN_MODEL_TRAINING } from './model-weights.js';

/**
 * Longest text scored, in UTF-16 units. The HTTP layer rejects longer bodies; the scorer itself
 * scores only the first `MAX_INPUT_CHARS` and sets `truncated`, so a 1 MB paste costs what 20 kB does.
 */
export const MAX_INPUT_CHARS = 20_000;

/** The term reported for a word the site or the author masked (`****`). */
export const MASKED_TERM = '****';

function cut(text: string): string {
  let end = MAX_INPUT_CHARS;
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Options of {@link createScorerFor} that only tests and benchmarks use.
 * @internal
 */
export interface InternalScorerOptions extends ScorerOptions {
  /**
   * False: every text goes through the full pipeline (the fast scan is skipped), so tests can
   * prove the fast scan changes no result. Default true.
   * @internal
   */
  fastPath?: boolean;
  /** The learned layer's weights (see {@link ScorerOptions.learnedLayer}); none by default here. */
  model?: ModelWeights;
}

/** What a scorer holds between calls. */
interface ScorerState {
  readonly lex: CompiledLexicon;
  readonly scanner: FastScanner | null;
  readonly version: string;
  readonly thresholds: Thresholds;
  /** Reused by every call: scoring is synchronous. */
  readonly words: WordTable;
  readonly layer: LearnedLayer | null;
  /** The layer's answer for a comment with none of its words (compileModel ensures it does not flag). */
  readonly resting: ModelLook | null;
}

const roundProbability = (p: number): number => Math.round(p * 1000) / 1000;

// Shared empty lists for the common case of a clean text (read, never kept or changed).
const NO_MATCHES: readonly FoundMatch[] = Object.freeze([]);
const NO_TARGETS: readonly MatchTarget[] = Object.freeze([]);
const NO_QUOTES: QuoteSpans = Object.freeze([]);

/**
 * The learned layer's look at a comment the lexicon publishes: it can raise it to `flag`, never to
 * `hold` (a person reviews it, nothing is hidden on a statistical guess), and says which words
 * weighed most. Score and categories stay the lexicon's, so no threshold a site sets on the score
 * can turn the layer's guess into a hold; `model.flagged` carries the layer's decision.
 */
function withLayer(state: ScorerState, text: string, result: ScoreResult, scanned: boolean): ScoreResult {
  const layer = state.layer;
  if (layer === null || result.decision !== 'publish') return result;
  const p = scanned ? layer.lookScanned(text, state.words) : layer.look(text);
  if (p === layer.restingProbability) {
    // None of the layer's words (weights are > 0): the common case, one shared answer.
    result.model = state.resting as ModelLook;
    return result;
  }
  const flagged = p >= layer.threshold;
  result.model = { probability: roundProbability(p), threshold: layer.threshold, flagged };
  if (!flagged) return result;
  result.decision = 'flag';
  result.matches.push(...layer.evidence(text));
  return result;
}

/** Scores one text: the lexicon, then the learned layer when the lexicon publishes it. */
function scoreWith(state: ScorerState, input: string, context?: ScoreContext): ScoreResult {
  const truncated = input.length > MAX_INPUT_CHARS;
  const text = truncated ? cut(input) : input;
  const { scanner, words } = state;
  if (scanner !== null && context?.parentAuthorName === undefined) {
    const scanned = scanner.scan(text, words);
    if (scanned !== null) return withLayer(state, text, scannedResult(state, text, scanned, truncated), true);
  }
  return withLayer(state, text, pipelineResult(state, text, truncated, context), false);
}

/** The lexicon's result when the fast scan read the whole text (its rows are in `state.words`). */
function scannedResult(state: ScorerState, text: string, scanned: Target | 'words', truncated: boolean): ScoreResult {
  const words = state.words;
  const scanner = state.scanner as FastScanner;
  if (scanned === 'words') {
    // Plain words, some of which may match: the id matcher reads the scan's table.
    fillGaps(words, text);
    const found = dropNested(findWordMatches(text, words, scanner.index));
    markWordPhrases(words, scanner.index, found);
    return resultOf(state, text, null, found, detectTargetsIn(words, found, false), words.start, words.end, truncated);
  }
  // The scan proves nothing can match; it read the address on the way.
  return resultOf(state, text, null, NO_MATCHES, { perMatch: NO_TARGETS, target: scanned }, words.start, words.end, truncated);
}

/** The lexicon's result through the full pipeline: normalize → tokenize → match → target. */
function pipelineResult(state: ScorerState, text: string, truncated: boolean, context?: ScoreContext): ScoreResult {
  const normalized = normalize(text);
  const units = buildUnits(tokenize(normalized.text), state.lex);
  const found = findMatches(units, state.lex);
  const starts = units.map((u) => u.start);
  const ends = units.map((u) => u.end);
  return resultOf(state, text, normalized, found, detectTargets(units, found, context), starts, ends, truncated);
}

/**
 * Turns hits into the result: their spans in the original (`starts`/`ends` are the folded spans of
 * the units, mapped back through `normalized` unless folding kept every unit in place), weights, decision.
 */
function resultOf(
  state: ScorerState, text: string, normalized: NormalizedText | null, found: readonly FoundMatch[], targets: TargetAnalysis,
  starts: ArrayLike<number>, ends: ArrayLike<number>, truncated: boolean,
): ScoreResult {
  const matches: Match[] = [];
  const hits: ScoredHit[] = [];
  let quotes: QuoteSpans | null = null;
  for (let k = 0; k < found.length; k++) {
    const m = found[k] as FoundMatch;
    const t = targets.perMatch[k] as MatchTarget;
    if ((m.entry?.needsTarget === true && !t.strong) || t.dropped === true) continue;
    let start = starts[m.first] as number;
    let end = ends[m.last] as number;
    if (normalized !== null) [start, end] = toOriginalSpan(normalized, start, end);
    const term = m.entry?.pattern ?? MASKED_TERM;
    const category = m.entry?.category ?? 'profanity';
    const severity = m.entry?.severity ?? 1;
    quotes ??= hasQuoteMarks(text) ? quoteSpans(text) : NO_QUOTES;
    const reason = contextOf(text, quotes, { start, end, category, target: t.target });
    const match: Match = { term, category, severity, start, end, text: text.slice(start, end) };
    if (reason !== null) match.context = reason;
    matches.push(match);
    hits.push({ term, category, severity, target: t, reason });
  }
  const scored = scoreHits(hits, state.thresholds);
  const result: ScoreResult = {
    score: scored.score,
    decision: scored.decision,
    categories: scored.categories,
    target: targets.target,
    matches,
    lexiconVersion: state.version,
  };
  if (truncated) result.truncated = true;
  if (scored.review === true) result.review = true;
  return result;
}

/**
 * Builds a scorer on a given lexicon instead of the built-in one (tests, tools, evaluations).
 * Same validation as {@link createScorer}; `extraEntries` and `disabledPatterns` apply to `lexicon`.
 *
 * @example
 * const scorer = createScorerFor([{ pattern: 'naze(s)', category: 'insult', severity: 1 }], 'test-1');
 * scorer.score('Naze va!').target; // 'person'
 */
export function createScorerFor(lexicon: readonly LexiconEntry[], lexiconVersion: string, options: InternalScorerOptions = {}): Scorer {
  const thresholds: Thresholds = {
    flag: options.flagThreshold ?? DEFAULT_FLAG_THRESHOLD,
    hold: options.holdThreshold ?? DEFAULT_HOLD_THRESHOLD,
  };
  assertThresholds(thresholds);
  const disabled = new Set((options.disabledPatterns ?? []).map((p) => foldText(p.trim())));
  const entries: LexiconEntry[] = [
    ...lexicon.filter((e) => !disabled.has(foldText(e.pattern))),
    ...(options.extraEntries ?? []),
  ];
  const lex = compileLexicon(entries);
  const model = options.learnedLayer === false ? undefined : options.model;
  const scanner = options.fastPath === false ? null : compileFastScanner(lex, model?.weights.map(([w]) => w) ?? []);
  const custom = (options.extraEntries?.length ?? 0) > 0 || disabled.size > 0;
  const version = custom ? `${lexiconVersion}+custom` : lexiconVersion;
  const layer = model === undefined ? null : compileModel(model, scanner ?? undefined);
  const resting = layer === null ? null
    : Object.freeze({ probability: roundProbability(layer.restingProbability), threshold: layer.threshold, flagged: false });
  const state: ScorerState = { lex, scanner, version, thresholds, words: new WordTable(), layer, resting };
  return {
    lexiconVersion: version,
    score: (text: string, context?: ScoreContext) => scoreWith(state, text, context),
  };
}

/**
 * Builds a scorer on the built-in French lexicon: validates thresholds, merges `extraEntries`,
 * drops `disabledPatterns`, and compiles the lexicon once. Throws on an invalid pattern or threshold.
 * The version becomes `<LEXICON_VERSION>+custom` when entries were added or disabled.
 *
 * @example
 * const scorer = createScorer({ flagThreshold: 0.5 });
 * const r = scorer.score("Espèce de connard !");
 * r.decision;            // 'hold'
 * r.target;              // 'person'
 * r.matches[0].text;     // 'connard'
 */
export function createScorer(options: ScorerOptions = {}): Scorer {
  return createScorerFor(builtinLexicon, LEXICON_VERSION, { ...options, model: BUILTIN_MODEL });
}
