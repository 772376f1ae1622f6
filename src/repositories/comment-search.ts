import type { Knex } from 'knex';
import { fewMatches, fullTextCandidates, fullTextCondition, onlyIds } from '../db/full-text.js';
import { parseSearchQuery } from '../domain/search-query.js';
import type { CommentStatus } from '../domain/comment-status.js';

/** How a page's query is narrowed to a search: nothing can match, these ids, or a condition per row. */
export type SearchRestriction =
  | { kind: 'none' }
  | { kind: 'ids'; ids: number[] }
  | { kind: 'condition'; sql: string; bindings: Knex.RawBinding[] };

/**
 * The restriction for a search text over comments in `statuses` (null: any), or null when the
 * text holds no word to search for (the search is then ignored, as an empty box would be): the
 * matching ids when they are few (at most `cap`), else a condition tested along the page's order.
 */
export async function searchRestriction(
  db: Knex,
  text: string | undefined,
  statuses: readonly CommentStatus[] | null,
  cap = fewMatches(db),
): Promise<SearchRestriction | null> {
  const terms = text ? parseSearchQuery(text) : [];
  if (terms.length === 0) return null;
  const ids = await fullTextCandidates(db, terms, statuses, cap);
  if (ids === null) return { kind: 'condition', ...fullTextCondition(db, terms) };
  return ids.length === 0 ? { kind: 'none' } : { kind: 'ids', ids };
}

/** Adds a restriction to a query on comments; returns false when nothing can match (skip the query). */
export function applySearch(db: Knex, query: Knex.QueryBuilder, restriction: SearchRestriction | null): boolean {
  if (!restriction) return true;
  if (restriction.kind === 'none') return false;
  if (restriction.kind === 'ids') onlyIds(db, query, restriction.ids);
  else query.whereRaw(restriction.sql, restriction.bindings);
  return true;
}
