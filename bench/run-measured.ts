import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

/**
 * Runs the built `crible …` as a user would, sampling its resident memory and CPU time until it
 * exits; its stdout goes to `stdoutFile` when given.
 */
export async function runMeasured(env: Record<string, string>, command: string[], stdoutFile?: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/crible.js', ...command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdoutFile ? 'pipe' : 'inherit', 'inherit'],
  });
  if (stdoutFile) child.stdout!.pipe(createWriteStream(stdoutFile));
  let peakKb = 0;
  let cpuTicks = 0;
  const sampler = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (rss) peakKb = Math.max(peakKb, Number(rss));
      // utime and stime, fields 14 and 15 of /proc/PID/stat (after the parenthesized name).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited between two samples
    }
  }, 50);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`crible ${command.join(' ')} exited with ${code}`);
  // CPU time (all threads, sampled up to 50 ms before the exit; Linux counts 100 ticks a second)
  // says what the work costs whatever else the machine is running; wall time depends on that.
  return { seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, cpuSeconds: cpuTicks / 100 };
}
