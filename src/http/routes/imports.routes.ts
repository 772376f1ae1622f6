import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import busboy from 'busboy';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { AccountsService } from '../../services/accounts.service.js';
import type { ImportService } from '../../services/import/import.service.js';
import type { ImportJobsRepo, ImportJob } from '../../repositories/import-jobs.repo.js';
import { IMPORT_FORMATS, formatFromName, isInterruption, UnreadableDumpError, type ImportFormat } from '../../services/import/records.js';
import { failureReason } from '../../services/import/import.service.js';
import { rejectsFile, rejectsFileName } from '../../services/import/rejects.js';
import { requireApiKey, requireRole, requireUser } from '../auth.middleware.js';
import { AppError } from '../errors.js';
import { assertCsrf } from '../csrf.js';
import { messages } from '../messages.fr.js';

const flag = z.preprocess((value) => value === '1' || value === 'true' || value === 'on', z.boolean());
// A form's empty field means "not chosen" (the upload page's default format is "from the file name").
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const importParams = z.object({
  format: z.preprocess(blank, z.enum(IMPORT_FORMATS as [ImportFormat, ...ImportFormat[]]).optional()),
  source: z.preprocess(blank, z.string().trim().regex(/^[\w.:-]{1,100}$/, 'source may contain only letters, digits, _ . : -').default('import')),
  keepStatus: flag.default(false),
  dryRun: flag.default(false),
});

const CONTENT_TYPE_FORMATS: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
};

function parseParams(input: unknown) {
  const params = importParams.safeParse(input);
  if (!params.success) {
    const issue = params.error.issues[0]!;
    throw new AppError(400, 'validation', `${issue.path.join('.')}: ${issue.message}`);
  }
  return params.data;
}

function jobId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError(404, 'not_found', 'No such import job');
  return id;
}

async function findJob(jobs: ImportJobsRepo, req: Request): Promise<ImportJob> {
  const job = await jobs.find(jobId(req));
  if (!job) throw new AppError(404, 'not_found', 'No such import job');
  return job;
}

