import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createAuthorsRepo, type AuthorStatus } from '../repositories/authors.repo.js';
import { createCommentsRepo, type Comment, type CommentStatus } from '../repositories/comments.repo.js';
import { createEventsRepo, type EventAction, type ReasonCode } from '../repositories/events.repo.js';
import type { User } from '../repositories/users.repo.js';
import { createHarassmentService } from './harassment.service.js';

export type DecisionAction = 'approve' | 'reject';

/** A decision that could not be applied; `code` says why, the message is for the moderator (French). */
export class ModerationError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ModerationError';
  }
}

const STATUS_LABEL: Record<CommentStatus, string> = {
  published: 'publié',
  flagged: 'signalé',
  held: 'retenu',
  approved: 'approuvé',
  rejected: 'rejeté',
};

const AUTHOR_ACTION: Record<AuthorStatus, EventAction> = {
  normal: 'author_restore',
  premoderated: 'author_premoderate',
  banned: 'author_ban',
};

/** A decided comment, and whether the decision put its author on pre-moderation (harassment rule). */
export type Decided = Comment & { autoPremoderated: boolean };

export interface DecisionInput {
  commentId: number;
  /** The version the moderator saw: if the comment changed since, nothing is overwritten. */
  expectedVersion: number;
  action: DecisionAction;
  reasonCode?: ReasonCode | null;
  note?: string | null;
  /** Set by decideMany: the id shared by the events of one bulk decision. */
  batch?: string | null;
}

/** What "undo my last decision" reverted: the comments put back, the decision they had, and any left as they were. */
export interface Undone {
  action: DecisionAction;
  comments: Comment[];
  failed: Array<{ commentId: number; message: string }>;
}

/**
 * Moderators' decisions. Each one writes the comment's new status and its event in the log in
 * one transaction, guarded by the comment's version (optimistic locking).
 */
