import type { UsersRepo, Role, User } from '../repositories/users.repo.js';
import type { ApiKeysRepo, ApiKey } from '../repositories/api-keys.repo.js';
import { createPasswordHasher, generatePassword, type ScryptCost } from '../security/passwords.js';
import { generateApiKey, hashApiKey } from '../security/api-keys.js';
import type { ApiScope } from '../domain/api-scopes.js';

export class AccountError extends Error {
  override name = 'AccountError';
}

/** `passwordCost`: the configured scrypt cost (default OWASP's); hashes below it are raised at sign-in. */
export function createAccountsService(deps: { users: UsersRepo; apiKeys: ApiKeysRepo; passwordCost?: ScryptCost }) {
  const { users, apiKeys } = deps;
  const hasher = createPasswordHasher(deps.passwordCost);
  // A hash to compare against when the e-mail is unknown, so a login takes as long either way.
  let unknownUserHash: Promise<string> | undefined;

  return {
    /** Creates a moderator or admin. Without a password, one is generated and returned once. */
    async addUser(input: { email: string; role: Role; password?: string; displayName?: string }) {
      const email = input.email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AccountError(`not an e-mail address: ${input.email}`);
      if (input.password !== undefined && input.password.length < 10) {
        throw new AccountError('the password must be at least 10 characters');
      }
      if (await users.findCredentials(email)) throw new AccountError(`a user with the e-mail ${email} already exists`);
      const password = input.password ?? generatePassword();
      const user = await users.insert({
        email,
        role: input.role,
        displayName: input.displayName ?? email.split('@')[0]!,
        passwordHash: await hasher.hash(password),
      });
      return { user, password, generated: input.password === undefined };
    },

    async authenticate(email: string, password: string): Promise<User | undefined> {
      const found = await users.findCredentials(email.trim());
      const { ok, needsRehash } = await hasher.verify(password, found?.passwordHash ?? (await (unknownUserHash ??= hasher.hash(generatePassword()))));
      if (!found || !ok || found.user.disabledAt) return undefined;
      // The only moment the password is at hand: a hash made at a lower cost is raised now.
      if (needsRehash) await users.updatePasswordHash(found.user.id, await hasher.hash(password));
      return found.user;
    },

    /**
     * On the very first start (no user at all) creates the admin, from the given credentials or
     * generated ones. Returns what was created, or undefined when users already exist.
     */
    async ensureFirstAdmin(credentials: { email?: string; password?: string }) {
      if ((await users.count()) > 0) return undefined;
      return this.addUser({
        email: credentials.email ?? 'admin@crible.local',
        role: 'admin',
        password: credentials.password,
        displayName: 'Admin',
      });
    },

    /** Creates an API key; the key itself is returned here and never stored. */
    async createApiKey(name: string, scopes: readonly ApiScope[], createdBy: number | null): Promise<{ apiKey: ApiKey; key: string }> {
      if (name.trim() === '') throw new AccountError('an API key needs a name');
      if (scopes.length === 0) throw new AccountError('an API key needs at least one scope');
      const generated = generateApiKey();
      const apiKey = await apiKeys.insert({ name: name.trim(), prefix: generated.prefix, keyHash: generated.hash, scopes, createdBy });
      return { apiKey, key: generated.key };
    },

    async verifyApiKey(key: string): Promise<ApiKey | undefined> {
      const apiKey = await apiKeys.findActiveByHash(hashApiKey(key));
      // "Last used" to the minute is enough, and spares a write on every request.
      if (apiKey && (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > 60_000)) await apiKeys.touch(apiKey.id);
      return apiKey;
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
