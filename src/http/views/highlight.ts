import type { Category, ContextReason, Match } from '../../scoring/types.js';
import { termLabel } from './term-label.js';

export interface Segment {
  text: string;
  /**
   * `term`: the lexicon pattern as a person reads it ({@link termLabel}).
   * `model`: a word the learned layer counted, not a lexicon term (labelled differently).
   * `context`: why the hit counted less (quoted, reported, negated…), shown next to its category.
   */
  match?: { category: Category; term: string; severity: number; model: boolean; context?: ContextReason };
}

/**
 * Cuts a comment body into plain and matched segments for the card. The view escapes every
 * segment (`<%= %>`), so highlighting never turns a body into markup. Overlapping matches keep
 * the first one.
 */
export function highlight(body: string, matches: readonly Match[]): Segment[] {
  const ordered = [...matches]
    .filter((m) => m.start >= 0 && m.end <= body.length && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const m of ordered) {
    if (m.start < cursor) continue;
    if (m.start > cursor) segments.push({ text: body.slice(cursor, m.start) });
    const match: NonNullable<Segment['match']> = { category: m.category, term: termLabel(m.term), severity: m.severity, model: m.source === 'model' };
    if (m.context !== undefined) match.context = m.context;
    segments.push({ text: body.slice(m.start, m.end), match });
    cursor = m.end;
  }
  if (cursor < body.length) segments.push({ text: body.slice(cursor) });
  return segments;
}