/** Streams a job's rejected rows as a download. */
async function sendRejects(res: Response, jobs: ImportJobsRepo, job: ImportJob, reasons: boolean): Promise<void> {
  res.type(reasons || job.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.attachment(rejectsFileName(job, reasons));
  // pipeline: a client that hangs up stops the reads instead of leaving them waiting for 'drain'.
  await pipeline(Readable.from(rejectsFile(job, jobs.rejects(job.id), reasons)), res).catch((err: unknown) => {
    if (!res.destroyed) throw err;
  });
}

interface ImportDeps {
  accounts: AccountsService;
  imports: ImportService;
  jobs: ImportJobsRepo;
  uploadsDir: string;
  logger: Logger;
}

/** `POST /api/v1/imports`: the request body is the dump, streamed straight into the import. */
export function apiImportRoutes(deps: ImportDeps): Router {
  const router = Router();
  router.use('/imports', requireApiKey(deps.accounts, 'import'));

  router.post('/imports', async (req, res) => {
    const params = parseParams(req.query);
    const mediaType = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const format = params.format ?? CONTENT_TYPE_FORMATS[mediaType];
    if (!format) throw new AppError(415, 'unsupported_format', 'Say the format: ?format=ndjson|json|csv, or Content-Type text/csv, application/x-ndjson or application/json');
    const report = await deps.imports
      .run(req, { format, source: params.source, keepStatus: params.keepStatus, dryRun: params.dryRun, filename: 'api' })
      .catch((err: unknown) => {
        if (err instanceof UnreadableDumpError) throw new AppError(422, 'unreadable_dump', err.message);
        if (isInterruption(err)) throw new AppError(400, 'upload_interrupted', failureReason(err));
        throw err;
      });
    res.status(params.dryRun ? 200 : 201).json(report);
  });

  router.get('/imports/:id', async (req, res) => {
    res.json(await findJob(deps.jobs, req));
  });

  router.get('/imports/:id/rejects', async (req, res) => {
    await sendRejects(res, deps.jobs, await findJob(deps.jobs, req), req.query.reasons === '1');
  });

  return router;
}

/**
 * The admin's upload page. The file is streamed to disk (never held in memory), then imported in
 * the background while the job's page shows its progress.
 */
export function adminImportRoutes(deps: ImportDeps): Router {
  const router = Router();
  router.use('/admin/imports', requireUser, requireRole('admin'));

  router.get('/admin/imports', async (_req, res) => {
    res.render('pages/imports', { title: messages.imports.title, jobs: await deps.jobs.recent(), report: null });
  });

  router.post('/admin/imports', async (req, res) => {
    mkdirSync(deps.uploadsDir, { recursive: true });
    const upload = await receiveUpload(req, deps.uploadsDir);
    try {
      assertCsrf(req, upload.fields._csrf);
      if (!upload.file) throw new AppError(400, 'validation', messages.imports.noFile);
      const params = parseParams(upload.fields);
      const format = params.format ?? formatFromName(upload.file.name) ?? (await sniffFormat(upload.file.path));
      if (!format) throw new AppError(400, 'validation', messages.imports.unknownFormat);
      const options = { format, source: params.source, keepStatus: params.keepStatus, filename: upload.file.name, createdBy: req.user!.id };
      if (params.dryRun) {
        const report = await deps.imports.run(createReadStream(upload.file.path), { ...options, dryRun: true });
        return res.render('pages/imports', { title: messages.imports.title, jobs: await deps.jobs.recent(), report });
      }
      const jobId = await deps.jobs.create({ source: params.source, format, filename: upload.file.name, options: { keepStatus: params.keepStatus }, createdBy: req.user!.id });
      const path = upload.file.path;
      upload.file = undefined; // the background import owns the file now
      void deps.imports
        .run(createReadStream(path), { ...options, jobId })
        .catch((err: unknown) => deps.logger.error({ err, jobId }, 'import failed'))
        .finally(() => rmSync(path, { force: true }));
      res.redirect(303, `/admin/imports/${jobId}`);
    } finally {
      if (upload.file) rmSync(upload.file.path, { force: true });
    }
  });

  router.get('/admin/imports/:id', async (req, res) => {
    const job = await findJob(deps.jobs, req);
    res.render('pages/import-job', { title: `${messages.imports.job} ${job.id}`, job });
  });

  router.get('/admin/imports/:id/rejects', async (req, res) => {
    await sendRejects(res, deps.jobs, await findJob(deps.jobs, req), req.query.reasons === '1');
  });

  return router;
}

/** The format of a plain (not gzipped) file from its first character: `[` JSON, `{` NDJSON, else CSV. */
async function sniffFormat(file: string): Promise<ImportFormat | undefined> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return undefined; // gzip: the name must say
    const first = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
    if (first === undefined) return undefined;
    return first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv';
  } finally {
    await handle.close();
  }
}

interface Upload {
  fields: Record<string, string>;
  file: { name: string; path: string } | undefined;
}

/**
 * Streams a multipart form's one file to disk and collects its fields (CSRF token included). A
 * client that hangs up mid-upload rejects the promise and leaves no partial file behind.
 */
async function receiveUpload(req: Request, dir: string): Promise<Upload> {
  const upload: Upload = { fields: {}, file: undefined };
  let writing: Promise<void> = Promise.resolve();
  // defParamCharset: browsers send file names as raw UTF-8, which busboy reads as Latin-1 by default.
  const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fieldSize: 10_000 } });
  parser.on('field', (name, value) => {
    upload.fields[name] = value;
  });
  parser.on('file', (_name, stream, info) => {
    if (!info.filename) {
      stream.on('error', () => {}); // a hang-up: the request's pipeline below reports it
      stream.resume();
      return;
    }
    const target = path.join(dir, `${randomUUID()}.upload`);
    upload.file = { name: path.basename(info.filename), path: target };
    writing = pipeline(stream, createWriteStream(target));
  });
  try {
    await pipeline(req, parser);
    await writing;
    return upload;
  } catch (err) {
    await writing.catch(() => {});
    if (upload.file) rmSync(upload.file.path, { force: true });
    throw err;
  }
}
