import type { Knex } from 'knex';
import { fromJsonText, toDate, toJsonText } from '../db/dialect.js';
import type { Category, Severity } from '../scoring/types.js';

// A newsroom's own lexicon entries, as stored; services/lexicon/local-entry.ts holds their rules.

/** `term`: a word to catch; `allow`: a phrase in which a caught word is innocent; `disable`: a built-in pattern switched off. */
export type LocalKind = 'term' | 'allow' | 'disable';

/** Which forms of the last word count: as written, plural, feminine and plural, or every word starting so. */
export type Forms = 'exact' | 'plural' | 'gender_plural' | 'prefix';

export interface LocalEntryInput {
  kind: LocalKind;
  words: string;
  forms: Forms;
  /** Other spellings of a term (`nase` for `naze`), each with the same forms. */
  variants: string[];
  category: Category | null;
  severity: Severity | null;
  needsTarget: boolean;
}

export interface LocalEntry extends LocalEntryInput {
  id: number;
  createdBy: number | null;
  createdAt: Date;
}

export type LexiconChangeAction = 'add' | 'update' | 'remove' | 'import';

export interface LexiconChange {
  id: number;
  version: number;
  action: LexiconChangeAction;
  userId: number | null;
  userName: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

function toEntry(row: Record<string, unknown>): LocalEntry {
  const variants = String(row.variants ?? '');
  return {
    id: Number(row.id),
    kind: row.kind as LocalKind,
    words: String(row.words),
    forms: row.forms as Forms,
    variants: variants === '' ? [] : variants.split(','),
    category: (row.category as Category | null) ?? null,
    severity: row.severity === null || row.severity === undefined ? null : (Number(row.severity) as Severity),
    needsTarget: Boolean(row.needs_target),
    createdBy: row.created_by === null || row.created_by === undefined ? null : Number(row.created_by),
    createdAt: toDate(row.created_at)!,
  };
}

function toRow(entry: LocalEntryInput) {
  return {
    kind: entry.kind,
    words: entry.words,
    forms: entry.forms,
    variants: entry.variants.join(','),
    category: entry.category,
    severity: entry.severity,
    needs_target: entry.needsTarget,
  };
}

/** The newsroom's local entries and the versioned log of their changes. */
export function createLexiconRepo(db: Knex) {
  return {
    async listLocal(trx: Knex = db): Promise<LocalEntry[]> {
      const rows = await trx('lexicon_local').select('*').orderBy('id');
      return rows.map(toEntry);
    },

    async findLocal(kind: LocalKind, words: string, trx: Knex = db): Promise<LocalEntry | null> {
      const row = await trx('lexicon_local').where({ kind, words }).first();
      return row ? toEntry(row) : null;
    },

    async findLocalById(id: number, trx: Knex = db): Promise<LocalEntry | null> {
      const row = await trx('lexicon_local').where({ id }).first();
      return row ? toEntry(row) : null;
    },

    /** Adds an entry, or replaces the one of the same kind and words. */
    async upsertLocal(entry: LocalEntryInput, userId: number | null, trx: Knex = db): Promise<void> {
      await trx('lexicon_local')
        .insert({ ...toRow(entry), created_by: userId, created_at: new Date() })
        .onConflict(['kind', 'words'])
        .merge(['forms', 'variants', 'category', 'severity', 'needs_target']);
    },

    async deleteLocal(id: number, trx: Knex = db): Promise<void> {
      await trx('lexicon_local').where({ id }).delete();
    },

    /** The local lexicon's version: 0 until the first change, then the number of the last one. */
    async currentVersion(trx: Knex = db): Promise<number> {
      const row = await trx('lexicon_changes').max<{ v: unknown }>({ v: 'version' }).first();
      return row?.v === null || row?.v === undefined ? 0 : Number(row.v);
    },

    async appendChange(
      change: { version: number; action: LexiconChangeAction; userId: number | null; before: unknown; after: unknown },
      trx: Knex = db,
    ): Promise<void> {
      await trx('lexicon_changes').insert({
        version: change.version,
        action: change.action,
        user_id: change.userId,
        before: change.before === null ? null : toJsonText(change.before),
        after: change.after === null ? null : toJsonText(change.after),
        created_at: new Date(),
      });
    },

    async listChanges(limit: number): Promise<LexiconChange[]> {
      const rows = await db('lexicon_changes as c')
        .leftJoin('users as u', 'u.id', 'c.user_id')
        .select('c.*', 'u.display_name as user_name')
        .orderBy('c.version', 'desc')
        .limit(limit);
      return rows.map((row) => ({
        id: Number(row.id),
        version: Number(row.version),
        action: row.action as LexiconChangeAction,
        userId: row.user_id === null ? null : Number(row.user_id),
        userName: (row.user_name as string | null) ?? null,
        before: fromJsonText<unknown>(row.before, null),
        after: fromJsonText<unknown>(row.after, null),
        createdAt: toDate(row.created_at)!,
      }));
    },
  };
}

export type LexiconRepo = ReturnType<typeof createLexiconRepo>;
