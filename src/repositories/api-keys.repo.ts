import type { Knex } from 'knex';
import { toDate } from '../db/dialect.js';
import { isApiScope, type ApiScope } from '../domain/api-scopes.js';

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string;
  created_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(' ').filter(isApiScope),
    createdAt: toDate(row.created_at)!,
    lastUsedAt: toDate(row.last_used_at),
    revokedAt: toDate(row.revoked_at),
  };
}

export function createApiKeysRepo(db: Knex) {
  return {
    async insert(input: { name: string; prefix: string; keyHash: string; scopes: readonly ApiScope[]; createdBy: number | null }): Promise<ApiKey> {
      const [row] = await db('api_keys')
        .insert({
          name: input.name,
          prefix: input.prefix,
          key_hash: input.keyHash,
          scopes: input.scopes.join(' '),
          created_by: input.createdBy,
          created_at: new Date(),
        })
        .returning('*');
      return toApiKey(row as ApiKeyRow);
    },

    /** An active (not revoked) key by its hash. */
    async findActiveByHash(keyHash: string): Promise<ApiKey | undefined> {
      const row = await db<ApiKeyRow>('api_keys').where({ key_hash: keyHash }).whereNull('revoked_at').first();
      return row ? toApiKey(row) : undefined;
    },

    async touch(id: number): Promise<void> {
      await db('api_keys').where({ id }).update({ last_used_at: new Date() });
    },

    async revoke(id: number): Promise<void> {
      await db('api_keys').where({ id }).update({ revoked_at: new Date() });
    },

    async list(): Promise<ApiKey[]> {
      return (await db<ApiKeyRow>('api_keys').orderBy('id')).map(toApiKey);
    },
  };
}

export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
