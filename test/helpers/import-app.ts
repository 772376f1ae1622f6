import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createLexiconScorerSource } from '../../src/services/lexicon/scorer-source.js';
import { createLexiconRepo } from '../../src/repositories/lexicon.repo.js';
import { createIngestService } from '../../src/services/ingest.service.js';
import { createImportService } from '../../src/services/import/import.service.js';
import { createThresholdsService } from '../../src/services/triage.js';
import { createSettingsRepo } from '../../src/repositories/settings.repo.js';
import type { Knex } from 'knex';

/** The ingestion service on a test database, with the lexicon and thresholds stored there. */
export function ingestServiceFor(db: Knex) {
  return createIngestService({ db, scorers: createLexiconScorerSource(createLexiconRepo(db)), thresholds: createThresholdsService(createSettingsRepo(db)) });
}

/** The import service on a test database. */
export function importServiceFor(db: Knex) {
  return createImportService({ db, ingest: ingestServiceFor(db) });
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
