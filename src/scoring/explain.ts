/**
 * A readable breakdown of a score, for the CLI and for moderators curious about a decision.
 */
import type { ScoreResult } from './types.js';
import { CATEGORIES } from './types.js';

const BAR_WIDTH = 20;
const CONTEXT_CHARS = 24;

function bar(x: number): string {
  const full = Math.round(x * BAR_WIDTH);
  return '█'.repeat(full) + '·'.repeat(BAR_WIDTH - full);
}

/** One line, with no control characters, so a hostile comment cannot break the layout. */
function flat(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function inContext(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  // Do not cut a surrogate pair in half at the edges of the excerpt.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from] ?? '')) from--;
  if (to < text.length && /[\ud800-\udbff]/.test(text[to - 1] ?? '')) to++;
  const before = (from > 0 ? '…' : '') + text.slice(from, start);
  const after = text.slice(end, to) + (to < text.length ? '…' : '');
  return flat(`${before}[${text.slice(start, end)}]${after}`);
}

/**
 * Explains a result in a few lines: score and decision, one bar per category, the target, each
 * lexicon match shown in its context in the original text, then — when the learned layer looked at
 * the comment — its probability against its threshold and the words that weighed most.
 *
 * @example
 * explain(scorer.score('Espèce de connard'), 'Espèce de connard');
 * // score 0.800 → hold (target: person)
 * //   insult           ████████████████···· 0.80
 * //   …
 * //   match "connard" [10, 17) insult/2 (connard(e)(s))  Espèce de [connard]
 * explain(scorer.score('Tu n\'es pas un idiot.'), 'Tu n\'es pas un idiot.');
 * // score 0.500 → flag (target: person)
 * //   …
 * //   match "idiot" [15, 20) insult/1 (idiot(e)(s)) context: negation  Tu n'es pas un [idiot].
 * //   review: a hit is only mentioned (quoted, reported or negated): flagged at least, never published unseen
 * explain(scorer.score('Quelle populace, franchement'), 'Quelle populace, franchement');
 * // score 0.000 → flag (target: none)
 * //   …
 * //   no lexicon match
 * //   learned layer: p 0.643 ≥ 0.5 → flag
 * //   model word "populace" [7, 15) (populace)  Quelle [populace], franchement
 */
export function explain(result: ScoreResult, text: string): string {
  const lines: string[] = [];
  lines.push(`score ${result.score.toFixed(3)} → ${result.decision} (target: ${result.target})` +
    (result.truncated === true ? ' [truncated: only the beginning was scored]' : ''));
  for (const c of CATEGORIES) {
    const v = result.categories[c];
    lines.push(`  ${c.padEnd(16)} ${bar(v)} ${v.toFixed(2)}`);
  }
  const lexicon = result.matches.filter((m) => m.source !== 'model');
  const model = result.matches.filter((m) => m.source === 'model');
  if (lexicon.length === 0) lines.push('  no lexicon match');
  for (const m of lexicon) {
    const context = m.context === undefined ? '' : ` context: ${m.context}`;
    lines.push(`  match "${flat(m.text)}" [${m.start}, ${m.end}) ${m.category}/${m.severity} (${m.term})${context}  ${inContext(text, m.start, m.end)}`);
  }
  if (result.model !== undefined) {
    const { probability, threshold, flagged } = result.model;
    lines.push(`  learned layer: p ${probability.toFixed(3)} ${flagged ? '≥' : '<'} ${threshold} → ${flagged ? 'flag' : 'no flag'}`);
  }
  for (const m of model) {
    lines.push(`  model word "${flat(m.text)}" [${m.start}, ${m.end}) (${m.term})  ${inContext(text, m.start, m.end)}`);
  }
  if (result.review === true) lines.push('  review: a hit is only mentioned (quoted, reported or negated): flagged at least, never published unseen');
  lines.push(`  lexicon ${result.lexiconVersion}`);
  return lines.join('\n');
}
