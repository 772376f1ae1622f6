/**
 * Bulk import and export at scale: generates its own NDJSON dump, imports it with `crible import`
 * (a child process, as an admin would run it), then exports the moderation log with
 * `crible export log`, measuring time and the child's peak memory (VmRSS sampled from /proc).
 *
 *   npm run bench:import                        # 1,000,000 comments, SQLite then PostgreSQL
 *   npm run bench:import -- --comments 100000 --db sqlite
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { PG_URL, dropPgSchema, pgAvailable } from './bench-db.js';
import { runMeasured } from './run-measured.js';

const { values: args } = parseArgs({
  options: { comments: { type: 'string', default: '1000000' }, db: { type: 'string', default: 'both' } },
});
const TOTAL = Number(args.comments);
const TARGET_RATE = 20_000;
const MEMORY_BAR_MB = 300;

const OPENINGS = ['Merci pour cet article', 'Je ne suis pas d’accord', 'Encore une fois', 'Franchement', 'À Bamako', 'Depuis Dakar', 'Lu ce matin'];
const MIDDLES = [
  'la situation sécuritaire se dégrade et personne ne dit la vérité sur les convois de carburant',
  'les autorités de transition devraient publier le calendrier électoral au lieu de promettre',
  'ferme ta gueule espèce de connard tu ne connais rien au Sahel',
  'bande de crevards vous vous réjouissez du malheur des familles déplacées',
  'les familles déplacées de Mopti attendent toujours l’aide alimentaire promise',
  'c o n n a r d va, retourne dans ton pays',
  'le sommet régional n’a rien donné de concret pour les populations',
];

/** Writes the dump: realistic sizes (about 380 bytes a line), 3 in 7 carrying an insult. */
async function writeDump(file: string, total: number): Promise<number> {
  const out = createWriteStream(file);
  for (let i = 0; i < total; i++) {
    const line =
      JSON.stringify({
        id: `bench-${i}`,
        story_id: `story-${i % 5000}`,
        article_title: `Article ${i % 5000}`,
        author_id: `user-${i % 50_000}`,
        author_name: `Lecteur ${i % 50_000}`,
        created_at: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
        parent_id: i % 4 === 0 && i > 0 ? `bench-${i - 1}` : undefined,
        body: `${OPENINGS[i % OPENINGS.length]}, ${MIDDLES[(i * 3) % MIDDLES.length]}. Commentaire ${i}, ${'merci '.repeat(i % 20)}`,
      }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

/** Lines of a file too large for one string. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

/**
 * Milliseconds for a fixed loop of JavaScript arithmetic: how fast this machine runs right now. On
 * a shared 2-core machine the same import's time varied by a third within hours, so an import's
 * time is only comparable with another measured near the same reference.
 */
function referenceLoopMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 300_000_000; i++) x = (x + i * 7) % 1_000_003;
  if (x < 0) console.log(x); // keeps the loop from being optimized away
  return performance.now() - started;
}

const loadBefore = loadavg()[0]!;
const referenceBefore = referenceLoopMs();
const work = mkdtempSync(path.join(tmpdir(), 'crible-import-bench-'));
const dump = path.join(work, 'dump.ndjson');
process.stderr.write(`writing ${TOTAL.toLocaleString('en')} comments…\n`);
const bytes = await writeDump(dump, TOTAL);

const targets: Array<{ name: string; env: Record<string, string>; cleanup: () => Promise<void> }> = [];
if (args.db !== 'pg') targets.push({ name: 'SQLite', env: { CRIBLE_DATA_DIR: path.join(work, 'sqlite') }, cleanup: async () => {} });
if (args.db !== 'sqlite') {
  if (await pgAvailable()) {
    const schema = `import_bench_${process.pid}`;
    targets.push({
      name: 'PostgreSQL',
      env: { CRIBLE_DATA_DIR: path.join(work, 'pg'), DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
      async cleanup() {
        await dropPgSchema(schema);
      },
    });
  } else {
    console.log(`PostgreSQL not reachable at ${PG_URL}: skipped.`);
  }
}

const rows: string[] = [];
try {
  for (const target of targets) {
    const env = { ...target.env, CRIBLE_DEMO: '0', LOG_LEVEL: 'warn' };
    try {
      process.stderr.write(`${target.name}: importing…\n`);
      const imported = await runMeasured(env, ['import', dump, '--source', 'bench', '--json'], path.join(work, 'report.json'));
      const report = JSON.parse(readFileSync(path.join(work, 'report.json'), 'utf8')) as { inserted: number; rejected: number };
      process.stderr.write(`${target.name}: imported ${report.inserted} in ${imported.seconds.toFixed(1)} s, peak ${imported.peakMb.toFixed(0)} MB\n`);
      process.stderr.write(`${target.name}: exporting the moderation log…\n`);
      const csv = await runMeasured(env, ['export', 'log', '--format', 'csv'], path.join(work, 'log.csv'));
      const ndjson = await runMeasured(env, ['export', 'log', '--format', 'ndjson'], path.join(work, 'log.ndjson'));
      const exportedRows = await countLines(path.join(work, 'log.ndjson'));
      const rate = TOTAL / imported.seconds;
      rows.push(
        `| ${target.name} | ${report.inserted.toLocaleString('en')} | ${imported.seconds.toFixed(1)} | ${imported.cpuSeconds.toFixed(0)} | **${Math.round(rate).toLocaleString('en')}** ${rate >= TARGET_RATE ? 'PASS' : 'FAIL'} | ${imported.peakMb.toFixed(0)} ${imported.peakMb < MEMORY_BAR_MB ? 'PASS' : 'FAIL'} | ${exportedRows.toLocaleString('en')} | ${csv.seconds.toFixed(1)} / ${csv.peakMb.toFixed(0)} | ${ndjson.seconds.toFixed(1)} / ${ndjson.peakMb.toFixed(0)} |`,
      );
    } finally {
      await target.cleanup();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`# Crible import/export benchmark (node ${process.version}, ${TOTAL.toLocaleString('en')} comments, NDJSON ${(bytes / 1e6).toFixed(0)} MB)\n`);
console.log(`Bars: import ≥ ${TARGET_RATE.toLocaleString('en')} comments/s, import peak memory < ${MEMORY_BAR_MB} MB.\n`);
console.log(`Load average (1 min) on this ${cpus().length}-core machine: ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.\n`);
console.log(`Reference loop (machine speed, lower is faster): ${referenceBefore.toFixed(0)} ms before, ${referenceLoopMs().toFixed(0)} ms after.\n`);
console.log('| database | inserted | import s | import CPU s | comments/s | import peak MB | log events exported | CSV export s / peak MB | NDJSON export s / peak MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
