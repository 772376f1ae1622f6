/**
 * Rescoring benchmark: `crible rescore` over a table of 1,000,000 comments, on SQLite and, when it
 * answers, PostgreSQL — once right after a lexicon change (some comments change status and are
 * written, with their events), once again with nothing left to change (read and score only).
 *
 *   npm run bench:rescore                       # 1,000,000 comments
 *   npm run bench:rescore -- --comments 200000  # smaller
 *   npm run bench:rescore -- --db sqlite        # one database only
 *
 * The command runs as a child process, as an admin would run it; its peak RSS is sampled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knex, { type Knex } from 'knex';
import { PG_URL, dropPgSchema, pgAvailable } from './bench-db.js';
import { fillComments } from './fill-comments.js';
import { runMeasured } from './run-measured.js';

const { values: args } = parseArgs({
  options: {
    comments: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'both' },
  },
});
const TABLE_SIZE = Number(args.comments);

/** One body in eight carries the word the benchmark adds to the lexicon. */
const BODIES = [
  'Merci pour cet article, enfin un peu de clarté sur la situation à Mopti.',
  'Le ministre ment encore une fois, arrêtez de nous prendre pour des idiots.',
  'Ferme ta gueule, espèce de connard, tu ne connais rien au Sahel.',
  'Tu es un vrai ostrogoth, toi, tu ne lis jamais les articles.',
  'Bande de crevards, vous vous réjouissez du malheur des autres.',
  'Je prie pour les familles déplacées, courage à tous.',
  'c o n n a r d va, retourne dans ton pays',
  "Quelle honte, personne n'a rien vu venir dans la région de Gao.",
];

interface Target {
  name: 'SQLite' | 'PostgreSQL';
  env: Record<string, string>;
  connect(): Knex;
  cleanup(): Promise<void>;
}

function crible(env: Record<string, string>, ...command: string[]) {
  const res = spawnSync(process.execPath, ['bin/crible.js', ...command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`crible ${command.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

const work = mkdtempSync(path.join(tmpdir(), 'crible-rescore-bench-'));
const targets: Target[] = [];
if (args.db !== 'pg') {
  const dir = path.join(work, 'sqlite');
  targets.push({
    name: 'SQLite',
    env: { CRIBLE_DATA_DIR: dir },
    connect: () => knex({ client: 'sqlite3', connection: { filename: path.join(dir, 'crible.sqlite') }, useNullAsDefault: true }),
    cleanup: async () => {},
  });
}
if (args.db !== 'sqlite') {
  if (await pgAvailable()) {
    const schema = `rescore_bench_${process.pid}`;
    targets.push({
      name: 'PostgreSQL',
      env: { CRIBLE_DATA_DIR: path.join(work, 'pg'), DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
      connect: () => knex({ client: 'pg', connection: PG_URL, searchPath: [schema] }),
      cleanup: () => dropPgSchema(schema),
    });
  } else {
    console.log(`PostgreSQL not reachable at ${PG_URL}: skipped.`);
  }
}

interface Report { total: number; rescored: number; statusChanges: number; seconds: number }
const rows: string[] = [];
try {
  for (const target of targets) {
    const env = { ...target.env, CRIBLE_DEMO: '0', LOG_LEVEL: 'warn' };
    try {
      crible(env, 'migrate');
      // The filled log's decisions need a moderator.
      crible(env, 'user', 'add', '--email', 'bench@crible.local', '--role', 'admin', '--password', 'bench-password-123');
      const db = target.connect();
      try {
        process.stderr.write(`${target.name}: filling ${TABLE_SIZE.toLocaleString('en')} comments…\n`);
        await fillComments(db, TABLE_SIZE, BODIES);
      } finally {
        await db.destroy();
      }
      const rescore = async (run: string) => {
        process.stderr.write(`${target.name}: rescoring (${run})…\n`);
        const reportFile = path.join(work, 'report.json');
        const measured = await runMeasured(env, ['rescore', '--json'], reportFile);
        const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
        rows.push(
          `| ${target.name} | ${run} | ${report.rescored.toLocaleString('en')} | ${report.statusChanges.toLocaleString('en')} | ${measured.seconds.toFixed(1)} | **${Math.round(report.rescored / measured.seconds).toLocaleString('en')}** | ${measured.cpuSeconds.toFixed(1)} | ${measured.peakMb.toFixed(0)} |`,
        );
      };
      // The filled rows carry made-up scores: the first pass rewrites every one (the worst case).
      await rescore('first pass: every comment rewritten');
      // The state a save on the lexicon page leaves: one more local term (in 1 body of 8), version 1.
      const after = target.connect();
      try {
        await after('lexicon_local').insert({ kind: 'term', words: 'ostrogoth', forms: 'plural', variants: '', category: 'insult', severity: 2, needs_target: false, created_at: new Date() });
        await after('lexicon_changes').insert({ version: 1, action: 'add', user_id: null, before: '[]', after: '[]', created_at: new Date() });
      } finally {
        await after.destroy();
      }
      await rescore('after adding a term found in 1 comment of 8');
      await rescore('again: nothing left to change');
    } finally {
      await target.cleanup();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`# Crible rescoring benchmark (node ${process.version}, ${TABLE_SIZE.toLocaleString('en')} comments in the table)\n`);
console.log('Rescoring reads the comments in automatic statuses (published, flagged, held: 80% of the table here),');
console.log('scores each again with the current lexicon, and writes only those whose result changed.\n');
console.log('| database | run | comments rescored | status changes | s (whole command) | comments/s | CPU s | peak MB |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
