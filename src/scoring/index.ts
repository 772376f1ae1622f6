/**
 * The scoring engine's front door: `createScorer` compiles the lexicon once and returns a pure
 * `score(text, context)`; the stages (normalize → tokenize → match → target → score) are also
 * exported for tests and tools.
 *
 * Three roads to one result (tests prove them equal): the fast scan proves most comments clean;
 * plain text that may match goes to the id matcher on the scan's word table (word-match.ts); the
 * rest — leet or masks that may hide a word, look-alikes, split or spaced words — takes the full pipeline.
 */
import type { Category, LexiconEntry, Match, ModelHead, ModelLook, ModelThresholds, ScoreContext, ScoreResult, Scorer, ScorerOptions, Target } from './types.js';
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
import { hasBidiControls, originalSpan, visualOrder } from './bidi.js';
import { compileModel, type LearnedModel, type ModelFile } from './model.js';
import { readsAsEnglish } from './language.js';
import { MASKED_TERM } from './types.js';
import { assertModelThresholds, combineDecision, onlyHarmlessHits } from './model-combine.js';
import { builtinModel } from './builtin-model.js';
import { contextOf, hasQuoteMarks, quoteSpans, type QuoteSpans } from './context.js';

export * from './types.js';
export { compileLexicon, expandPattern, LexiconPatternError } from './compile.js';
export type { CompiledLexicon } from './compile.js';
export { normalize, foldText } from './normalize.js';
export { tokenize } from './tokenize.js';
export { DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD } from './score.js';
export { explain } from './explain.js';
export { contextOf, quoteSpans } from './context.js';
export { compileModel, encodeModelFile, parseModelFile, MAX_MODEL_EVIDENCE } from './model.js';
export type { LearnedModel, ModelFile, HeadProbabilities } from './model.js';
export { assertModelThresholds, combineDecision, MAX_MODEL_CLEAR, MIN_MODEL_FLAG, onlyHarmlessHits } from './model-combine.js';
export { builtinModel } from './builtin-model.js';

/**
 * Longest text scored, in UTF-16 units. The HTTP layer rejects longer bodies; the scorer itself
 * scores only the first `MAX_INPUT_CHARS` and sets `truncated`, so a 1 MB paste costs what 20 kB does.
 */
export const MAX_INPUT_CHARS = 20_000;


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
  /** The learned model (see {@link ScorerOptions.learnedLayer}); none by default here. */
  model?: ModelFile;
}

/** What a scorer holds between calls. */
interface ScorerState {
  readonly lex: CompiledLexicon;
  readonly scanner: FastScanner | null;
  readonly version: string;
  readonly thresholds: Thresholds;
  /** Reused by every call: scoring is synchronous. */
  readonly words: WordTable;
  readonly model: LearnedModel | null;
  readonly modelThresholds: ModelThresholds;
}

// Shared empty lists for the common case of a clean text (read, never kept or changed).
const NO_MATCHES: readonly FoundMatch[] = Object.freeze([]);
const NO_TARGETS: readonly MatchTarget[] = Object.freeze([]);
const NO_QUOTES: QuoteSpans = Object.freeze([]);

/** Under this `toxic` probability, with no lexicon hit and no model decision, the category heads are not computed. */
const CATEGORY_HEADS_FROM = 0.3;

const SUB_HEADS: readonly (ModelHead & Category)[] = ['insult', 'threat', 'identity_attack', 'sexual'];

/** The category the model's words are shown under: its likeliest category head (insult if it has none). */
function modelCategory(p: Readonly<Partial<Record<ModelHead, number>>>): Category {
  let best: ModelHead & Category = 'insult';
  for (const h of SUB_HEADS) if ((p[h] ?? 0) > (p[best] ?? 0)) best = h;
  return best;
}

const overlaps = (a: Match, list: readonly Match[]): boolean => list.some((m) => m.start < a.end && a.start < m.end);

/**
 * The model's voice (model-combine.ts decides): its probabilities on the result, the decision it
 * changes, and, when it changes it, its evidence — the words that pushed it towards toxic (a flag
 * or hold of its own) or towards clean (a lexicon hit it lowered). A model word overlapping a
 * lexicon hit is left out (the hit already shows there).
 */
