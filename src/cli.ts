import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from './db/connection.js';
import { migrateLatest, openMigratedDatabase } from './db/migrate.js';
import { API_SCOPES, parseApiScopes } from './domain/api-scopes.js';
import { AccountError } from './services/accounts.service.js';
import { registerScoreCommand } from './cli/score.command.js';
import { registerImportCommand, registerImportRejectsCommand } from './cli/import.command.js';
import { registerExportCommand } from './cli/export.command.js';
import type { ImportService } from './services/import/import.service.js';
import { registerRescoreCommand } from './cli/rescore.command.js';
import { createServices, type Services } from './services.js';
import type { Knex } from 'knex';

/** An expected error becomes one line on stderr; anything else its stack. Exit code 1 either way. */
function reportError(err: unknown): void {
  const expected = err instanceof ConfigError || err instanceof AccountError || err instanceof InvalidArgumentError;
  const text = expected || !(err instanceof Error) ? String((err as Error).message ?? err) : (err.stack ?? err.message);
  process.stderr.write(`crible: ${text}\n`);
  process.exitCode = 1;
}

/** Runs a command's body, reporting its errors. */
function run(action: () => Promise<void>): Promise<void> {
  return action().catch(reportError);
}

/** Opens the configured database, migrated, and its services, for a one-shot command. */
async function withServices<T>(body: (services: Services, db: Knex) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // A one-shot command prints its own output: the log says only what went wrong, unless asked.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openMigratedDatabase(config.database, logger);
  try {
    return await body(createServices({ db, config, logger }), db);
  } finally {
    await db.destroy();
  }
}

const withDatabase = <T>(body: (db: Knex) => Promise<T>) => withServices((_services, db) => body(db));
const withImport = <T>(body: (imports: ImportService) => Promise<T>) => withServices((services) => body(services.imports));

export function buildCli(): Command {
  const program = new Command('crible')
    .description('Crible: comment moderation and toxicity triage for French-language news sites')
    .showHelpAfterError();

  program
    .command('serve')
    .description('apply migrations, create the first admin and demo data if the database is empty, and serve HTTP')
    .action(() =>
      run(async () => {
        // Loaded here: the other commands (a bulk import above all) do without the web stack's memory.
        const { startServer } = await import('./server.js');
        const server = await startServer(loadConfig());
        console.log(`Crible is running at ${server.url}`);
        const shutdown = () => {
          server.stop().then(() => process.exit(0), () => process.exit(1));
        };
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      }),
    );

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(() =>
      run(async () => {
        const config = loadConfig();
        const db = await openDatabase(config.database);
        try {
          const applied = await migrateLatest(db);
          for (const name of applied) console.log(`applied ${name}`);
          console.log(`database is up to date (${config.database.client})`);
        } finally {
          await db.destroy();
        }
      }),
    );

  const user = program.command('user').description('manage moderators and admins');
  user
    .command('add')
    .description('create a user; without --password one is generated and printed once')
    .requiredOption('--email <email>', "the user's e-mail address (their login)")
    .addOption(new Option('--role <role>', 'what the user may do').choices(['admin', 'moderator']).makeOptionMandatory())
    .option('--password <password>', 'at least 10 characters (generated when absent)')
    .option('--name <name>', 'the name shown in the interface and the log')
    .action((opts: { email: string; role: 'admin' | 'moderator'; password?: string; name?: string }) =>
      run(async () => {
        const created = await withServices(({ accounts }) =>
          accounts.addUser({ email: opts.email, role: opts.role, password: opts.password, displayName: opts.name }),
        );
        console.log(`created ${created.user.role} ${created.user.email}`);
        if (created.generated) console.log(`password: ${created.password}   (shown once)`);
      }),
    );

  const apikey = program.command('apikey').description('manage the API keys your site uses to send comments');
  apikey
    .command('create')
    .description('create an API key and print it once')
    .requiredOption('--name <name>', 'what the key is for, e.g. "cms-production"')
    .requiredOption('--scopes <scopes>', `what it may do, comma-separated among ${API_SCOPES.join(', ')} (a CMS: ingest,read)`)
    .action((opts: { name: string; scopes: string }) =>
      run(async () => {
        const scopes = (() => {
          try {
            return parseApiScopes(opts.scopes);
          } catch (err) {
            throw new AccountError((err as Error).message);
          }
        })();
        const { apiKey, key } = await withServices(({ accounts }) => accounts.createApiKey(opts.name, scopes, null));
        console.log(`API key "${apiKey.name}" (${apiKey.scopes.join(', ')}) created. Keep it now, it is not shown again:\n${key}`);
      }),
    );
  apikey
    .command('list')
    .description('list the API keys: id, prefix, name, scopes, last use, revoked')
    .action(() =>
      run(async () => {
        const keys = await withServices(({ repos }) => repos.apiKeys.list());
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`;
          console.log(`${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(',')}\t${state}`);
        }
      }),
    );
  apikey
    .command('revoke')
    .description('revoke an API key by its id (see apikey list)')
    .argument('<id>', 'the key id')
    .action((id: string) =>
      run(async () => {
        if (!/^\d+$/.test(id)) throw new AccountError(`not a key id: ${id}`);
        await withServices(({ repos }) => repos.apiKeys.revoke(Number(id)));
        console.log(`API key ${id} revoked`);
      }),
    );

  registerScoreCommand(program);
  registerImportCommand(program, withImport);
  registerImportRejectsCommand(program, (body) => withServices((services) => body(services.repos.importJobs)));
  registerExportCommand(program, withDatabase);
  registerRescoreCommand(program, (body) => withServices((services, db) => body(services.rescore, db)));
  return program;
}

await buildCli().parseAsync(process.argv).catch(reportError);
