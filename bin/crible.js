#!/usr/bin/env node
// The `crible` command. `npm install` builds dist/ (the prepare script); this only starts it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('crible: the build is missing; run `npm run build` (npm install does it) and try again.');
  process.exit(1);
}

// `crible import` runs in a worker thread of this same process, its JavaScript heap capped
// (CRIBLE_IMPORT_HEAP_MB, 0 for no cap). Left alone, V8 lets the heap of a long bulk import grow
// to several times what is alive (garbage is collected late when there is room); the cap makes
// it collect sooner, so a long import's memory stays flat.
const heapMb = process.argv[2] === 'import' ? await importHeapMb() : 0;
if (process.argv[2] === 'import' && heapMb > 0) {
  const { Worker, SHARE_ENV } = await import('node:worker_threads');
  // Between two full collections the heap may double (V8 otherwise picks a smaller factor for
  // this import): each full collection marks the whole live heap, so fewer of them cost less CPU,
  // for a somewhat higher peak. Set before the worker's heap exists; the flag is process-wide,
  // and this process only waits on the worker.
  const v8 = await import('node:v8');
  v8.setFlagsFromString('--heap-growing-percent=100');
  const readsStdin = process.argv.slice(3).includes('-');
  const worker = new Worker(entry, {
    argv: process.argv.slice(2),
    env: SHARE_ENV,
    stdin: readsStdin,
    workerData: { stderrIsTTY: Boolean(process.stderr.isTTY) },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  if (readsStdin) process.stdin.pipe(worker.stdin);
  worker.on('error', (err) => {
    const text =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `the import needed more than its ${heapMb} MB of memory; run it again with CRIBLE_IMPORT_HEAP_MB=${heapMb * 2} (what was stored is kept)`
        : (err.stack ?? String(err));
    process.stderr.write(`crible: ${text}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    if (code !== 0) process.exitCode = code;
  });
} else {
  await import(entry.href);
}

/** The heap cap from the configuration (src/config.ts reads the environment, nothing else does). */
async function importHeapMb() {
  const { loadConfig, ConfigError } = await import(new URL('../dist/src/config.js', import.meta.url).href);
  try {
    return loadConfig().importHeapMb;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`crible: ${err.message}`);
    process.exit(1);
  }
}
