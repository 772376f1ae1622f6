import type { Knex } from 'knex';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { builtinLexicon } from '../../scoring/lexicon/index.js';
import { foldText, LexiconPatternError, type Category, type Scorer, type Severity } from '../../scoring/index.js';
import { createLexiconRepo, type LexiconChangeAction } from '../../repositories/lexicon.repo.js';
import type { User } from '../../repositories/users.repo.js';
import type { DryRunReport, RescoreService } from '../rescore.service.js';
import { buildLexicon } from './build-lexicon.js';
import { localEntrySchema, LocalEntryError, validateAllowPhrase, validateTerm, cleanWords, type LocalEntry, type LocalEntryInput } from './local-entry.js';
import { scorerWithLocal } from './scorer-source.js';

/** One change an admin proposes: add (or replace) an entry, remove a local one, or import a CSV. */
export type LexiconChange =
  | { op: 'add'; entry: LocalEntryInput }
  | { op: 'remove'; id: number }
  | { op: 'import'; entries: LocalEntryInput[] };

/** A row of the lexicon page: a built-in entry (maybe disabled) or a local one. */
export interface CatalogRow {
  origin: 'builtin' | 'local';
  kind: 'term' | 'allow';
  pattern: string;
  category: Category | null;
  severity: Severity | null;
  needsTarget: boolean;
  region: string | null;
  allow: readonly string[];
  /** Built-in entries an admin switched off: the id of that local `disable` entry. */
  disabledBy: number | null;
  localId: number | null;
}

export interface CatalogFilter {
  q?: string;
  category?: Category;
  severity?: Severity;
  origin?: 'builtin' | 'local' | 'disabled';
}

export const CATALOG_LIMIT = 200;
const CSV_COLUMNS = ['kind', 'words', 'forms', 'variants', 'category', 'severity', 'needs_target'] as const;
/**
 * A local lexicon is a few hundred lines. The file travels again in the confirmation form after
 * its dry run, so it must stay under the forms' 100 kB limit once URL-encoded (up to 3 times larger).
 */
export const MAX_CSV_BYTES = 32 * 1024;

const entryKey = (e: { kind: string; words: string }) => `${e.kind}\u0000${e.words}`;

/**
 * The newsroom's own lexicon: validated entries, a dry run of what a change would do, and the
 * change itself — versioned, logged with its before and after, followed by a background rescoring.
 */
