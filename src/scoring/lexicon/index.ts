/**
 * The built-in French lexicon: terms as data (pattern + category + severity + allowlist), split by theme.
 * The engine compiles it once (`compileLexicon`); a newsroom adds its own entries through
 * `ScorerOptions.extraEntries` and switches built-in ones off with `disabledPatterns`.
 */
import type { LexiconEntry } from '../types.js';
import { harassment } from './harassment.js';
import { insults } from './insults.js';
import { profanity } from './profanity.js';
import { regional } from './regional.js';
import { sexual } from './sexual.js';
import { slurs } from './slurs.js';
import { sms } from './sms.js';
import { threats } from './threats.js';

/**
 * Version of the built-in lexicon, stored with every score so a decision can be traced to the list
 * that made it. Bump it whenever an entry changes.
 *
 * @example
 * scorer.score('Ta gueule !').lexiconVersion; // 'fr-2026.12.1'
 */
export const LEXICON_VERSION = 'fr-2026.12.2';

/**
 * Every built-in entry, in a fixed order (insults, slurs, sexual, profanity, threats, harassment, SMS, regional).
 *
 * @example
 * builtinLexicon.filter((e) => e.category === 'threat').length; // the threat expressions
 */
export const builtinLexicon: readonly LexiconEntry[] = [
  ...insults,
  ...slurs,
  ...sexual,
  ...profanity,
  ...threats,
  ...harassment,
  ...sms,
  ...regional,
];
