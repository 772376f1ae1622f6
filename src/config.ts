import path from 'node:path';
import { z } from 'zod';

/** Where the data lives: an embedded SQLite file, or a PostgreSQL server shared by several instances. */
export type DatabaseConfig =
  | { client: 'sqlite'; filename: string }
  | { client: 'pg'; connectionString: string; schema: string | undefined };

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Undefined outside production: the server generates one and keeps it in the data folder. */
  readonly sessionSecret: string | undefined;
  readonly loadDemo: boolean;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly logLevel: string;
  /**
   * Express's `trust proxy`: which peers may say, in X-Forwarded-For, who the client is. The
   * client address it yields is what the login throttle counts, so it must never be a value the
   * client chooses (hence no `true`).
   */
  readonly trustProxy: false | number | string;
  /** scrypt's cost for new password hashes (and the bar below which a hash is raised at sign-in). */
  readonly scryptCost: { N: number; r: number; p: number };
  /** A bearer token a Prometheus scraper may send to `/metrics` instead of an API key. */
  readonly metricsToken: string | undefined;
  /** `crible import` only: the cap on its worker thread's heap, in MB; 0 for no worker and no cap. */
  readonly importHeapMb: number;
  /** The IANA time zone the pages show times in (with its offset), e.g. Europe/Paris. */
  readonly timeZone: string;
}

/**
 * The import's heap cap when CRIBLE_IMPORT_HEAP_MB is unset. The cap makes V8 collect before a long
 * import's heap grows to several times what is alive; this one leaves room for the compiled
 * lexicon, a few batches in flight and their garbage.
 */
export const DEFAULT_IMPORT_HEAP_MB = 512;

/** OWASP's minimum scrypt N (with r=8, p=1); a cheaper one is allowed only outside production, for tests. */
export const OWASP_SCRYPT_N = 2 ** 17;

/** Thrown for a bad environment; the CLI prints its message alone and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  CRIBLE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CRIBLE_DEMO: booleanFlag.optional(),
  CRIBLE_ADMIN_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
  CRIBLE_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|0|off|no|[1-9]\d?|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/,
      'must be false, a hop count, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and subnets',
    )
    .optional(),
  CRIBLE_SCRYPT_N: z
    .string()
    .regex(/^\d+$/, 'must be a power of two')
    .transform(Number)
    .refine((n) => n >= 1024 && n <= 2 ** 20 && (n & (n - 1)) === 0, 'must be a power of two from 1024 to 1048576')
    .optional(),
  METRICS_TOKEN: z.string().regex(/^\S{32,}$/, 'must be at least 32 characters, without spaces').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CRIBLE_IMPORT_HEAP_MB: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of MB (0: no cap)')
    .transform(Number)
    .optional(),
  CRIBLE_TIMEZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .optional(),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads and validates the environment once. The only module that looks at process.env.
 * Empty strings count as unset, so `PORT=` in a .env file means the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  if (production && !vars.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET is required when NODE_ENV=production (32+ random characters)',
    );
  }
  if (production && vars.CRIBLE_SCRYPT_N !== undefined && vars.CRIBLE_SCRYPT_N < OWASP_SCRYPT_N) {
    throw new ConfigError(`Invalid configuration: CRIBLE_SCRYPT_N below ${OWASP_SCRYPT_N} is for tests, not production`);
  }
  const dataDir = path.resolve(vars.CRIBLE_DATA_DIR);
  return Object.freeze({
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    dataDir,
    database: parseDatabaseUrl(vars.DATABASE_URL, dataDir, vars.DATABASE_SCHEMA),
    sessionSecret: vars.SESSION_SECRET,
    loadDemo: vars.CRIBLE_DEMO ?? !production,
    adminEmail: vars.CRIBLE_ADMIN_EMAIL,
    adminPassword: vars.CRIBLE_ADMIN_PASSWORD,
    logLevel: vars.LOG_LEVEL ?? (vars.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    importHeapMb: vars.CRIBLE_IMPORT_HEAP_MB ?? DEFAULT_IMPORT_HEAP_MB,
    metricsToken: vars.METRICS_TOKEN,
    timeZone: vars.CRIBLE_TIMEZONE ?? 'Europe/Paris',
    scryptCost: Object.freeze({ N: vars.CRIBLE_SCRYPT_N ?? OWASP_SCRYPT_N, r: 8, p: 1 }),
  });
}

/** Default `loopback`: a reverse proxy on the same host is believed, a client connecting directly never is. */
function parseTrustProxy(value: string | undefined): false | number | string {
  if (value === undefined) return 'loopback';
  if (['false', '0', 'off', 'no'].includes(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.replace(/\s+/g, '');
}

function parseDatabaseUrl(url: string | undefined, dataDir: string, schema: string | undefined): DatabaseConfig {
  if (url === undefined) {
    return { client: 'sqlite', filename: path.join(dataDir, 'crible.sqlite') };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '') throw new ConfigError('Invalid configuration: DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/crible.sqlite');
    return { client: 'sqlite', filename: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('Invalid configuration: DATABASE_URL is not a valid postgres:// URL');
    }
    return { client: 'pg', connectionString: url, schema };
  }
  throw new ConfigError(
    'Invalid configuration: DATABASE_URL must start with sqlite: or postgres:// (unset means ./data/crible.sqlite)',
  );
}
