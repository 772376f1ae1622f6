/**
 * The contract of the scoring engine: what the lexicon is made of and what a score looks like.
 * Everything in src/scoring is pure: no express, knex or fs.
 */

/** What a term says about its author's intent. */
export type Category =
  | 'insult'
  | 'harassment'
  | 'threat'
  | 'identity_attack'
  | 'sexual'
  | 'profanity';

export const CATEGORIES: readonly Category[] = [
  'insult',
  'harassment',
  'threat',
  'identity_attack',
  'sexual',
  'profanity',
];

/** 1: mild (idiot, merde); 2: clear insult or vulgarity (connard, enculé); 3: slur, dehumanizing or violent. */
export type Severity = 1 | 2 | 3;

/** Who a comment is aimed at: a reader or named person, a group of people, or nobody in particular. */
export type Target = 'person' | 'group' | 'none';

export type Decision = 'publish' | 'flag' | 'hold';

/**
 * One entry of the lexicon, written as data (never as a regular expression).
 *
 * `pattern` grammar, validated when the lexicon is compiled:
 * - words separated by single spaces; a multi-word pattern matches consecutive words
 *   (`fils de pute`, `ta gueule`, `va te faire foutre`);
 * - `(x)` an optional suffix, each group independent: `connard(e)(s)` gives
 *   connard, connarde, connards, connardes;
 * - `a/b/c` alternatives for one word slot: `fou/folle/fous/folles`;
 * - a trailing `*` on a word: prefix match (`encul*` matches enculé, enculer…); used sparingly,
 *   the dictionary test fails on any ordinary French word a prefix would hit;
 * - written lowercase, accents allowed: they are folded exactly like the text is.
 */
export interface LexiconEntry {
  pattern: string;
  category: Category;
  severity: Severity;
  /**
   * Phrases in which a match is innocent (`vladimir putin` for `putin`, `pine de pin`…).
   * Each must contain the pattern's words; a match inside an occurrence of one is dropped.
   */
  allow?: readonly string[];
  /** Only counts when the comment has a target (second person, `espèce de`, `@name`, a reply…). */
  needsTarget?: boolean;
  /**
   * Only counts when the match ends its clause: followed by `. ! ? ,`, a line break or the end of
   * the text. For imperatives that are ordinary words inside a longer clause: `Ferme-la !`,
   * `Tais-toi.` but not `Ferme la porte en partant`.
   */
  endsClause?: boolean;
  /** Where a form comes from, for documentation and statistics: `sms`, `quebec`, `belgium`, `west_africa`. */
  region?: 'sms' | 'quebec' | 'belgium' | 'west_africa';
}

/**
 * Why a hit counts less than a plain use (context.ts): `quotation` (inside « », " ", “ ”),
 * `reported` (after a naming or reporting verb: `traité de`, `le mot`, `aurait crié`),
 * `negation` (`Tu n'es pas un idiot`): worth a flag at most, never a silent publish;
 * `self_directed` (`Je suis trop con ce matin`, a reclaimed identity) and `no_target`
 * (profanity aimed at no one: `Putain, quel match !`): may be published.
 */
export type ContextReason = 'quotation' | 'reported' | 'negation' | 'self_directed' | 'no_target';

/**
 * A span of the original text that weighed in the decision. `start`/`end` are half-open UTF-16 offsets.
 * Most are lexicon hits; `source: 'model'` marks a word the learned model weighed.
 */
export interface Match {
  /** The lexicon pattern that matched (its canonical form), or the word the model weighed (lowercased). */
  term: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  /** `original.slice(start, end)`. */
  text: string;
  /** Who found it: absent means the lexicon; `'model'`, the learned model (severity 1). */
  source?: 'lexicon' | 'model';
  /**
   * For a model word: how far it pushed the model's `toxic` head, in logit units; > 0 towards
   * toxic, < 0 towards clean (the words that made the model clear a lexicon hit).
   */
  weight?: number;
  /** Set when the hit's context lowered its weight (see {@link ContextReason}). */
  context?: ContextReason;
}