export function createModerationService(db: Knex) {
  const comments = createCommentsRepo(db);
  const events = createEventsRepo(db);
  const authors = createAuthorsRepo(db);
  const harassment = createHarassmentService(db);

  async function conflict(trx: Knex, comment: Comment): Promise<ModerationError> {
    const last = await events.lastStatusChange(comment.id, trx);
    const who = last?.actorName ?? (last?.actorType === 'system' ? 'Crible' : 'un autre modérateur');
    return new ModerationError(
      'conflict',
      `Déjà traité par ${who} : ce commentaire est maintenant ${STATUS_LABEL[comment.status]}. Rien n'a été modifié.`,
    );
  }

  async function changeStatus(
    trx: Knex,
    comment: Comment,
    expectedVersion: number,
    change: {
      status: CommentStatus;
      action: EventAction;
      user: User | null;
      reasonCode?: ReasonCode | null;
      note?: string | null;
      batch?: string | null;
    },
  ): Promise<Date> {
    const at = new Date();
    const updated = await comments.updateStatus(
      comment.id,
      expectedVersion,
      { status: change.status, decidedBy: change.user?.id ?? null, at },
      trx,
    );
    if (!updated) throw await conflict(trx, (await comments.findById(comment.id, trx))!);
    await events.append(
      {
        commentId: comment.id,
        authorId: comment.author.id,
        actorType: change.user ? 'user' : 'system',
        actorUserId: change.user?.id ?? null,
        action: change.action,
        fromStatus: comment.status,
        toStatus: change.status,
        reasonCode: change.reasonCode ?? null,
        note: change.note ?? null,
        batch: change.batch ?? null,
        score: comment.score,
        matches: comment.matches,
        at,
      },
      trx,
    );
    return at;
  }

  async function loadComment(trx: Knex, id: number): Promise<Comment> {
    const comment = await comments.findById(id, trx);
    if (!comment) throw new ModerationError('not_found', `Le commentaire ${id} n'existe pas.`);
    return comment;
  }

  return {
    async decide(user: User, input: DecisionInput): Promise<Decided> {
      if (input.action === 'reject' && !input.reasonCode) {
        throw new ModerationError('invalid', 'Un rejet demande un motif.');
      }
      // Read before the transaction: SQLite has one connection, busy with the transaction inside it.
      const rule = input.action === 'reject' ? await harassment.autoPremoderationRule() : null;
      return db.transaction(async (trx) => {
        const comment = await loadComment(trx, input.commentId);
        if (comment.version !== input.expectedVersion) throw await conflict(trx, comment);
        const at = await changeStatus(trx, comment, input.expectedVersion, {
          status: input.action === 'approve' ? 'approved' : 'rejected',
          action: input.action,
          user,
          reasonCode: input.action === 'reject' ? input.reasonCode : null,
          note: input.note?.trim() || null,
          batch: input.batch ?? null,
        });
        // The rejection and the pre-moderation it may trigger are committed together, or neither.
        const fired = rule ? await harassment.applyAutoPremoderation(trx, rule, { authorId: comment.author.id, commentId: comment.id, at }) : null;
        return { ...(await comments.findById(comment.id, trx))!, autoPremoderated: fired !== null };
      });
    },

    /**
     * Reverts the last decision on a comment to the status it had before. Only the moderator who
     * decided, or an admin, may undo it, and only while nobody decided again since.
     */
    async undo(user: User, commentId: number): Promise<Comment> {
      return db.transaction(async (trx) => {
        const comment = await loadComment(trx, commentId);
        const last = await events.lastStatusChange(commentId, trx);
        if (!last || (last.action !== 'approve' && last.action !== 'reject') || !last.fromStatus) {
          throw new ModerationError('invalid', "Il n'y a pas de décision à annuler sur ce commentaire.");
        }
        if (last.actorUserId !== user.id && user.role !== 'admin') {
          throw new ModerationError('invalid', `Seul ${last.actorName ?? 'son auteur'} ou un administrateur peut annuler cette décision.`);
        }
        await changeStatus(trx, comment, comment.version, {
          status: last.fromStatus as CommentStatus,
          action: 'undo',
          user,
        });
        return (await comments.findById(commentId, trx))!;
      });
    },

    /**
     * Reverts this moderator's last decision: one comment, or every comment of a bulk decision
     * (each its own transaction, so a comment someone decided again since is left as it is).
     * Undefined when there is nothing to undo.
     */
    async undoLast(user: User): Promise<Undone | undefined> {
      const batch = await events.lastUndoableBatchBy(user.id);
      if (batch.length === 0) return undefined;
      const done: Undone = { action: batch.at(-1)!.action === 'approve' ? 'approve' : 'reject', comments: [], failed: [] };
      for (const event of batch) {
        try {
          done.comments.push(await this.undo(user, event.commentId!));
        } catch (err) {
          if (!(err instanceof ModerationError)) throw err;
          done.failed.push({ commentId: event.commentId!, message: err.message });
        }
      }
      return done;
    },

    /** Decides several comments; each is its own transaction, so one conflict does not stop the rest. */
    async decideMany(
      user: User,
      items: ReadonlyArray<{ commentId: number; expectedVersion: number }>,
      decision: { action: DecisionAction; reasonCode?: ReasonCode | null; note?: string | null },
    ): Promise<{ decided: number[]; failed: Array<{ commentId: number; message: string }>; autoPremoderated: string[] }> {
      const batch = randomUUID();
      const decided: number[] = [];
      const failed: Array<{ commentId: number; message: string }> = [];
      const autoPremoderated: string[] = [];
      for (const item of items) {
        try {
          const result = await this.decide(user, { ...item, ...decision, batch });
          decided.push(item.commentId);
          if (result.autoPremoderated) autoPremoderated.push(result.author.name);
        } catch (err) {
          if (!(err instanceof ModerationError)) throw err;
          failed.push({ commentId: item.commentId, message: err.message });
        }
      }
      return { decided, failed, autoPremoderated };
    },

    /**
     * Pre-moderates, bans or restores an author. Banning can also reject every comment of theirs
     * still waiting in the queue, in the same transaction.
     */
    async setAuthorStatus(
      user: User,
      authorId: number,
      status: AuthorStatus,
      options: { rejectPending?: boolean; note?: string | null; reasonCode?: ReasonCode | null } = {},
    ): Promise<{ rejected: number }> {
      return db.transaction(async (trx) => {
        const author = await authors.findById(authorId, trx);
        if (!author) throw new ModerationError('not_found', `L'auteur ${authorId} n'existe pas.`);
        const at = new Date();
        await authors.setStatus(authorId, status, trx);
        await events.append(
          {
            commentId: null,
            authorId,
            actorType: 'user',
            actorUserId: user.id,
            action: AUTHOR_ACTION[status],
            fromStatus: author.status,
            toStatus: status,
            note: options.note?.trim() || null,
            at,
          },
          trx,
        );
        let rejected = 0;
        if (status === 'banned' && options.rejectPending) {
          for (const id of await comments.pendingIdsOfAuthor(authorId, trx)) {
            const comment = (await comments.findById(id, trx))!;
            await changeStatus(trx, comment, comment.version, {
              status: 'rejected',
              action: 'reject',
              user,
              // The moderator's own reason and note, so the log says why, not only that a ban did it.
              reasonCode: options.reasonCode ?? 'autre',
              note: options.note?.trim() || 'Auteur banni',
            });
            rejected += 1;
          }
        }
        return { rejected };
      });
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
