import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { OWASP_SCRYPT_N } from '../config.js';

/** scrypt's cost: N (CPU and memory, a power of two), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1, i.e. 128 MiB and
 * about a tenth of a second per hash on one core. scrypt from Node's own crypto: memory-hard, no
 * native dependency to build.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = Object.freeze({ N: OWASP_SCRYPT_N, r: 8, p: 1 });
const KEY_LENGTH = 64;

/** Node refuses scrypt above 32 MiB unless told; leave room for the largest cost accepted. */
const maxmemOf = (cost: ScryptCost) => 256 * cost.N * cost.r + 1024 * 1024;

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: maxmemOf(cost) };
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash || !Object.values(cost).every((v) => Number.isSafeInteger(v) && v > 0)) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

/**
 * Hashes as `scrypt$N$r$p$salt$hash` (base64) at `cost`, and checks any stored cost, saying when
 * a stored hash is weaker than `cost` so the caller rehashes it while it holds the password.
 */
export function createPasswordHasher(cost: ScryptCost = DEFAULT_SCRYPT_COST) {
  return {
    cost,
    async hash(password: string): Promise<string> {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, cost);
      return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
      const parsed = parse(stored);
      if (!parsed) return { ok: false, needsRehash: false };
      const actual = await scrypt(password, parsed.salt, parsed.cost);
      const ok = actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
      const weaker = parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
      return { ok, needsRehash: ok && weaker };
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/** A password a person can type from the console once: 20 characters, no look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}
