/** A one-line progress display on a terminal: rows, rows/s, and percent + ETA when the size is known. */
export function createProgressLine(stream: NodeJS.WriteStream, totalBytes: number | undefined) {
  const started = Date.now();
  let last = 0;
  return {
    update(rows: number, bytesRead: number, force = false): void {
      const now = Date.now();
      if (!stream.isTTY || (!force && now - last < 200)) return;
      last = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = rows / seconds;
      let text = `  ${rows.toLocaleString('fr-FR')} lignes · ${Math.round(rate).toLocaleString('fr-FR')} lignes/s`;
      if (totalBytes && bytesRead > 0) {
        const fraction = Math.min(bytesRead / totalBytes, 1);
        const eta = fraction > 0 ? seconds * (1 / fraction - 1) : 0;
        const width = 24;
        const filled = Math.round(fraction * width);
        text = `  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}%${text} · reste ${formatDuration(eta)}`;
      }
      stream.write(`\r${text}\x1b[K`);
    },
    done(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
