import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { ScoreResult, Scorer } from '../scoring/types.js';
import type { ScorerSource } from './lexicon/scorer-source.js';
import { createArticlesRepo } from '../repositories/articles.repo.js';
import { createAuthorsRepo, type AuthorStatus } from '../repositories/authors.repo.js';
import { createCommentsRepo, type Comment, type CommentStatus, type NewComment } from '../repositories/comments.repo.js';
import { createEventsRepo } from '../repositories/events.repo.js';
import { createCountersRepo } from '../repositories/counters.repo.js';
import { externalKey } from '../repositories/external-key.js';
import { createSqliteBulkImportRepo, type SerializedBatch } from '../repositories/bulk-import.sqlite.js';
import { bulkRowsOf } from './bulk-rows.js';
import { dialectOf, relaxCommitDurability, takeWriteLock } from '../db/dialect.js';
import { triageDecision, triageStatus, type Thresholds, type ThresholdsService } from './triage.js';
import { insertionGenerations } from './reply-order.js';
import type { IncomingComment } from '../domain/incoming-comment.js';

export type { IncomingComment } from '../domain/incoming-comment.js';

export interface IngestOutcome {
  comment: Comment;
  /** True when (source, externalId) was already stored: the stored comment is returned unchanged. */
  duplicate: boolean;
}

interface Prepared {
  key: string;
  parentKey: string | undefined;
  incoming: IncomingComment;
  result: ScoreResult;
  status: CommentStatus;
  author: { id: number; status: AuthorStatus };
  articleId: number;
}

interface Scored {
  incoming: IncomingComment;
  parentKey: string | undefined;
  result: ScoreResult;
}

/** Scores computed ahead of a batch's transaction, and the scorer that computed them. */
export interface Prescored {
  scorer: Scorer;
  results: ReadonlyMap<IncomingComment, Scored>;
  /**
   * SQLite: the batch's rows ready to write, built with these thresholds on the assumption that
   * none of its comments is stored yet, nor any of `unknownParents` (the replies to those were
   * scored without their parent's author name); the transaction checks both.
   */
  bulk?: { limits: Thresholds; batch: SerializedBatch; unknownParents: Array<{ source: string; externalId: string }> };
}

/** Comments scored ahead between two turns of the event loop (a few milliseconds of work). */
const PRESCORE_SLICE = 200;

const keyOf = (comment: { source: string; externalId: string }) => externalKey(comment.source, comment.externalId);

const sameThresholds = (a: Thresholds, b: Thresholds) => a.flag === b.flag && a.hold === b.hold;

/** The comments of a batch, in its order, but for those `stored` holds and the repeats of one. */
function firstOfEach(batch: readonly IncomingComment[], stored: Pick<ReadonlySet<string>, 'has'> = new Set()): IncomingComment[] {
  const fresh: IncomingComment[] = [];
  const seen = new Set<string>();
  for (const incoming of batch) {
    const key = keyOf(incoming);
    if (stored.has(key) || seen.has(key)) continue;
    seen.add(key);
    fresh.push(incoming);
  }
  return fresh;
}

/**
 * Scores, triages and stores comments. A batch is one transaction: every new comment with its
 * triage event, or nothing. Idempotent on (source, externalId): a comment already stored, or
 * repeated within the batch, is left as it is. The database work is per batch, not per comment.
 */
