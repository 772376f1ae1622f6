import type { AuthorStatus } from '../repositories/authors.repo.js';
import type { BulkComment } from '../repositories/bulk-import.sqlite.js';
import { externalKey } from '../repositories/external-key.js';
import type { ScoreResult } from '../scoring/types.js';
import type { IncomingComment } from '../domain/incoming-comment.js';
import { insertionGenerations } from './reply-order.js';
import { triageDecision, triageStatus, type Thresholds } from './triage.js';

/**
 * The rows of SQLite's bulk write (see bulk-import.sqlite.ts) for the fresh comments of a batch, in
 * their insertion order (see reply-order.ts), each with its status for each status its author may
 * have: the database picks one by the author's status when it inserts them. `now` dates the
 * comments a dump leaves undated.
 */
export function bulkRowsOf(
  fresh: readonly IncomingComment[],
  scored: Pick<ReadonlyMap<IncomingComment, { parentKey: string | undefined; result: ScoreResult }>, 'get'>,
  limits: Thresholds,
  now: Date,
): BulkComment[] {
  const places = fresh.map((incoming) => ({ key: externalKey(incoming.source, incoming.externalId), parentKey: scored.get(incoming)!.parentKey, incoming }));
  const freshKeys = new Set(places.map((place) => place.key));
  const order = new Map<IncomingComment, { rank: number; linkParent: boolean }>();
  for (const { items, parentsPrecede } of insertionGenerations(places)) {
    for (const { incoming, parentKey } of items) order.set(incoming, { rank: order.size, linkParent: parentsPrecede && parentKey !== undefined && freshKeys.has(parentKey) });
  }
  return fresh.map((incoming): BulkComment => {
    const { result } = scored.get(incoming)!;
    const decision = triageDecision(result, limits);
    const statusFor = (authorStatus: AuthorStatus) => incoming.keptStatus ?? triageStatus(decision, authorStatus);
    return {
      source: incoming.source,
      externalId: incoming.externalId,
      article: { externalId: incoming.article.externalId, url: incoming.article.url ?? null, title: incoming.article.title ?? null },
      author: incoming.author,
      parentExternalId: incoming.parentExternalId ?? null,
      ...order.get(incoming)!,
      body: incoming.body,
      createdAt: incoming.createdAt ?? now,
      statusFor: { normal: statusFor('normal'), premoderated: statusFor('premoderated'), banned: statusFor('banned') },
      score: result.score,
      categories: result.categories,
      target: result.target,
      matches: result.matches,
      scorerVersion: result.lexiconVersion,
      kept: incoming.keptStatus !== undefined,
    };
  });
}
