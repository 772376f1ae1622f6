import type { CompiledLexicon } from './compile.js';
import { findMatches, buildUnits } from './match.js';
import { normalize } from './normalize.js';
import { tokenize } from './tokenize.js';

/**
 * The lexicon patterns a text contains, whoever it addresses (no target rule applies): what an
 * allowed phrase such as « Montcuq » protects is every entry it would otherwise trigger.
 *
 * @example
 * patternsIn(compileLexicon(builtinLexicon), 'vladimir putin'); // [] (already allowed)
 */
export function patternsIn(lex: CompiledLexicon, text: string): string[] {
  const units = buildUnits(tokenize(normalize(text).text), lex);
  const patterns = new Set<string>();
  for (const found of findMatches(units, lex)) if (found.entry !== null) patterns.add(found.entry.pattern);
  return [...patterns];
}
