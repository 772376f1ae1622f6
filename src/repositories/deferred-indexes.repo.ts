import type { Knex } from 'knex';
import { createIndex, dropIndex, secondaryIndexes, selectRows } from '../db/dialect.js';
import { FULL_TEXT_INDEX, deferFullText, rebuildFullText } from '../db/full-text.js';

/** What a bulk import rebuilds at the end rather than updates row by row. */
const DEFERRABLE_TABLES = ['comments', 'moderation_events'];

/**
 * Read indexes an import only appends to, kept rather than deferred: the keys of the rows it adds
 * grow with each batch (a log event's time, comment and actor, none for a triage; a comment's
 * last update), so each lands at the end of its index. Keeping them costs each batch a little time
 * in SQLite's thread, beside the next batch's preparation, whereas rebuilding them at the end runs
 * on one core while the other waits.
 */
export const APPENDED_INDEXES: ReadonlySet<string> = new Set([
  'events_time_idx',
  'events_comment_idx',
  'events_actor_idx',
  'events_action_time_idx',
  'comments_sync_idx',
]);

/**
 * Secondary indexes dropped for a bulk import and rebuilt after it (see the migration
 * 20261204000020_deferred_indexes). Dropping and listing happen in one transaction, and so do
 * rebuilding one and striking it off, so a kill at any moment leaves every index either present or
 * listed here, and `rebuild` (run by the next import, and at every start) puts the listed ones back.
 */
export function createDeferredIndexesRepo(db: Knex) {
  return {
    /**
     * Drops the secondary indexes of comments and the log if the comments table is empty (a first
     * import: nobody reads the queue yet), but the appended ones, and on SQLite the full-text
     * index (its triggers pause while it is listed); returns how many. Never drops a primary or
     * unique key.
     */
    async deferIfEmpty(): Promise<number> {
      return db.transaction(async (trx) => {
        if (await trx('comments').first('id')) return 0;
        const indexes = (await secondaryIndexes(trx, DEFERRABLE_TABLES)).filter((index) => !APPENDED_INDEXES.has(index.name));
        for (const index of indexes) {
          await trx('deferred_indexes').insert({ name: index.name, definition: index.definition }).onConflict('name').ignore();
          await dropIndex(trx, index.name);
        }
        return indexes.length + ((await deferFullText(trx)) ? 1 : 0);
      });
    },

    /** Builds every index still listed, each with its removal from the list; returns how many. */
    async rebuild(): Promise<number> {
      const names: string[] = await db('deferred_indexes').orderBy('name').pluck('name');
      let built = 0;
      for (const name of names) {
        await db.transaction(async (trx) => {
          // Struck off first, in the transaction: another process rebuilding at the same time
          // waits on that row, then finds it gone and skips it.
          const [row] = await selectRows<{ definition: string }>(trx, 'delete from deferred_indexes where name = ? returning definition', [name]);
          if (!row) return;
          if (name === FULL_TEXT_INDEX) await rebuildFullText(trx);
          else await createIndex(trx, row.definition);
          built += 1;
        });
      }
      return built;
    },

    async pending(): Promise<string[]> {
      return db('deferred_indexes').orderBy('name').pluck('name');
    },
  };
}

export type DeferredIndexesRepo = ReturnType<typeof createDeferredIndexesRepo>;