function withModel(state: ScorerState, text: string, result: ScoreResult): ScoreResult {
  const model = state.model;
  if (model === null) return result;
  const toxic = model.lookToxic(text);
  if (readsAsEnglish(text)) {
    result.model = { version: model.version, probabilities: { toxic }, thresholds: state.modelThresholds, effect: 'none', abstained: 'language' };
    return result;
  }
  let { decision, effect } = combineDecision(result.decision, toxic, state.modelThresholds, { onlyHarmless: onlyHarmlessHits(result.matches) });
  if (result.review === true && decision === 'publish') {
    // A hit only mentioned (quoted, reported, negated) is never published unseen, whatever the model says.
    if (effect === 'lowered') effect = 'none';
    decision = 'flag';
  }
  const lexiconMatches = result.matches;
  // The category heads only when they can matter: a decision, a lexicon hit, or a toxic lean.
  const p: ModelLook['probabilities'] = effect !== 'none' || lexiconMatches.length > 0 || toxic >= CATEGORY_HEADS_FROM ? model.heads() : { toxic };
  if (effect === 'flag' || effect === 'hold') {
    const category = modelCategory(p);
    for (const m of model.evidence(text, 'toxic', 'toxic', category)) if (!overlaps(m, lexiconMatches)) result.matches.push(m);
    // Its categories count where it decided alone.
    for (const h of SUB_HEADS) {
      const x = p[h] ?? 0;
      if (x > result.categories[h]) result.categories[h] = x;
    }
  } else if (effect === 'lowered') {
    const category = (lexiconMatches[0] as Match).category;
    for (const m of model.evidence(text, 'toxic', 'clean', category)) if (!overlaps(m, lexiconMatches)) result.matches.push(m);
  }
  result.decision = decision;
  result.model = { version: model.version, probabilities: p, thresholds: state.modelThresholds, effect };
  return result;
}

/** Scores one text: the lexicon, then the learned model. */
function scoreWith(state: ScorerState, input: string, context?: ScoreContext): ScoreResult {
  const truncated = input.length > MAX_INPUT_CHARS;
  const text = truncated ? cut(input) : input;
  const { scanner, words } = state;
  if (scanner !== null && context?.parentAuthorName === undefined) {
    const scanned = scanner.scan(text, words);
    if (scanned !== null) return withModel(state, text, scannedResult(state, text, scanned, truncated));
  }
  return withModel(state, text, pipelineResult(state, text, truncated, context));
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
  const file = options.learnedLayer === false ? undefined : options.model;
  const scanner = options.fastPath === false ? null : compileFastScanner(lex);
  const custom = (options.extraEntries?.length ?? 0) > 0 || disabled.size > 0;
  const lexVersion = custom ? `${lexiconVersion}+custom` : lexiconVersion;
  // A new model changes the version stored with scores, so rescoring knows them outdated.
  const version = file === undefined ? lexVersion : `${lexVersion}/${file.version}`;
  const model = file === undefined ? null : compileModel(file);
  const modelThresholds = options.modelThresholds ?? file?.thresholds ?? { flag: 1, hold: 1, clear: 0 };
  if (file !== undefined) assertModelThresholds(modelThresholds);
  const state: ScorerState = { lex, scanner, version, thresholds, words: new WordTable(), model, modelThresholds };
  return {
    lexiconVersion: version,
    score: (text: string, context?: ScoreContext) =>
      hasBidiControls(text) ? scoreAsDisplayed(state, text, context) : scoreWith(state, text, context),
  };
}

/**
 * A text with bidirectional controls is scored as a browser shows it (an insult stored backwards
 * behind U+202E displays as the insult), its spans mapped back to the stored text.
 */
function scoreAsDisplayed(state: ScorerState, text: string, context?: ScoreContext): ScoreResult {
  const visual = visualOrder(text);
  const result = scoreWith(state, visual.text, context);
  const matches = result.matches.map((m) => {
    const [start, end] = originalSpan(visual, m.start, m.end);
    return { ...m, start, end, text: text.slice(start, end) };
  });
  return { ...result, matches: matches.sort((a, b) => a.start - b.start) };
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
  return createScorerFor(builtinLexicon, LEXICON_VERSION, { ...options, model: options.learnedLayer === false ? undefined : builtinModel() });
}
