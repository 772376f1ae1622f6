import type { Knex } from 'knex';
import type { Scorer } from '../scoring/types.js';
import { createArticlesRepo } from '../repositories/articles.repo.js';
import { createAuthorsRepo } from '../repositories/authors.repo.js';
import { createCommentsRepo, type Comment } from '../repositories/comments.repo.js';
import { createEventsRepo } from '../repositories/events.repo.js';
import { decisionFor, triageStatus, type ThresholdsService } from './triage.js';

/** One comment as a site sends it (already validated). */
export interface IncomingComment {
  source: string;
  externalId: string;
  article: { externalId: string; url?: string | null; title?: string | null };
  author: { externalId: string; name: string };
  parentExternalId?: string | null;
  body: string;
  createdAt?: Date;
}

export interface IngestOutcome {
  comment: Comment;
  /** True when (source, externalId) was already stored: the stored comment is returned unchanged. */
  duplicate: boolean;
}

/**
 * Scores, triages and stores comments. A batch is one transaction: every comment with its
 * triage event, or nothing. Idempotent on (source, externalId).
 */
export function createIngestService(deps: { db: Knex; scorer: Scorer; thresholds: ThresholdsService }) {
  const { db, scorer, thresholds } = deps;
  const articles = createArticlesRepo(db);
  const authors = createAuthorsRepo(db);
  const comments = createCommentsRepo(db);
  const events = createEventsRepo(db);

  return {
    async ingest(batch: readonly IncomingComment[]): Promise<IngestOutcome[]> {
      const limits = await thresholds.get();
      return db.transaction(async (trx) => {
        const outcomes: IngestOutcome[] = [];
        for (const incoming of batch) {
          const existing = await comments.findByExternalId(incoming.source, incoming.externalId, trx);
          if (existing) {
            outcomes.push({ comment: existing, duplicate: true });
            continue;
          }
          const articleId = await articles.upsert({ source: incoming.source, ...incoming.article }, trx);
          const author = await authors.upsert({ source: incoming.source, ...incoming.author }, trx);
          const parent = incoming.parentExternalId
            ? await comments.findByExternalId(incoming.source, incoming.parentExternalId, trx)
            : undefined;
          const result = scorer.score(incoming.body, parent ? { parentAuthorName: parent.author.name } : undefined);
          const status = triageStatus(decisionFor(result.score, limits), author.status);
          const now = new Date();
          const id = await comments.insertIfNew(
            {
              source: incoming.source,
              externalId: incoming.externalId,
              articleId,
              authorId: author.id,
              parentId: parent?.id ?? null,
              parentExternalId: incoming.parentExternalId ?? null,
              body: incoming.body,
              createdAt: incoming.createdAt ?? now,
              status,
              score: result.score,
              categories: result.categories,
              target: result.target,
              matches: result.matches,
              scorerVersion: result.lexiconVersion,
            },
            trx,
          );
          if (id === undefined) {
            // Another request stored it between our read and our insert.
            outcomes.push({ comment: (await comments.findByExternalId(incoming.source, incoming.externalId, trx))!, duplicate: true });
            continue;
          }
          await events.append(
            {
              commentId: id,
              authorId: author.id,
              actorType: 'system',
              actorUserId: null,
              action: 'triage',
              fromStatus: null,
              toStatus: status,
              score: result.score,
              matches: result.matches,
              at: now,
            },
            trx,
          );
          outcomes.push({ comment: (await comments.findById(id, trx))!, duplicate: false });
        }
        return outcomes;
      });
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
