import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';

/** The services on a test database, with the lexicon and thresholds stored there. */
function servicesFor(db: Knex) {
  return createServices({ db, config: loadConfig({ NODE_ENV: 'test' }), logger: createLogger('silent') });
}

/** The ingestion service on a test database, with the lexicon and thresholds stored there. */
export function ingestServiceFor(db: Knex) {
  return servicesFor(db).ingest;
}

/** The import service on a test database. */
export function importServiceFor(db: Knex) {
  return servicesFor(db).imports;
}

/**
 * A dump as the stream an import reads, in small chunks (7 bytes unless told) so rows straddle
 * chunk boundaries.
 */
export function streamOf(text: string | Buffer, options: { gzip?: boolean; chunkSize?: number } = {}): AsyncIterable<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const data = options.gzip ? gzipSync(bytes) : bytes;
  const chunks: Buffer[] = [];
  const size = options.chunkSize ?? 7;
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks);
}
