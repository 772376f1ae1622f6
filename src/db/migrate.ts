import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { openDatabase } from './connection.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// From src/db (tsx) or dist/src/db (built): the migrations folder sits beside src.
const migrationsDir = path.resolve(here, '../../migrations');
const extension = path.extname(fileURLToPath(import.meta.url));

/**
 * The migrations of this folder, named without their extension: the same database is migrated by
 * the TypeScript sources (`npm run dev`, tests) and by the build (`npm start`, `npx crible`), and
 * knex would otherwise record `x.ts` and then call the folder corrupt when it finds `x.js`.
 */
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return readdirSync(migrationsDir)
      .filter((file) => file.endsWith(extension) && !file.endsWith(`.d${extension}`))
      .sort();
  },
  getMigrationName(file) {
    return path.basename(file, extension);
  },
  async getMigration(file) {
    return (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Knex.Migration;
  },
};

function migratorConfig(db: Knex): Knex.MigratorConfig {
  const schema = (db.client.config as { searchPath?: string[] }).searchPath?.[0];
  return {
    migrationSource,
    tableName: 'knex_migrations',
    ...(schema ? { schemaName: schema } : {}),
  };
}

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig(db))) as [number, string[]];
  return applied;
}

/** Rolls back every migration (used by tests and `crible migrate --down`). */
export async function migrateDownAll(db: Knex): Promise<string[]> {
  const [, reverted] = (await db.migrate.rollback(migratorConfig(db), true)) as [number, string[]];
  return reverted;
}

/** Opens the database and brings its schema up to date (what every start does). */
export async function openMigratedDatabase(database: DatabaseConfig, logger: Logger): Promise<Knex> {
  const db = await openDatabase(database);
  const applied = await migrateLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  return db;
}