export type CategoryScores = Record<Category, number>;

export interface ScoreResult {
  /** 0..1: how likely a moderator is to remove this comment, from the lexicon's hits (see score.ts). */
  score: number;
  /** The decision: the lexicon's on `score`, changed by the model when it is confident (`model.effect`). */
  decision: Decision;
  categories: CategoryScores;
  target: Target;
  matches: Match[];
  /** The scorer's version: the lexicon's, and the model's when there is one (`<lexicon>/<model>`). */
  lexiconVersion: string;
  /** Set when the text was longer than `MAX_INPUT_CHARS`: only its beginning was scored. */
  truncated?: boolean;
  /** The learned model's view (absent when the scorer runs without a model): see {@link ModelLook}. */
  model?: ModelLook;
  /**
   * Set when a hit was only mentioned (quoted, reported, negated: see {@link ContextReason}): its
   * weight is capped below a hold, and a caller that re-decides from `score` with its own
   * thresholds must still flag (never publish) the comment.
   */
  review?: true;
}

/** The term reported for a word the site or the author masked (`****`). */
export const MASKED_TERM = '****';

/** The heads of the learned model: one probability each. */
export type ModelHead = 'toxic' | 'insult' | 'threat' | 'identity_attack' | 'sexual';
export const MODEL_HEADS: readonly ModelHead[] = ['toxic', 'insult', 'threat', 'identity_attack', 'sexual'];

/**
 * When the model's `toxic` probability changes the lexicon's decision: at or above `flag`, a
 * published comment is flagged; at or above `hold`, any comment is held; at or below `clear`, a
 * lexicon hit is lowered one step (hold → flag, flag → publish: a quotation, a negation, counter-speech).
 */
export interface ModelThresholds {
  readonly flag: number;
  readonly hold: number;
  readonly clear: number;
}

/** What the model did to the lexicon's decision. */
export type ModelEffect = 'none' | 'flag' | 'hold' | 'lowered';

/**
 * What the learned model said about a comment: its heads' probabilities (3 decimals; the category
 * heads only when they can matter — a model decision, a lexicon hit or `toxic` ≥ 0.3), the
 * thresholds the scorer applied, and the effect it had on the decision. A caller that re-decides
 * with other thresholds uses `probabilities.toxic` (services/triage.ts).
 */
export interface ModelLook {
  readonly version: string;
  readonly probabilities: Readonly<{ toxic: number } & Partial<Record<ModelHead, number>>>;
  readonly thresholds: ModelThresholds;
  readonly effect: ModelEffect;
  /**
   * Set when the model kept out of the decision: `language`, the comment is not French (the
   * model read French only; the lexicon decides alone).
   */
  readonly abstained?: 'language';
}

export interface ScoreContext {
  /** Name of the author this comment replies to: addressing them turns an insult into harassment. */
  parentAuthorName?: string;
}

export interface ScorerOptions {
  /** Score at or above which a comment goes to the queue while staying published. Default 0.4. */
  flagThreshold?: number;
  /** Score at or above which a comment is held until a moderator approves it. Default 0.75. */
  holdThreshold?: number;
  /** Extra entries (a newsroom's own list), compiled with the built-in lexicon. */
  extraEntries?: readonly LexiconEntry[];
  /** Built-in patterns to switch off. */
  disabledPatterns?: readonly string[];
  /**
   * False: no learned model, the lexicon alone decides. Default true for {@link createScorer}
   * (the built-in model); `createScorerFor` uses a model only when given one.
   */
  learnedLayer?: boolean;
  /** The model's thresholds; default: the cross-validated ones shipped with its weights. */
  modelThresholds?: ModelThresholds;
}

export interface Scorer {
  score(text: string, context?: ScoreContext): ScoreResult;
  readonly lexiconVersion: string;
}
