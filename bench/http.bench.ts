/**
 * HTTP benchmark: ingestion throughput (single comments and batches of 1,000), the queue page's
 * latency with a large table, and the statistics (dashboard, /api/v1/stats, /metrics) on the same
 * table and its moderation log, on SQLite and, when it answers, PostgreSQL.
 *
 *   npm run bench:http                       # 1,000,000 comments for the latency part
 *   npm run bench:http -- --comments 200000  # smaller
 *   npm run bench:http -- --db sqlite        # one database only
 *
 * The server runs as a child process (`crible serve`), as in production; this process only sends
 * requests, over keep-alive connections.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PG_URL, dropPgSchema, pgAvailable } from './bench-db.js';
import { fillComments } from './fill-comments.js';
import knex, { type Knex } from 'knex';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'both' },
    'single-requests': { type: 'string', default: '2000' },
    batches: { type: 'string', default: '20' },
  },
});
const TABLE_SIZE = Number(args.comments);
const SINGLE_REQUESTS = Number(args['single-requests']);
const BATCHES = Number(args.batches);
const ADMIN = { email: 'bench@crible.local', password: 'bench-password-123' };

const SAMPLE_BODIES = [
  'Merci pour cet article, enfin un peu de clarté sur la situation à Bamako.',
  'Le gouvernement ment encore une fois, arrêtez de nous prendre pour des idiots.',
  'Ferme ta gueule, espèce de connard, tu ne connais rien au Sahel.',
  "Les convois de carburant passent-ils toujours par l'axe Kayes-Bamako ?",
  'Bande de crevards, vous vous réjouissez du malheur des autres.',
  'Je prie pour les familles déplacées, courage à tous.',
  'c o n n a r d va, retourne dans ton pays',
  "Quelle honte, personne n'a rien vu venir.",
];

interface Target {
  name: 'SQLite' | 'PostgreSQL';
  env: Record<string, string>;
  /** Direct connection for filling the table. */
  connect(): Knex;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'crible-bench-'));
  return {
    name: 'SQLite',
    env: { CRIBLE_DATA_DIR: dir },
    connect: () => knex({ client: 'sqlite3', connection: { filename: path.join(dir, 'crible.sqlite') }, useNullAsDefault: true }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function pgTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'crible-bench-'));
  const schema = `bench_${process.pid}`;
  return {
    name: 'PostgreSQL',
    env: { CRIBLE_DATA_DIR: dir, DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
    connect: () => knex({ client: 'pg', connection: PG_URL, searchPath: [schema] }),
    async cleanup() {
      await dropPgSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


function crible(env: Record<string, string>, ...command: string[]) {
  const result = spawnSync(process.execPath, ['bin/crible.js', ...command], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`crible ${command.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/crible.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SESSION_SECRET: 'b'.repeat(40) },
    // Errors only (LOG_LEVEL=warn), so a failing request shows why.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('the server did not start');
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function aComment(i: number) {
  return {
    source: 'bench',
    externalId: `${randomUUID()}`,
    article: { externalId: `article-${i % 50}`, title: `Article ${i % 50}` },
    author: { externalId: `author-${i % 2000}`, name: `Lecteur ${i % 2000}` },
    body: SAMPLE_BODIES[i % SAMPLE_BODIES.length]!,
  };
}

/** Runs `total` tasks with `concurrency` in flight; returns the elapsed seconds. */
async function runConcurrently(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function measureIngestion(base: string, key: string) {
  const post = async (body: unknown) => {
    const res = await fetch(`${base}/api/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`ingest: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const singleSeconds = await runConcurrently(SINGLE_REQUESTS, 8, (i) => post(aComment(i)));
  const batchSeconds = await runConcurrently(BATCHES, 2, (b) => post(Array.from({ length: 1000 }, (_, i) => aComment(b * 1000 + i))));
  return { single: SINGLE_REQUESTS / singleSeconds, batch: (BATCHES * 1000) / batchSeconds };
}

/** Terms for the matches of the filled comments, so the statistics have terms to count. */
async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...ADMIN, _csrf: csrf }),
  });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Median and maximum of `runs` sequential GETs (after one warm-up), for the statistics. */
async function measureGet(base: string, url: string, headers: Record<string, string>, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= 1) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), max: times.at(-1)! };
}

async function measurePage(base: string, cookie: string, url: string, runs = 40) {
  const times: number[] = [];
  let nextLink: string | undefined;
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= 3) times.push(performance.now() - started);
    nextLink ??= /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), nextLink };
}

async function benchTarget(target: Target) {
  const port = 40000 + Math.floor(Math.random() * 10000);
  const env = { ...target.env, CRIBLE_DEMO: '0', CRIBLE_ADMIN_EMAIL: ADMIN.email, CRIBLE_ADMIN_PASSWORD: ADMIN.password };
  crible(env, 'migrate');
  const key = /^(crb_\S+)$/m.exec(crible(env, 'apikey', 'create', '--name', 'bench', '--scopes', 'ingest,read,metrics'))![1]!;
  let server = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  const ingestion = await measureIngestion(base, key);
  await stopServer(server);

  process.stderr.write(`${target.name}: filling ${TABLE_SIZE.toLocaleString('en')} comments…\n`);
  const db = target.connect();
  await fillComments(db, TABLE_SIZE, SAMPLE_BODIES);
  const total = Number((await db('comments').count({ n: '*' }).first())!.n);
  await db.destroy();

  server = await startServer(env, port);
  const cookie = await signIn(base);
  const pages: Array<[string, string]> = [
    ['À traiter, by score', '/queue'],
    ['Tous, newest first', '/queue?view=all&sort=newest'],
    ['Rejetés, by score', '/queue?view=rejected'],
    ['À traiter, category + score range', '/queue?category=insult&min=0.5&max=0.9'],
  ];
  const latencies: Array<[string, { median: number; p95: number }]> = [];
  for (const [name, url] of pages) {
    const first = await measurePage(base, cookie, url);
    latencies.push([name, first]);
    if (name === 'À traiter, by score' && first.nextLink) latencies.push(['À traiter, page 2 (keyset)', await measurePage(base, cookie, first.nextLink)]);
  }
  latencies.push(['Search in bodies, frequent word (q=gueule)', await measurePage(base, cookie, '/queue?view=all&q=gueule', 10)]);
  // A word no comment holds: the substring search reads every row (no full-text index yet).
  latencies.push(['Search in bodies, absent word (q=zorglub)', await measurePage(base, cookie, '/queue?view=all&q=zorglub', 5)]);
  const api = { Authorization: `Bearer ${key}` };
  const stats: Array<[string, { median: number; max: number }]> = [
    ['Dashboard /stats, last 30 days (default)', await measureGet(base, '/stats', { cookie }, 10)],
    ['GET /api/v1/stats, last 30 days', await measureGet(base, '/api/v1/stats', api, 10)],
    ['Dashboard /stats?days=365', await measureGet(base, '/stats?days=365', { cookie }, 5)],
    ['GET /api/v1/stats?days=365', await measureGet(base, '/api/v1/stats?days=365', api, 5)],
    ['GET /metrics', await measureGet(base, '/metrics', api, 20)],
  ];
  await stopServer(server);
  return { ingestion, total, latencies, stats };
}

const targets: Target[] = [];
if (args.db !== 'pg') targets.push(sqliteTarget());
if (args.db !== 'sqlite') {
  if (await pgAvailable()) targets.push(pgTarget());
  else console.log(`PostgreSQL not reachable at ${PG_URL}: skipped.`);
}

console.log(`# Crible HTTP benchmark (node ${process.version}, ${SINGLE_REQUESTS} single requests, ${BATCHES} batches of 1,000)\n`);
const results = [];
for (const target of targets) {
  try {
    results.push({ name: target.name, ...(await benchTarget(target)) });
  } finally {
    await target.cleanup();
  }
}

console.log('## Ingestion over HTTP (scored, triaged, stored, logged)\n');
console.log('| database | single comment per request (comments/s) | batches of 1,000 (comments/s) |');
console.log('|---|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.ingestion.single.toFixed(0)} | ${r.ingestion.batch.toFixed(0)} |`);

for (const r of results) {
  console.log(`\n## Queue page latency, ${r.name}, ${r.total.toLocaleString('en')} comments in the table\n`);
  console.log('| page | median (ms) | p95 (ms) |');
  console.log('|---|---:|---:|');
  for (const [name, l] of r.latencies) console.log(`| ${name} | ${l.median.toFixed(1)} | ${l.p95.toFixed(1)} |`);
}

for (const r of results) {
  console.log(`\n## Statistics latency, ${r.name}, ${r.total.toLocaleString('en')} comments and their log\n`);
  console.log('| request | median (ms) | max (ms) |');
  console.log('|---|---:|---:|');
  for (const [name, l] of r.stats) console.log(`| ${name} | ${l.median.toFixed(1)} | ${l.max.toFixed(1)} |`);
}
