import { compileLexicon, type LexiconEntry } from '../../scoring/index.js';
import { patternsIn } from '../../scoring/patterns-in.js';
import { termEntries, type LocalEntry } from './local-entry.js';

/** A lexicon built from the built-in list and a newsroom's entries. */
export interface BuiltLexicon {
  entries: LexiconEntry[];
  /** Allowed phrases that contain no entry of the lexicon (nothing to protect). */
  idleAllows: string[];
}

/**
 * The built-in entries minus those disabled, plus the local terms, with each allowed phrase
 * attached to every entry it contains (so « Montcuq » keeps `cuq` quiet only inside that name).
 */
export function buildLexicon(builtin: readonly LexiconEntry[], locals: readonly LocalEntry[]): BuiltLexicon {
  const disabled = new Set(locals.filter((l) => l.kind === 'disable').map((l) => l.words));
  const entries: LexiconEntry[] = [
    ...builtin.filter((e) => !disabled.has(e.pattern)),
    ...locals.filter((l) => l.kind === 'term').flatMap(termEntries),
  ];
  const allows = locals.filter((l) => l.kind === 'allow').map((l) => l.words);
  if (allows.length === 0) return { entries, idleAllows: [] };

  const lex = compileLexicon(entries);
  const extraAllows = new Map<string, string[]>();
  const idleAllows: string[] = [];
  for (const phrase of allows) {
    const patterns = patternsIn(lex, phrase);
    if (patterns.length === 0) idleAllows.push(phrase);
    for (const pattern of patterns) extraAllows.set(pattern, [...(extraAllows.get(pattern) ?? []), phrase]);
  }
  return {
    entries: entries.map((e) => {
      const extra = extraAllows.get(e.pattern);
      return extra ? { ...e, allow: [...(e.allow ?? []), ...extra] } : e;
    }),
    idleAllows,
  };
}
