import type { Knex } from 'knex';
import { toCount, toDate } from '../db/dialect.js';
import type { PendingComment } from '../domain/pile-on.js';

export interface TriageCounts {
  /** Comments triaged at ingestion (imported decisions are not triage). */
  triaged: number;
  /** Of those, the ones triage flagged or held. */
  queued: number;
}

export interface AuthorStatusEvent {
  action: string;
  actorType: string;
  note: string | null;
  createdAt: Date;
}

/**
 * The reads behind the harassment picture: rejections per author in a window, their triage and
 * status events, and the recent pending comments with whom they reply to. Each is an indexed range
 * (see the harassment_indexes migration), never a scan of the table.
 */
export function createHarassmentRepo(db: Knex) {
  return {
    /** Comments of this author currently rejected by a decision taken after `since`. */
    async rejectedSince(authorId: number, since: Date, trx: Knex = db): Promise<number> {
      const row = await trx('comments')
        .where({ author_id: authorId, status: 'rejected' })
        .where('decided_at', '>', since)
        .count({ n: '*' })
        .first();
      return toCount(row?.n);
    },

    /** Decision times of the author's comments currently rejected and decided after `since`. */
    async rejectionTimes(authorIds: readonly number[], since: Date): Promise<Map<number, Date[]>> {
      const times = new Map(authorIds.map((id) => [id, [] as Date[]]));
      if (authorIds.length === 0) return times;
      const rows: Array<{ author_id: unknown; decided_at: unknown }> = await db('comments')
        .whereIn('author_id', authorIds)
        .where('status', 'rejected')
        .where('decided_at', '>', since)
        .select('author_id', 'decided_at');
      for (const row of rows) times.get(Number(row.author_id))!.push(toDate(row.decided_at)!);
      return times;
    },

    async triageCounts(authorId: number): Promise<TriageCounts> {
      const rows: Array<{ to_status: string; n: unknown }> = await db('moderation_events')
        .where({ author_id: authorId, action: 'triage' })
        .select('to_status')
        .count({ n: '*' })
        .groupBy('to_status');
      let triaged = 0;
      let queued = 0;
      for (const row of rows) {
        triaged += toCount(row.n);
        if (row.to_status === 'flagged' || row.to_status === 'held') queued += toCount(row.n);
      }
      return { triaged, queued };
    },

    /**
     * Puts a `normal` author on pre-moderation; false if their status was anything else by then.
     * On PostgreSQL a concurrent rejection of the same author waits on the row and then finds it
     * changed, so the rule never fires twice for one author.
     */
    async premoderateIfNormal(authorId: number, at: Date, trx: Knex = db): Promise<boolean> {
      const updated = await trx('authors').where({ id: authorId, status: 'normal' }).update({ status: 'premoderated', updated_at: at });
      return updated === 1;
    },

    /** When an admin last restored this author, if ever. */
    async lastRestoreAt(authorId: number, trx: Knex = db): Promise<Date | null> {
      const row = await trx('moderation_events')
        .where({ author_id: authorId, action: 'author_restore' })
        .orderBy('id', 'desc')
        .select('created_at')
        .first();
      return row ? toDate(row.created_at) : null;
    },

    /** The newest change of the author's status (pre-moderation, ban, restore), by whoever made it. */
    async lastStatusEvent(authorId: number): Promise<AuthorStatusEvent | undefined> {
      const rows = await Promise.all(
        ['author_premoderate', 'author_ban', 'author_restore'].map((action) =>
          db('moderation_events')
            .where({ author_id: authorId, action })
            .orderBy('id', 'desc')
            .select('id', 'action', 'actor_type', 'note', 'created_at')
            .first(),
        ),
      );
      const newest = rows.filter(Boolean).sort((a, b) => Number(b.id) - Number(a.id))[0];
      return newest
        ? { action: newest.action, actorType: newest.actor_type, note: newest.note ?? null, createdAt: toDate(newest.created_at)! }
        : undefined;
    },

    /**
     * Comments waiting for review (flagged or held) written since `since` that reply to someone or
     * hold an `@`, newest first, at most `limit` per status, with the author of the comment each
     * replies to. One range of the queue's
     * (status, created_at) index per status.
     */
    async pendingSince(since: Date, limit: number): Promise<PendingComment[]> {
      const perStatus = await Promise.all(
        ['flagged', 'held'].map((status) =>
          db('comments as c')
            .join('authors as a', 'a.id', 'c.author_id')
            .leftJoin('comments as p', 'p.id', 'c.parent_id')
            .leftJoin('authors as pa', 'pa.id', 'p.author_id')
            .where('c.status', status)
            .where('c.created_at', '>=', since)
            // Only a reply or a comment holding an @ can aim at someone: the rest is not worth reading.
            .where((q) => q.whereNotNull('c.parent_id').orWhere('c.body', 'like', '%@%'))
            .orderBy([
              { column: 'c.created_at', order: 'desc' },
              { column: 'c.id', order: 'desc' },
            ])
            .limit(limit)
            .select(
              'c.id',
              'c.version',
              'c.author_id',
              'a.name as author_name',
              'c.body',
              'c.created_at',
              'p.author_id as parent_author_id',
              'pa.name as parent_author_name',
            ),
        ),
      );
      return perStatus.flat().map((row: Record<string, unknown>) => ({
        id: Number(row.id),
        version: Number(row.version),
        authorId: Number(row.author_id),
        authorName: String(row.author_name),
        body: String(row.body),
        createdAt: toDate(row.created_at)!,
        parentAuthor:
          row.parent_author_id === null || row.parent_author_id === undefined
            ? null
            : { id: Number(row.parent_author_id), name: String(row.parent_author_name) },
      }));
    },
  };
}

export type HarassmentRepo = ReturnType<typeof createHarassmentRepo>;
