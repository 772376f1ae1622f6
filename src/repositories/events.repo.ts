import type { Knex } from 'knex';
import { fromJsonText, idList, insertRows, toDate, toJsonText, whereIdIn } from '../db/dialect.js';
import type { Match } from '../scoring/types.js';

export type ActorType = 'user' | 'system' | 'import';

export type EventAction =
  | 'triage' // automatic status at ingestion
  | 'rescore' // automatic status changed by rescoring with a newer lexicon
  | 'import' // a decision carried over from another platform
  | 'approve'
  | 'reject'
  | 'undo'
  | 'author_premoderate'
  | 'author_ban'
  | 'author_restore';

export const REASON_CODES = [
  'insulte',
  'harcelement',
  'menace',
  'haine',
  'contenu_sexuel',
  'spam',
  'hors_sujet',
  'autre',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface NewEvent {
  commentId: number | null;
  authorId: number | null;
  actorType: ActorType;
  actorUserId: number | null;
  action: EventAction;
  fromStatus: string | null;
  toStatus: string | null;
  reasonCode?: ReasonCode | null;
  note?: string | null;
  score?: number | null;
  matches?: Match[] | null;
  /** Shared by the events of one bulk decision, so it is undone as one. */
  batch?: string | null;
  at: Date;
}

export interface ModerationEvent extends Omit<NewEvent, 'at'> {
  id: number;
  createdAt: Date;
  actorName: string | null;
}

function toEvent(row: Record<string, unknown>): ModerationEvent {
  return {
    id: Number(row.id),
    commentId: row.comment_id === null ? null : Number(row.comment_id),
    authorId: row.author_id === null ? null : Number(row.author_id),
    actorType: row.actor_type as ActorType,
    actorUserId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    actorName: (row.actor_name as string | null) ?? null,
    action: row.action as EventAction,
    fromStatus: (row.from_status as string | null) ?? null,
    toStatus: (row.to_status as string | null) ?? null,
    reasonCode: (row.reason_code as ReasonCode | null) ?? null,
    note: (row.note as string | null) ?? null,
    score: row.score === null ? null : Number(row.score),
    matches: fromJsonText<Match[] | null>(row.matches, null),
    batch: (row.batch as string | null) ?? null,
    createdAt: toDate(row.created_at)!,
  };
}

/** The moderation log. Append-only: this module inserts and reads, never updates or deletes. */
export function createEventsRepo(db: Knex) {
  const selectEvents = (trx: Knex) =>
    trx('moderation_events')
      .leftJoin('users', 'users.id', 'moderation_events.actor_user_id')
      .select('moderation_events.*', 'users.display_name as actor_name');

  return {
    async append(event: NewEvent, trx: Knex = db): Promise<void> {
      await this.appendMany([event], trx);
    },

    async appendMany(newEvents: readonly NewEvent[], trx: Knex = db): Promise<void> {
      const rows = newEvents.map((event) => ({
        comment_id: event.commentId,
        author_id: event.authorId,
        actor_type: event.actorType,
        actor_user_id: event.actorUserId,
        action: event.action,
        from_status: event.fromStatus,
        to_status: event.toStatus,
        reason_code: event.reasonCode ?? null,
        note: event.note ?? null,
        score: event.score ?? null,
        matches: event.matches ? toJsonText(event.matches) : null,
        batch: event.batch ?? null,
        created_at: event.at,
      }));
      await insertRows(trx, 'moderation_events', rows);
    },

    /**
     * Logs the arrival of new comments: a triage by the system, or (`kept`) a decision imported
     * from another platform. Status, score and matches are copied by the database from the
     * comment rows themselves, so only the ids travel.
     */
    async appendArrivals(commentIds: readonly number[], kind: { kept: boolean; at: Date }, trx: Knex = db): Promise<void> {
      if (commentIds.length === 0) return;
      const actor: ActorType = kind.kept ? 'import' : 'system';
      const action: EventAction = kind.kept ? 'import' : 'triage';
      await trx.raw(
        `insert into moderation_events (comment_id, author_id, actor_type, actor_user_id, action, from_status, to_status, score, matches, created_at)
         select c.id, c.author_id, ?, null, ?, null, c.status, c.score, c.matches, ? from comments c where ${whereIdIn(trx, 'c.id')}`,
        [actor, action, kind.at, idList(trx, commentIds)],
      );
    },

    async forComment(commentId: number, trx: Knex = db): Promise<ModerationEvent[]> {
      const rows = await selectEvents(trx).where('moderation_events.comment_id', commentId).orderBy('moderation_events.id');
      return rows.map(toEvent);
    },

    /** The newest event of this comment that changed its status. */
    async lastStatusChange(commentId: number, trx: Knex = db): Promise<ModerationEvent | undefined> {
      const row = await selectEvents(trx)
        .where('moderation_events.comment_id', commentId)
        .whereNotNull('moderation_events.to_status')
        .orderBy('moderation_events.id', 'desc')
        .first();
      return row ? toEvent(row) : undefined;
    },

    /** The newest approve/reject of a user that has not been undone since (what "undo" reverts). */
    async lastUndoableDecisionBy(userId: number, trx: Knex = db): Promise<ModerationEvent | undefined> {
      const rows = await selectEvents(trx)
        .where('moderation_events.actor_user_id', userId)
        .whereIn('moderation_events.action', ['approve', 'reject', 'undo'])
        .orderBy('moderation_events.id', 'desc')
        .limit(50);
      const undone = new Set<number>();
      for (const row of rows.map(toEvent)) {
        if (row.commentId === null) continue;
        if (row.action === 'undo') undone.add(row.commentId);
        else if (!undone.has(row.commentId)) return row;
      }
      return undefined;
    },

    /**
     * What "undo my last decision" reverts: the newest undoable decision of this user and, when it
     * was part of a bulk decision, the other decisions of that batch not undone since.
     */
    async lastUndoableBatchBy(userId: number, trx: Knex = db): Promise<ModerationEvent[]> {
      const last = await this.lastUndoableDecisionBy(userId, trx);
      if (!last?.batch) return last ? [last] : [];
      const rows = (await selectEvents(trx).where('moderation_events.batch', last.batch).orderBy('moderation_events.id')).map(toEvent);
      return rows.filter((row) => row.actorUserId === userId);
    },

    /** Newest first, keyset-paginated on id. */
    async list(filter: { beforeId?: number; limit: number; commentId?: number; authorId?: number }): Promise<ModerationEvent[]> {
      const query = selectEvents(db).orderBy('moderation_events.id', 'desc').limit(filter.limit);
      if (filter.beforeId) query.where('moderation_events.id', '<', filter.beforeId);
      if (filter.commentId) query.where('moderation_events.comment_id', filter.commentId);
      if (filter.authorId) query.where('moderation_events.author_id', filter.authorId);
      return (await query).map(toEvent);
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