export function createLexiconService(deps: { db: Knex; rescore: RescoreService }) {
  const { db, rescore } = deps;
  const repo = createLexiconRepo(db);

  /** Cleans and checks one entry (an allowed phrase's usefulness is checked against the whole lexicon in `afterChange`). */
  function checked(input: LocalEntryInput): LocalEntryInput {
    const words = cleanWords(input.words);
    if (input.kind === 'term') {
      validateTerm(input);
      return { ...input, words, variants: input.variants.map(cleanWords) };
    }
    if (input.kind === 'allow') return { ...input, words: validateAllowPhrase(input), forms: 'exact', variants: [], category: null, severity: null, needsTarget: false };
    const builtin = builtinLexicon.find((e) => e.pattern === input.words.trim());
    if (!builtin) throw new LocalEntryError(`« ${input.words} » n'est pas un terme du lexique intégré.`);
    return { ...input, words: builtin.pattern, forms: 'exact', variants: [], category: null, severity: null, needsTarget: false };
  }

  /** The local entries after `change`, each checked; throws {@link LocalEntryError}. */
  async function afterChange(change: LexiconChange, trx: Knex = db): Promise<{ before: LocalEntry[]; after: LocalEntry[]; touched: LocalEntryInput[] }> {
    const before = await repo.listLocal(trx);
    const byKey = new Map(before.map((e) => [entryKey(e), e]));
    let touched: LocalEntryInput[];
    if (change.op === 'remove') {
      const removed = before.find((e) => e.id === change.id);
      if (!removed) throw new LocalEntryError("Cette entrée n'existe plus.");
      byKey.delete(entryKey(removed));
      touched = [removed];
    } else {
      const inputs = change.op === 'add' ? [change.entry] : change.entries;
      if (inputs.length === 0) throw new LocalEntryError('Aucune entrée à enregistrer.');
      touched = inputs.map(checked);
      for (const input of touched) {
        const old = byKey.get(entryKey(input));
        byKey.set(entryKey(input), { ...input, id: old?.id ?? 0, createdBy: null, createdAt: new Date() });
      }
    }
    const after = [...byKey.values()];
    const allows = touched.filter((e) => e.kind === 'allow').map((e) => e.words);
    if (change.op !== 'remove' && allows.length > 0) {
      const idle = new Set(buildLexicon(builtinLexicon, after).idleAllows);
      const useless = allows.find((phrase) => idle.has(phrase));
      if (useless !== undefined) throw new LocalEntryError(`« ${useless} » ne contient aucun terme du lexique : il n'y a rien à autoriser.`);
    }
    return { before, after, touched };
  }

  function compileCandidate(after: readonly LocalEntry[], version: number): Scorer {
    try {
      return scorerWithLocal(after, version);
    } catch (err) {
      if (err instanceof LexiconPatternError) throw new LocalEntryError(`Entrée refusée : ${err.message}`);
      throw err;
    }
  }

  return {
    currentVersion: () => repo.currentVersion(),
    listLocal: () => repo.listLocal(),
    history: (limit = 50) => repo.listChanges(limit),

    /** Built-in and local entries, filtered, at most {@link CATALOG_LIMIT}; `total` counts all that match. */
    async catalog(filter: CatalogFilter): Promise<{ rows: CatalogRow[]; total: number }> {
      const locals = await repo.listLocal();
      const disabled = new Map(locals.filter((l) => l.kind === 'disable').map((l) => [l.words, l.id]));
      const rows: CatalogRow[] = [
        ...locals
          .filter((l) => l.kind !== 'disable')
          .map((l): CatalogRow => ({
            origin: 'local',
            kind: l.kind === 'allow' ? 'allow' : 'term',
            pattern: [l.words, ...l.variants].join(', '),
            category: l.category,
            severity: l.severity,
            needsTarget: l.needsTarget,
            region: null,
            allow: [],
            disabledBy: null,
            localId: l.id,
          })),
        ...builtinLexicon.map((e): CatalogRow => ({
          origin: 'builtin',
          kind: 'term',
          pattern: e.pattern,
          category: e.category,
          severity: e.severity,
          needsTarget: e.needsTarget === true,
          region: e.region ?? null,
          allow: e.allow ?? [],
          disabledBy: disabled.get(e.pattern) ?? null,
          localId: null,
        })),
      ];
      const q = filter.q ? foldText(filter.q.trim().toLowerCase()) : '';
      const matching = rows.filter(
        (r) =>
          (q === '' || foldText(r.pattern).includes(q)) &&
          (filter.category === undefined || r.category === filter.category) &&
          (filter.severity === undefined || r.severity === filter.severity) &&
          (filter.origin === undefined ||
            (filter.origin === 'disabled' ? r.disabledBy !== null : r.origin === filter.origin)),
      );
      return { rows: matching.slice(0, CATALOG_LIMIT), total: matching.length };
    },

    /** Checks a change and says what it would do to the comments in triage; writes nothing. */
    async dryRun(change: LexiconChange): Promise<{ report: DryRunReport; touched: LocalEntryInput[] }> {
      const { after, touched } = await afterChange(change);
      const candidate = compileCandidate(after, (await repo.currentVersion()) + 1);
      return { report: await rescore.dryRun(candidate), touched };
    },

    /**
     * Saves a change as the next version of the local lexicon, logs it, and starts rescoring the
     * comments in triage in the background. Returns the new version and the rescoring job.
     */
    async apply(change: LexiconChange, user: User | null): Promise<{ version: number; jobId: number }> {
      const version = await db.transaction(async (trx) => {
        const next = (await repo.currentVersion(trx)) + 1;
        const { before, after, touched } = await afterChange(change, trx);
        compileCandidate(after, next);
        const action: LexiconChangeAction = change.op === 'remove' ? 'remove' : change.op === 'import' ? 'import' : before.some((e) => entryKey(e) === entryKey(touched[0]!)) ? 'update' : 'add';
        const old = new Map(before.map((e) => [entryKey(e), e]));
        if (change.op === 'remove') await repo.deleteLocal(change.id, trx);
        else for (const entry of touched) await repo.upsertLocal(entry, user?.id ?? null, trx);
        await repo.appendChange(
          {
            version: next,
            action,
            userId: user?.id ?? null,
            before: change.op === 'remove' ? touched.map(publicEntry) : touched.flatMap((e) => { const o = old.get(entryKey(e)); return o ? [publicEntry(o)] : []; }),
            after: change.op === 'remove' ? [] : touched.map(publicEntry),
          },
          trx,
        );
        return next;
      });
      const job = await rescore.createJob({ reason: 'lexicon', createdBy: user?.id ?? null });
      rescore.runInBackground(job.id);
      return { version, jobId: job.id };
    },

    /** The local lexicon as CSV (one header row), to keep, review or load into another instance. */
    async exportCsv(): Promise<string> {
      const locals = await repo.listLocal();
      return stringify(
        locals.map((e) => [e.kind, e.words, e.forms, e.variants.join(', '), e.category ?? '', e.severity ?? '', e.needsTarget ? 'oui' : 'non']),
        { header: true, columns: [...CSV_COLUMNS] },
      );
    },

    /**
     * Reads a lexicon CSV (as exported; `,` or `;`). All or nothing: any bad row is reported with its
     * line and nothing is imported.
     */
    parseCsv(text: string): LocalEntryInput[] {
      if (Buffer.byteLength(text) > MAX_CSV_BYTES) throw new LocalEntryError(`Fichier trop grand (${MAX_CSV_BYTES / 1024} Ko au plus).`);
      const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
      const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
      let records: Array<Record<string, string>>;
      try {
        records = parse(text.replace(/^\uFEFF/, ''), { columns: true, delimiter, skip_empty_lines: true, trim: true });
      } catch (err) {
        throw new LocalEntryError(`CSV illisible : ${(err as Error).message}`);
      }
      const missing = CSV_COLUMNS.filter((c) => records.length > 0 && !(c in records[0]!));
      if (missing.length > 0) throw new LocalEntryError(`Colonnes manquantes : ${missing.join(', ')}.`);
      const errors: string[] = [];
      const entries: LocalEntryInput[] = [];
      records.forEach((record, index) => {
        const line = index + 2;
        const parsed = localEntrySchema.safeParse({
          kind: record.kind,
          words: record.words,
          forms: record.forms || undefined,
          variants: record.variants ?? '',
          category: record.category || null,
          severity: record.severity || null,
          needsTarget: ['oui', 'yes', 'true', '1'].includes((record.needs_target ?? '').toLowerCase()),
        });
        if (!parsed.success) {
          errors.push(`ligne ${line} : ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`);
          return;
        }
        try {
          entries.push(checked(parsed.data as LocalEntryInput));
        } catch (err) {
          if (!(err instanceof LocalEntryError)) throw err;
          errors.push(`ligne ${line} : ${err.message}`);
        }
      });
      if (errors.length > 0) throw new LocalEntryError(`Rien n'a été importé. ${errors.slice(0, 10).join(' ; ')}${errors.length > 10 ? ` (et ${errors.length - 10} autres)` : ''}`);
      return entries;
    },
  };
}

/** What the change log keeps of an entry. */
function publicEntry(e: LocalEntryInput) {
  return { kind: e.kind, words: e.words, forms: e.forms, variants: e.variants, category: e.category, severity: e.severity, needsTarget: e.needsTarget };
}

export type LexiconService = ReturnType<typeof createLexiconService>;
