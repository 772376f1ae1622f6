/**
 * A client that hangs up in the middle of an upload must never stop the server. The server runs
 * as a real child process (a crash there cannot hide behind the test runner), and each streamed
 * door gets a request cut off halfway through its body.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { createAccountsService } from '../../src/services/accounts.service.js';
import { createUsersRepo } from '../../src/repositories/users.repo.js';
import { createApiKeysRepo } from '../../src/repositories/api-keys.repo.js';
import { createTestEnv, type TestEnv } from '../helpers/test-env.js';

const ROWS = 6000;

/** A dump of ROWS comments in `format`, each row unique to this run. */
function dump(format: 'ndjson' | 'json' | 'csv', tag: string): Buffer {
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: `${tag}-${i}`,
    body: `Commentaire ${i} sur l'article, avec un peu de texte pour que le fichier pèse quelque chose (${tag}).`,
    author: `lecteur-${i % 97}`,
    article: `article-${tag}`,
  }));
  if (format === 'csv') return Buffer.from(['id,body,author,article', ...rows.map((r) => `${r.id},"${r.body}",${r.author},${r.article}`)].join('\n'));
  if (format === 'json') return Buffer.from(JSON.stringify(rows));
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'));
}

/**
 * Sends the first half of `body` in small pieces, then destroys the connection, the way a client
 * that loses its network does. Resolves once the socket is gone.
 */
function postAndHangUp(url: string, headers: Record<string, string>, body: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    let sent = 0;
    const half = Math.floor(body.length / 2);
    const sendPiece = () => {
      if (sent >= half) {
        req.destroy();
        return;
      }
      const piece = body.subarray(sent, Math.min(sent + 8192, half));
      sent += piece.length;
      req.write(piece, () => setTimeout(sendPiece, 5));
    };
    sendPiece();
  });
}

/** The server as a child process; resolves with its URL once it listens. */
function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

/** Session cookies from a response, as one Cookie header. */
function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((c) => [c.split('=')[0]!, c] as const));
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    jar.set(pair.split('=')[0]!, pair);
  }
  return [...jar.values()].join('; ');
}

const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** A multipart body with the given fields and one file. */
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }): { type: string; body: Buffer } {
  const boundary = `----crible${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

describe('a client that hangs up mid-upload', () => {
  let testEnv: TestEnv;
  let server: Awaited<ReturnType<typeof startChild>>;
  let apiKey: string;
  const admin = { email: 'admin-abort@example.test', password: 'un-long-mot-de-passe' };

  before(async () => {
    testEnv = createTestEnv();
    const db = await openMigratedDatabase(testEnv.config.database, createLogger('silent'));
    const accounts = createAccountsService({ users: createUsersRepo(db), apiKeys: createApiKeysRepo(db) });
    await accounts.addUser({ ...admin, role: 'admin' });
    apiKey = (await accounts.createApiKey('abort-test', ['import'], null)).key;
    await db.destroy();
    server = await startChild(testEnv.env);
  });

  after(async () => {
    server?.child.kill('SIGTERM');
    if (server && server.child.exitCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
    await testEnv.cleanup();
  });

  const assertAlive = async () => {
    const health = await fetch(`${server.url}/healthz`).catch((err: unknown) => {
      throw new Error(`the server no longer answers (${String(err)}):\n${server.output()}`);
    });
    assert.equal(health.status, 200);
    assert.equal(server.child.exitCode, null, 'the server process is still running');
  };
  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`${server.url}${pathname}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...init.headers } });

  /** The newest import job, once it has stopped running. */
  const settledJob = async (): Promise<Record<string, unknown>> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (let id = 20; id >= 1; id--) {
        const res = await api(`/api/v1/imports/${id}`);
        if (res.status !== 200) continue;
        const job = (await res.json()) as Record<string, unknown>;
        if (job.status !== 'running') return job;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import job never stopped running');
  };

  for (const { format, gzip, type } of [
    { format: 'ndjson', gzip: true, type: 'application/x-ndjson' },
    { format: 'ndjson', gzip: false, type: 'application/x-ndjson' },
    { format: 'json', gzip: true, type: 'application/json' },
    { format: 'csv', gzip: true, type: 'text/csv' },
  ] as const) {
    it(`when a ${gzip ? 'gzipped ' : ''}${format} API import is cut off, then the server lives, the job says why, and sending the file again completes it`, async () => {
      const tag = `${format}${gzip ? 'gz' : ''}-${process.pid}`;
      const raw = dump(format, tag);
      const body = gzip ? gzipSync(raw) : raw;
      await postAndHangUp(`${server.url}/api/v1/imports?format=${format}&source=${tag}`, { authorization: `Bearer ${apiKey}`, 'content-type': type }, body);
      await assertAlive();
      const job = await settledJob();
      assert.equal(job.status, 'failed');
      assert.match(String(job.error), /interrupted/);
      const stored = Number(job.inserted);
      assert.ok(stored < ROWS, 'only part of the file arrived');

      const again = await api(`/api/v1/imports?format=${format}&source=${tag}`, { method: 'POST', headers: { 'content-type': type }, body });
      assert.equal(again.status, 201);
      const report = (await again.json()) as { inserted: number; duplicates: number };
      assert.equal(report.duplicates, stored, 'the rows stored before the hang-up are recognized');
      assert.equal(report.inserted + report.duplicates, ROWS, 'every row is stored exactly once');
    });
  }

  it('when a web upload or a lexicon upload is cut off, then the server lives and no partial file is left', async () => {
    const loginPage = await fetch(`${server.url}/login`);
    let cookie = cookiesOf(loginPage);
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...admin, _csrf: csrfOf(await loginPage.text()) }),
    });
    assert.equal(login.status, 303);
    cookie = cookiesOf(login, cookie);
    const importsPage = await fetch(`${server.url}/admin/imports`, { headers: { cookie } });
    assert.equal(importsPage.status, 200);
    const csrf = csrfOf(await importsPage.text());

    const upload = multipart({ _csrf: csrf, source: 'web-abort' }, { name: 'dump.ndjson.gz', data: gzipSync(dump('ndjson', `web-${process.pid}`)) });
    await postAndHangUp(`${server.url}/admin/imports`, { cookie, 'content-type': upload.type }, upload.body);
    await assertAlive();

    const lexiconCsv = Buffer.from(Array.from({ length: 4000 }, (_, i) => `motinvente${i},insult,2`).join('\n'));
    const lexiconUpload = multipart({ _csrf: csrf }, { name: 'lexique.csv', data: lexiconCsv });
    await postAndHangUp(`${server.url}/admin/lexicon/import`, { cookie, 'content-type': lexiconUpload.type }, lexiconUpload.body);
    await assertAlive();

    const uploads = path.join(testEnv.dataDir, 'uploads');
    // The server removes the partial file as soon as it sees the hang-up; give it that moment.
    for (let attempt = 0; attempt < 50 && existsSync(uploads) && readdirSync(uploads).length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(existsSync(uploads) ? readdirSync(uploads) : [], [], 'no partial upload left on disk');
  });
});
