import type { Knex } from 'knex';
import { toDate } from '../db/dialect.js';

export type Role = 'admin' | 'moderator';

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  created_at: unknown;
  disabled_at: unknown;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    createdAt: toDate(row.created_at)!,
    disabledAt: toDate(row.disabled_at),
  };
}

export function createUsersRepo(db: Knex) {
  return {
    async count(): Promise<number> {
      const row = await db('users').count<{ n: unknown }>({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    async insert(input: { email: string; displayName: string; role: Role; passwordHash: string }): Promise<User> {
      const [row] = await db('users')
        .insert({
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: input.role,
          password_hash: input.passwordHash,
          created_at: new Date(),
        })
        .returning('*');
      return toUser(row as UserRow);
    },

    async findById(id: number): Promise<User | undefined> {
      const row = await db<UserRow>('users').where({ id }).first();
      return row ? toUser(row) : undefined;
    },

    /** The user and their hash, for login only. */
    async findCredentials(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
      const row = await db<UserRow>('users').where({ email: email.toLowerCase() }).first();
      return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
    },

    async updatePasswordHash(id: number, passwordHash: string): Promise<void> {
      await db('users').where({ id }).update({ password_hash: passwordHash });
    },

    async list(): Promise<User[]> {
      const rows = await db<UserRow>('users').orderBy('id');
      return rows.map(toUser);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
