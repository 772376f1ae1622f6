import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import busboy from 'busboy';
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../scoring/types.js';
import { LocalEntryError, localEntrySchema, type LocalEntryInput } from '../../services/lexicon/local-entry.js';
import { MAX_CSV_BYTES, type CatalogFilter, type LexiconChange, type LexiconService } from '../../services/lexicon/lexicon.service.js';
import type { RescoreService } from '../../services/rescore.service.js';
import { requireRole, requireUser } from '../auth.middleware.js';
import { assertCsrf } from '../csrf.js';
import { AppError } from '../errors.js';
import { flash } from '../flash.js';
import { messages } from '../messages.fr.js';

const t = messages.lexicon;
const blank = (value: unknown) => (value === '' ? undefined : value);

const catalogQuery = z.object({
  q: z.preprocess(blank, z.string().max(100).optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES as [Category, ...Category[]]).optional()),
  severity: z.preprocess(blank, z.coerce.number().int().min(1).max(3).optional()),
  origin: z.preprocess(blank, z.enum(['builtin', 'local', 'disabled']).optional()),
});

/** The change a form describes: the preview form and its confirmation carry the same fields. */
const changeForm = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), kind: z.string(), words: z.string(), forms: z.string().optional(), variants: z.string().optional(), category: z.string().optional(), severity: z.string().optional(), needsTarget: z.string().optional() }),
  z.object({ op: z.literal('remove'), id: z.coerce.number().int().positive() }),
  z.object({ op: z.literal('import'), csv: z.string().max(MAX_CSV_BYTES) }),
]);

/** Turns a submitted form into a change, or throws a {@link LocalEntryError} for the admin. */
function changeOf(body: unknown, lexicon: LexiconService): LexiconChange {
  const form = changeForm.safeParse(body);
  if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
  const data = form.data;
  if (data.op === 'remove') return { op: 'remove', id: data.id };
  if (data.op === 'import') return { op: 'import', entries: lexicon.parseCsv(data.csv) };
  const entry = localEntrySchema.safeParse({
    kind: data.kind,
    words: data.words,
    forms: blank(data.forms),
    variants: data.variants ?? '',
    category: blank(data.category) ?? null,
    severity: blank(data.severity) ?? null,
    needsTarget: data.needsTarget === 'on' || data.needsTarget === 'true',
  });
  if (!entry.success) throw new LocalEntryError(entry.error.issues.map((i) => i.message).join(', '));
  return { op: 'add', entry: entry.data as LocalEntryInput };
}

/** The fields that carry a change from its dry run to its confirmation. */
function hiddenFieldsOf(body: Record<string, unknown>): Array<[string, string]> {
  const keys = ['op', 'kind', 'words', 'forms', 'variants', 'category', 'severity', 'needsTarget', 'id', 'csv'];
  return keys.flatMap((k) => (typeof body[k] === 'string' ? [[k, body[k] as string] as [string, string]] : []));
}

/** A small uploaded CSV, read whole (a lexicon is a few hundred lines), with the form's fields. */
function receiveCsv(req: Request): Promise<{ fields: Record<string, string>; text: string | null }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let text: string | null = null;
    let tooLarge = false;
    let notUtf8 = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 10 } });
    } catch {
      reject(new AppError(400, 'validation', messages.errors.badRequest));
      return;
    }
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
      stream.on('error', () => {}); // a hang-up: the request's pipeline below reports it
      stream.on('end', () => {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
        } catch {
          notUtf8 = true;
        }
      });
    });
    // pipeline, not .pipe(): a client that hangs up mid-upload ends the request instead of leaving it waiting.
    pipeline(req, parser).then(
      () => {
        if (tooLarge) reject(new LocalEntryError(`Fichier trop grand (${MAX_CSV_BYTES / 1024} Ko au plus).`));
        else if (notUtf8) reject(new LocalEntryError("Le fichier n'est pas en UTF-8."));
        else resolve({ fields, text });
      },
      () => reject(new AppError(400, 'validation', messages.errors.badRequest)),
    );
  });
}

/** Admins only: the lexicon page, dry runs, saves, CSV in and out, and rescoring progress. */
export function lexiconRoutes(deps: { lexicon: LexiconService; rescore: RescoreService }): Router {
  const { lexicon, rescore } = deps;
  const router = Router();
  router.use(['/admin/lexicon', '/admin/rescore'], requireUser, requireRole('admin'));

  async function renderPage(req: Request, res: Response, status = 200, error: string | null = null) {
    const query = catalogQuery.safeParse(req.query);
    const filter: CatalogFilter = query.success ? (query.data as CatalogFilter) : {};
    const [catalog, version, history, lastJob] = await Promise.all([
      lexicon.catalog(filter),
      lexicon.currentVersion(),
      lexicon.history(),
      rescore.latestJob(),
    ]);
    res.status(status).render('pages/lexicon', { title: t.title, catalog, filter, version, history, lastJob, error, form: req.method === 'POST' ? req.body : {} });
  }

  router.get('/admin/lexicon', (req, res) => renderPage(req, res));

  router.post('/admin/lexicon/preview', async (req, res) => {
    try {
      const change = changeOf(req.body, lexicon);
      const { report, touched } = await lexicon.dryRun(change);
      res.render('pages/lexicon-preview', { title: t.previewTitle, op: change.op, touched, report, hidden: hiddenFieldsOf(req.body as Record<string, unknown>) });
    } catch (err) {
      if (!(err instanceof LocalEntryError)) throw err;
      await renderPage(req, res, 422, err.message);
    }
  });

  router.post('/admin/lexicon/save', async (req, res) => {
    try {
      const change = changeOf(req.body, lexicon);
      const { version, jobId } = await lexicon.apply(change, req.user!);
      flash(req, 'ok', t.saved(version));
      res.redirect(303, `/admin/rescore/${jobId}`);
    } catch (err) {
      if (!(err instanceof LocalEntryError)) throw err;
      await renderPage(req, res, 422, err.message);
    }
  });

  router.post('/admin/lexicon/import', async (req, res) => {
    try {
      const upload = await receiveCsv(req);
      assertCsrf(req, upload.fields._csrf);
      if (upload.text === null) throw new LocalEntryError('Choisissez un fichier CSV.');
      const body = { op: 'import', csv: upload.text };
      const change = changeOf(body, lexicon);
      const { report, touched } = await lexicon.dryRun(change);
      res.render('pages/lexicon-preview', { title: t.previewTitle, op: 'import', touched, report, hidden: hiddenFieldsOf(body) });
    } catch (err) {
      if (!(err instanceof LocalEntryError)) throw err;
      await renderPage(req, res, 422, err.message);
    }
  });

  router.get('/admin/lexicon/export.csv', async (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('lexique-redaction.csv').send(await lexicon.exportCsv());
  });

  router.get('/admin/rescore/:id', async (req, res) => {
    const id = Number(req.params.id);
    const job = Number.isSafeInteger(id) && id > 0 ? await rescore.findJob(id) : null;
    if (!job) throw new AppError(404, 'not_found', messages.errors.notFound);
    res.render('pages/rescore-job', { title: `${t.rescoreJob} ${job.id}`, job });
  });

  return router;
}