export function createIngestService(deps: { db: Knex; scorers: ScorerSource; thresholds: ThresholdsService }) {
  const { db, scorers, thresholds } = deps;
  const articles = createArticlesRepo(db);
  const authors = createAuthorsRepo(db);
  const comments = createCommentsRepo(db);
  const events = createEventsRepo(db);
  const counters = createCountersRepo();
  const sqliteBulk = dialectOf(db) === 'sqlite' ? createSqliteBulkImportRepo() : null;

  function score(scorer: Scorer, fresh: readonly IncomingComment[], parentNames: Pick<ReadonlyMap<string, string>, 'get'>) {
    return fresh.map((incoming) => {
      const parentKey = incoming.parentExternalId ? externalKey(incoming.source, incoming.parentExternalId) : undefined;
      const parentAuthorName = parentKey ? parentNames.get(parentKey) : undefined;
      return { incoming, parentKey, result: scorer.score(incoming.body, parentAuthorName ? { parentAuthorName } : undefined) };
    });
  }

  /** Inserts in generations, so a reply whose parent is in the same batch gets the parent's new id. */
  async function insertInOrder(trx: Knex, prepared: Prepared[], storedParentIds: Map<string, number>): Promise<Map<string, number>> {
    const inserted = new Map<string, number>();
    for (const { items } of insertionGenerations(prepared)) {
      const rows: NewComment[] = items.map((p) => ({
        source: p.incoming.source,
        externalId: p.incoming.externalId,
        articleId: p.articleId,
        authorId: p.author.id,
        parentId: p.parentKey ? (inserted.get(p.parentKey) ?? storedParentIds.get(p.parentKey) ?? null) : null,
        parentExternalId: p.incoming.parentExternalId ?? null,
        body: p.incoming.body,
        createdAt: p.incoming.createdAt ?? new Date(),
        status: p.status,
        score: p.result.score,
        categories: p.result.categories,
        target: p.result.target,
        matches: p.result.matches,
        scorerVersion: p.result.lexiconVersion,
      }));
      for (const [key, id] of await comments.insertManyIfNew(rows, trx)) inserted.set(key, id);
    }
    return inserted;
  }

  /** The comments of a batch not stored yet, in its order (of one repeated, the first). */
  async function freshOf(trx: Knex, batch: readonly IncomingComment[]): Promise<IncomingComment[]> {
    return firstOfEach(batch, await comments.findKeys(batch, trx));
  }

  /**
   * Scores the fresh comments of a batch: those scored ahead with this scorer keep their results,
   * the others are scored here, a reply to a comment stored earlier once a lookup has named that
   * comment's author (scoring needs it). `alsoLookUp` runs in the database's thread meanwhile.
   */
  async function scoreFresh<T>(trx: Knex, fresh: readonly IncomingComment[], scorer: Scorer, prescored: Prescored | undefined, alsoLookUp: () => Promise<T>) {
    const freshKeys = new Set(fresh.map(keyOf));
    // The lookups run in the database's thread while this one scores every comment whose parent,
    // if any, is in this batch (nearly all, in a dump): the two no longer wait on each other.
    const withStoredParent = new Set(fresh.filter((c) => c.parentExternalId != null && !freshKeys.has(externalKey(c.source, c.parentExternalId))));
    const needsStoredParent = (c: IncomingComment) => withStoredParent.has(c);
    const lookups = (async () => {
      const parentPairs = [...withStoredParent].map((c) => ({ source: c.source, externalId: c.parentExternalId! }));
      const storedParents = await comments.findKeys(parentPairs, trx);
      return { storedParents, also: await alsoLookUp() };
    })();
    lookups.catch(() => {}); // awaited below; this only keeps a failure during scoring from going unhandled
    const parentNames = new Map<string, string>();
    for (const c of fresh) parentNames.set(keyOf(c), c.author.name);
    // Scored ahead (bulk import, while the previous batch was being written) with this scorer.
    const ahead = prescored?.scorer === scorer ? prescored.results : undefined;
    const scored = new Map<IncomingComment, Scored>();
    const unscored: IncomingComment[] = [];
    for (const c of fresh) {
      const s = ahead?.get(c);
      if (s) scored.set(c, s);
      else unscored.push(c);
    }
    for (const s of score(scorer, unscored.filter((c) => !needsStoredParent(c)), parentNames)) scored.set(s.incoming, s);

    const { storedParents, also } = await lookups;
    for (const [key, parent] of storedParents) parentNames.set(key, parent.authorName);
    for (const s of score(scorer, unscored.filter(needsStoredParent), parentNames)) scored.set(s.incoming, s);
    return { scored, storedParents, also };
  }

  /** The heart of ingestion; returns what it inserted and what was already there. */
  async function store(trx: Knex, batch: readonly IncomingComment[], limits: Thresholds, scorer: Scorer, prescored?: Prescored) {
    const fresh = await freshOf(trx, batch);
    if (fresh.length === 0) return { inserted: new Map<string, number>() };
    const { scored, storedParents, also } = await scoreFresh(trx, fresh, scorer, prescored, async () => ({
      articleIds: await articles.upsertMany(fresh.map((c) => ({ source: c.source, ...c.article })), trx),
      authorRows: await authors.upsertMany(fresh.map((c) => ({ source: c.source, ...c.author })), trx),
    }));
    const { articleIds, authorRows } = also;

    const prepared: Prepared[] = fresh.map((incoming) => {
      const { parentKey, result } = scored.get(incoming)!;
      const author = authorRows.get(externalKey(incoming.source, incoming.author.externalId))!;
      return {
        key: keyOf(incoming),
        parentKey,
        incoming,
        result,
        author,
        articleId: articleIds.get(externalKey(incoming.source, incoming.article.externalId))!,
        status: incoming.keptStatus ?? triageStatus(triageDecision(result, limits), author.status),
      };
    });
    const storedParentIds = new Map([...storedParents].map(([key, parent]) => [key, parent.id]));
    const inserted = await insertInOrder(trx, prepared, storedParentIds);

    const at = new Date();
    const triaged: number[] = [];
    const kept: number[] = [];
    for (const p of prepared) {
      const id = inserted.get(p.key);
      if (id !== undefined) (p.incoming.keptStatus !== undefined ? kept : triaged).push(id);
    }
    await events.appendArrivals(triaged, { kept: false, at }, trx);
    await events.appendArrivals(kept, { kept: true, at }, trx);
    return { inserted };
  }

  /**
   * `store` for a bulk batch on SQLite, which resolves ids and statuses by joins in a script run
   * at once rather than statement by statement; returns how many comments were new. Uses the rows
   * built ahead if nothing they assumed has changed: scorer, thresholds, and no comment stored yet.
   */
  async function storeInBulk(trx: Knex, batch: readonly IncomingComment[], limits: Thresholds, scorer: Scorer, prescored?: Prescored): Promise<number> {
    const fresh = await freshOf(trx, batch);
    if (fresh.length === 0) return 0;
    const now = new Date();
    const ahead = prescored?.bulk;
    const aheadHolds = async () =>
      ahead !== undefined &&
      prescored!.scorer === scorer &&
      sameThresholds(ahead.limits, limits) &&
      ahead.batch.size === fresh.length &&
      (ahead.unknownParents.length === 0 || (await comments.findKeys(ahead.unknownParents, trx)).size === 0);
    if (await aheadHolds()) {
      await sqliteBulk!.insert(trx, ahead!.batch, now);
      return fresh.length;
    }
    const { scored } = await scoreFresh(trx, fresh, scorer, prescored, async () => undefined);
    await sqliteBulk!.insert(trx, sqliteBulk!.serialize(bulkRowsOf(fresh, scored, limits, now)), now);
    return fresh.length;
  }

  return {
    /** Stores a batch and returns, for each item in order, the stored comment. */
    async ingest(batch: readonly IncomingComment[]): Promise<IngestOutcome[]> {
      const [limits, scorer] = await Promise.all([thresholds.get(), scorers.current()]);
      return db.transaction(async (trx) => {
        await takeWriteLock(trx);
        const { inserted } = await store(trx, batch, limits, scorer);
        const stored = await comments.findManyByIds([...inserted.values()], trx);
        // Duplicates (already stored, or stored by another request meanwhile) are read back whole.
        const missing = batch.filter((c) => !inserted.has(keyOf(c)));
        const existing = missing.length > 0 ? await comments.findManyByExternalIds(missing, trx) : new Map<string, Comment>();
        const claimed = new Set<string>();
        return batch.map((incoming) => {
          const key = keyOf(incoming);
          const id = inserted.get(key);
          if (id !== undefined && !claimed.has(key)) {
            claimed.add(key);
            return { comment: stored.get(id)!, duplicate: false };
          }
          const comment = existing.get(key) ?? (id !== undefined ? stored.get(id) : undefined);
          return { comment: comment!, duplicate: true };
        });
      });
    },

    /**
     * Stores a batch without reading it back (bulk import): how many were new. `alsoInTransaction`
     * writes more in the same transaction (an import's progress), so a crash keeps both or neither.
     */
    async ingestCounting(
      batch: readonly IncomingComment[],
      alsoInTransaction?: (trx: Knex, counts: { inserted: number; duplicates: number }) => Promise<void>,
      prescored?: Prescored,
    ): Promise<{ inserted: number; duplicates: number; scorer: Scorer; limits: Thresholds }> {
      const [limits, scorer] = await Promise.all([thresholds.get(), scorers.current()]);
      return db.transaction(async (trx) => {
        await takeWriteLock(trx);
        await relaxCommitDurability(trx); // a lost batch is redone by running the import again
        // Bulk: the counters are written once for the batch, not by a trigger per row (on SQLite,
        // by the script that writes the batch).
        const inserted =
          batch.length === 0
            ? 0
            : sqliteBulk
              ? await storeInBulk(trx, batch, limits, scorer, prescored)
              : (await counters.perBatch(trx, () => store(trx, batch, limits, scorer, prescored))).inserted.size;
        const counts = { inserted, duplicates: batch.length - inserted };
        await alsoInTransaction?.(trx, counts);
        return { ...counts, scorer, limits };
      });
    },

    /** The scorer ingestion uses now (a bulk import scores its next batch ahead with it). */
    currentScorer: (): Promise<Scorer> => scorers.current(),

    /** The triage thresholds now (a bulk import on SQLite builds its next batch's rows with them). */
    currentLimits: (): Promise<Thresholds> => thresholds.get(),

    /**
     * Scores ahead, without the database, the comments of a batch that have no parent or whose
     * parent's author is named in the batch or by `knownAuthors`; `ingestCounting` uses these
     * results if its scorer is still `scorer`, and scores the rest itself. On SQLite, given the
     * thresholds, also builds the batch's rows (see Prescored.bulk).
     */
    async prescore(scorer: Scorer, batch: readonly IncomingComment[], knownAuthors: Pick<ReadonlyMap<string, string>, 'get'>, limits?: Thresholds): Promise<Prescored> {
      const inBatch = new Map(batch.map((c) => [keyOf(c), c.author.name]));
      const parentNames = { get: (key: string) => inBatch.get(key) ?? knownAuthors.get(key) };
      const ready = batch.filter((c) => !c.parentExternalId || parentNames.get(externalKey(c.source, c.parentExternalId)) !== undefined);
      const results = new Map<IncomingComment, Scored>();
      // In slices: the database's replies to the batch being written are handled in between.
      for (let start = 0; start < ready.length; start += PRESCORE_SLICE) {
        if (start > 0) await yieldToEventLoop();
        for (const s of score(scorer, ready.slice(start, start + PRESCORE_SLICE), parentNames)) results.set(s.incoming, s);
      }
      if (!sqliteBulk || !limits) return { scorer, results };
      const fresh = firstOfEach(batch);
      const unknownParents = fresh.filter((c) => !results.has(c));
      const guessed = new Map(score(scorer, unknownParents, new Map()).map((s) => [s.incoming, s]));
      const assumed = { get: (c: IncomingComment) => results.get(c) ?? guessed.get(c) };
      await yieldToEventLoop();
      const rows = sqliteBulk.serialize(bulkRowsOf(fresh, assumed, limits, new Date()));
      return { scorer, results, bulk: { limits, batch: rows, unknownParents: unknownParents.map((c) => ({ source: c.source, externalId: c.parentExternalId! })) } };
    },

    /** What a batch would do, without writing: how many are new, and the status each would get. */
    async preview(batch: readonly IncomingComment[]): Promise<{ fresh: number; duplicates: number; statuses: CommentStatus[] }> {
      const [limits, scorer] = await Promise.all([thresholds.get(), scorers.current()]);
      const fresh = firstOfEach(batch, await comments.findKeys(batch));
      const parentNames = new Map(fresh.map((c) => [keyOf(c), c.author.name]));
      const statuses = score(scorer, fresh, parentNames).map(
        ({ incoming, result }) => incoming.keptStatus ?? triageStatus(triageDecision(result, limits), 'normal'),
      );
      return { fresh: fresh.length, duplicates: batch.length - fresh.length, statuses };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
