/**
 * The scoring engine's front door: `createScorer` compiles the lexicon once and returns a pure
 * `score(text, context)`; the stages (normalize → tokenize → match → target → score) are also
 * exported for tests and tools.
 */
import type { LexiconEntry, Match, ScoreContext, ScoreResult, Scorer, ScorerOptions } from './types.js';
import { builtinLexicon, LEXICON_VERSION } from './lexicon/index.js';
import { compileLexicon, type CompiledLexicon } from './compile.js';
import { foldText, normalize, toOriginalSpan } from './normalize.js';
import { tokenize } from './tokenize.js';
import { buildUnits, couldMatch, findMatches } from './match.js';
import { addressOfText, detectTargets } from './target.js';
import { assertThresholds, DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD, scoreHits, type ScoredHit, type Thresholds } from './score.js';

export * from './types.js';
export { compileLexicon, expandPattern, LexiconPatternError } from './compile.js';
export type { CompiledLexicon } from './compile.js';
export { normalize, foldText } from './normalize.js';
export { tokenize } from './tokenize.js';
export { DEFAULT_FLAG_THRESHOLD, DEFAULT_HOLD_THRESHOLD } from './score.js';
export { explain } from './explain.js';

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

/** Scores one text against a compiled lexicon. */
function scoreWith(lex: CompiledLexicon, version: string, thresholds: Thresholds, input: string, context?: ScoreContext): ScoreResult {
  const truncated = input.length > MAX_INPUT_CHARS;
  const text = truncated ? cut(input) : input;
  const normalized = normalize(text);
  if (context?.parentAuthorName === undefined && !couldMatch(normalized.text, lex)) {
    // Fast path: nothing in the text can match; only the address is left to read.
    const result: ScoreResult = { ...scoreHits([], thresholds), target: addressOfText(normalized.text), matches: [], lexiconVersion: version };
    if (truncated) result.truncated = true;
    return result;
  }
  const units = buildUnits(tokenize(normalized.text), lex);
  const found = findMatches(units, lex);
  const targets = detectTargets(units, found, context);

  const matches: Match[] = [];
  const hits: ScoredHit[] = [];
  found.forEach((m, k) => {
    const t = targets.perMatch[k]!;
    if (m.entry?.needsTarget === true && !t.strong) return;
    const [start, end] = toOriginalSpan(normalized, units[m.first]!.start, units[m.last]!.end);
    const term = m.entry?.pattern ?? MASKED_TERM;
    const category = m.entry?.category ?? 'profanity';
    const severity = m.entry?.severity ?? 1;
    matches.push({ term, category, severity, start, end, text: text.slice(start, end) });
    hits.push({ term, category, severity, target: t });
  });
  const scored = scoreHits(hits, thresholds);
  const result: ScoreResult = { ...scored, target: targets.target, matches, lexiconVersion: version };
  if (truncated) result.truncated = true;
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
export function createScorerFor(lexicon: readonly LexiconEntry[], lexiconVersion: string, options: ScorerOptions = {}): Scorer {
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
  const custom = (options.extraEntries?.length ?? 0) > 0 || disabled.size > 0;
  const version = custom ? `${lexiconVersion}+custom` : lexiconVersion;
  return {
    lexiconVersion: version,
    score: (text: string, context?: ScoreContext) => scoreWith(lex, version, thresholds, text, context),
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
  return createScorerFor(builtinLexicon, LEXICON_VERSION, options);
}
