import type { Knex } from 'knex';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { openMigratedDatabase } from '../../src/db/migrate.js';
import type { Role } from '../../src/repositories/users.repo.js';
import { createServices, type Services } from '../../src/services.js';
import { API_SCOPES, type ApiScope } from '../../src/domain/api-scopes.js';
import { createTestEnv, type TestEnv } from './test-env.js';

export interface TestApp {
  app: Express;
  db: Knex;
  testEnv: TestEnv;
  /** The services the app was built with (the same instances). */
  services: Services;
  /** Creates a user with a unique e-mail and returns its credentials. */
  addUser(role: Role): Promise<{ email: string; password: string }>;
  /** Creates an API key (default: every scope) and returns it (the bearer token). */
  addApiKey(scopes?: readonly ApiScope[]): Promise<string>;
  close(): Promise<void>;
}

let userCounter = 0;

/** The real app on a real, freshly migrated database; `env` adds or overrides variables. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testEnv = createTestEnv(env);
  const logger = createLogger('silent');
  const db = await openMigratedDatabase(testEnv.config.database, logger);
  const services = createServices({ db, config: testEnv.config, logger });
  const app = createApp({ config: testEnv.config, db, logger, services, sessionSecret: 'test-secret-test-secret-test-secret' });
  const { accounts, rescore } = services;
  return {
    app,
    db,
    testEnv,
    services,
    async addUser(role) {
      userCounter += 1;
      const email = `${role}-${process.pid}-${userCounter}@example.test`;
      const password = `password-${userCounter}-long`;
      await accounts.addUser({ email, role, password });
      return { email, password };
    },
    async addApiKey(scopes = API_SCOPES) {
      return (await accounts.createApiKey(`key-${++userCounter}`, scopes, null)).key;
    },
    async close() {
      await rescore.stop();
      await db.destroy();
      await testEnv.cleanup();
    },
  };
}

/** Extracts the CSRF token a page put in its forms. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}

/** A supertest agent (keeps cookies) signed in as the given user. */
export async function signIn(app: Express, credentials: { email: string; password: string }) {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ ...credentials, _csrf: csrfTokenOf(page.text) })
    .expect(303);
  return agent;
}
