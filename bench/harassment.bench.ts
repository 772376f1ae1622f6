/**
 * Harassment picture benchmark: what the pile-on detection, the author panel's figures and the
 * automatic pre-moderation rule cost on a large table, with and without the harassment_indexes
 * migration, on SQLite and, when it answers, PostgreSQL. In process (the services themselves).
 *
 *   npx tsx bench/harassment.bench.ts                      # 300,000 comments, both databases
 *   npx tsx bench/harassment.bench.ts --comments 1000000 --db sqlite
 *
 * The table: `--comments` comments over two years by 5,000 authors, one prolific author with
 * 20,000 comments (4,000 rejected, half of those in the last 30 days) and their triage events,
 * `--pending` comments waiting for review in the last 24 hours (half of them replies), and one
 * planted pile-on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { openMigratedDatabase } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createHarassmentService } from '../src/services/harassment.service.js';
import { createModerationService } from '../src/services/moderation.service.js';
import { createAccountsService } from '../src/services/accounts.service.js';
import { createUsersRepo, type User } from '../src/repositories/users.repo.js';
import { createApiKeysRepo } from '../src/repositories/api-keys.repo.js';
import { createSettingsRepo } from '../src/repositories/settings.repo.js';
import type { DatabaseConfig } from '../src/config.js';
import { PG_URL, dropPgSchema, pgAvailable } from './bench-db.js';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '300000' },
    pending: { type: 'string', default: '2000' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '30' },
  },
});
const TABLE_SIZE = Number(args.comments);
const PENDING = Number(args.pending);
const RUNS = Number(args.runs);
const PROLIFIC_COMMENTS = 20_000;
const PROLIFIC_REJECTED = 4_000;
const DAY = 86_400_000;

interface Row {
  [column: string]: unknown;
}

function comment(i: number, authorId: number, articleId: number, status: string, when: Date, extra: Row = {}): Row {
  return {
    source: 'fill', external_id: `f${i}`, article_id: articleId, author_id: authorId, body: `Commentaire ${i}, espèce de connard`,
    created_at: when, ingested_at: when, updated_at: when, status, score: status === 'published' ? 0.1 : 0.7, cat_insult: 0.5,
    target: 'person', matches: '[]', scorer_version: 'fill', ...extra,
  };
}

async function insertChunked(db: Knex, table: string, rows: Row[], returning = false): Promise<number[]> {
  const ids: number[] = [];
  // 500 rows x ~20 columns stays under SQLite's limit of bound variables.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (returning) ids.push(...(await db(table).insert(chunk).returning('id')).map((r: { id: number }) => Number(r.id)));
    else await db(table).insert(chunk);
  }
  return ids;
}

async function fill(db: Knex): Promise<{ prolificId: number; prolificPending: Array<{ id: number; version: number }> }> {
  const now = Date.now();
  const [article] = await db('articles').insert({ source: 'fill', external_id: 'fill', title: 'Remplissage', created_at: new Date() }).returning('id');
  const articleId = Number((article as { id: number }).id);
  const authorIds = await insertChunked(
    db,
    'authors',
    Array.from({ length: 5001 }, (_, i) => ({ source: 'fill', external_id: `a${i}`, name: `Auteur ${i}`, status: 'normal', created_at: new Date(), updated_at: new Date() })),
    true,
  );
  const prolificId = authorIds.pop()!;
  let n = 0;
  const statuses = ['published', 'published', 'published', 'published', 'published', 'published', 'flagged', 'held', 'approved', 'rejected'];
  await db.transaction(async (trx) => {
    const rows: Row[] = [];
    for (let i = 0; i < TABLE_SIZE; i++) {
      const status = statuses[i % statuses.length]!;
      // Two years back, older than the pile-on lookback.
      const when = new Date(now - 2 * DAY - ((i * 7919) % (730 * 24 * 60)) * 60_000);
      rows.push(comment(n++, authorIds[i % authorIds.length]!, articleId, status, when, status === 'approved' || status === 'rejected' ? { decided_at: when } : {}));
      if (rows.length === 10_000) await insertChunked(trx, 'comments', rows.splice(0));
    }
    await insertChunked(trx, 'comments', rows);
  });

  // The prolific author: rejections spread over 60 days (half in the last 30), the rest published.
  const prolificRows: Row[] = [];
  for (let i = 0; i < PROLIFIC_COMMENTS; i++) {
    const when = new Date(now - 3 * DAY - i * 3 * 60_000);
    const rejected = i < PROLIFIC_REJECTED;
    prolificRows.push(comment(n++, prolificId, articleId, rejected ? 'rejected' : 'published', when, rejected ? { decided_at: new Date(now - (i / PROLIFIC_REJECTED) * 60 * DAY) } : {}));
  }
  const prolificIds = await insertChunked(db, 'comments', prolificRows, true);
  await insertChunked(
    db,
    'moderation_events',
    prolificIds.map((id, i) => ({
      comment_id: id, author_id: prolificId, actor_type: 'system', action: 'triage', to_status: i % 3 === 0 ? 'flagged' : 'published', created_at: new Date(now - 3 * DAY),
    })),
  );
  // The comments of the prolific author a moderator will reject during the measurements.
  const pendingRows = Array.from({ length: 4 * RUNS + 10 }, () => comment(n++, prolificId, articleId, 'flagged', new Date(now - 2 * DAY)));
  const prolificPending = (await insertChunked(db, 'comments', pendingRows, true)).map((id) => ({ id, version: 1 }));

  // Recent pending comments, half of them replies to one another, and a planted pile-on.
  const recentRows = Array.from({ length: PENDING }, (_, i) =>
    comment(n++, authorIds[(i * 31) % authorIds.length]!, articleId, i % 2 ? 'flagged' : 'held', new Date(now - ((i * 7) % (23 * 60)) * 60_000)),
  );
  const recentIds = await insertChunked(db, 'comments', recentRows, true);
  for (let i = 1; i < recentIds.length; i += 2) await db('comments').where({ id: recentIds[i] }).update({ parent_id: recentIds[i - 1] });
  const victim = recentIds[0]!;
  await insertChunked(
    db,
    'comments',
    Array.from({ length: 5 }, (_, i) => comment(n++, authorIds[i + 1]!, articleId, 'flagged', new Date(now - (30 - i * 5) * 60_000), { parent_id: victim })),
  );
  await db.raw('ANALYZE');
  return { prolificId, prolificPending };
}

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `${at(0.5).toFixed(1)} / ${at(0.95).toFixed(1)}`;
}

async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  await work(-1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return times;
}

async function measure(db: Knex, user: User, prolificId: number, pending: Array<{ id: number; version: number }>, offset: number) {
  const harassment = createHarassmentService(db);
  const moderation = createModerationService(db);
  const settings = createSettingsRepo(db);
  let alerts = 0;
  const pileOn = await time(RUNS, async () => {
    alerts = (await harassment.pileOnAlerts()).alerts.length;
  });
  const figures = await time(RUNS, () => harassment.authorFigures(prolificId, 'normal'));
  // The rule evaluated in full (never reached, so the author stays normal) against the rule off.
  await settings.set('harassment.autoPremoderation', { enabled: true, rejections: 100_000, days: 30 });
  const ruleOn = await time(RUNS, (i) =>
    moderation.decide(user, { commentId: pending[offset + i + 1]!.id, expectedVersion: 1, action: 'reject', reasonCode: 'insulte' }),
  );
  await settings.set('harassment.autoPremoderation', { enabled: false, rejections: 3, days: 7 });
  const ruleOff = await time(RUNS - 1, (i) =>
    moderation.decide(user, { commentId: pending[offset + RUNS + i + 2]!.id, expectedVersion: 1, action: 'reject', reasonCode: 'insulte' }),
  );
  return { pileOn, figures, ruleOn, ruleOff, alerts };
}

async function run(name: string, database: DatabaseConfig) {
  const logger = createLogger('silent');
  const db = await openMigratedDatabase(database, logger);
  try {
    const started = performance.now();
    const { prolificId, prolificPending } = await fill(db);
    process.stderr.write(`${name}: filled in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    const { user } = await createAccountsService({ users: createUsersRepo(db), apiKeys: createApiKeysRepo(db) }).addUser({
      email: 'bench@crible.local',
      role: 'moderator',
      password: 'bench-password-123',
    });
    const withIndexes = await measure(db, user, prolificId, prolificPending.slice(0, 2 * RUNS + 2), 0);
    await db.schema.alterTable('comments', (t) => t.dropIndex(['author_id', 'status', 'decided_at'], 'comments_author_status_idx'));
    await db.schema.alterTable('moderation_events', (t) => t.dropIndex(['author_id', 'action', 'id'], 'events_author_action_idx'));
    const without = await measure(db, user, prolificId, prolificPending.slice(2 * RUNS + 2), 0);
    return { name, withIndexes, without };
  } finally {
    await db.destroy();
  }
}

const results: Array<Awaited<ReturnType<typeof run>>> = [];
if (args.db !== 'pg') {
  const dir = mkdtempSync(path.join(tmpdir(), 'crible-bench-'));
  try {
    results.push(await run('SQLite', { client: 'sqlite', filename: path.join(dir, 'crible.sqlite') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (args.db !== 'sqlite' && (await pgAvailable())) {
  const schema = `bench_h_${process.pid}`;
  try {
    results.push(await run('PostgreSQL', { client: 'pg', connectionString: PG_URL, schema }));
  } finally {
    await dropPgSchema(schema);
  }
}

console.log(`\n${(TABLE_SIZE + PROLIFIC_COMMENTS + PENDING).toLocaleString('en')} comments, ${PENDING.toLocaleString('en')} pending in the last 24 h; median / p95 in ms over ${RUNS} runs\n`);
console.log(`| | ${results.map((r) => `${r.name} | ${r.name} without the indexes`).join(' | ')} |`);
console.log(`|---|${results.map(() => '---:|---:').join('|')}|`);
const line = (label: string, pick: (m: Awaited<ReturnType<typeof measure>>) => number[]) =>
  console.log(`| ${label} | ${results.map((r) => `${stats(pick(r.withIndexes))} | ${stats(pick(r.without))}`).join(' | ')} |`);
line('pile-on alerts on the queue page', (m) => m.pileOn);
line(`author figures (author with ${PROLIFIC_COMMENTS.toLocaleString('en')} comments)`, (m) => m.figures);
line('a rejection, rule on (evaluated in full)', (m) => m.ruleOn);
line('a rejection, rule off', (m) => m.ruleOff);
console.log(`\nalerts found: ${results.map((r) => `${r.name} ${r.withIndexes.alerts}`).join(', ')} (one planted)`);
