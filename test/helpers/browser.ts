import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestEnv, type TestEnv } from './test-env.js';
import { createServices } from '../../src/services.js';
import { createLogger } from '../../src/logger.js';
import { API_SCOPES } from '../../src/domain/api-scopes.js';

/** Debian's chromium: browser tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** The reason browser tests are skipped on a machine without it, or false. */
export const browserMissing = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (apt-get install -y chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags chromium keeps calling home, refused on a closed network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs in through the login page and waits for the queue. */
export async function signInPage(page: Page, baseUrl: string, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=email]', credentials.email);
  await page.fill('input[name=password]', credentials.password);
  await Promise.all([page.waitForURL('**/queue'), page.click('button[type=submit]')]);
}

/** Creates an API key on the admin page, as an admin would, and returns it. */
export async function createApiKeyPage(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/admin`);
  await page.fill('form[action="/admin/apikeys"] input[name=name]', 'e2e');
  // The page is already at /admin: wait for the answer's flash, not for the URL (which matches at once).
  await page.click('form[action="/admin/apikeys"] button[type=submit]');
  await page.locator('#flash .flash', { hasText: 'crb_' }).waitFor({ timeout: 15_000 }).catch(async (err: unknown) => {
    throw new Error(`no key shown at ${page.url()}; the page said: ${(await page.textContent('body'))?.replace(/\s+/g, ' ').slice(0, 400)}`, { cause: err });
  });
  const key = (await page.locator('#flash').textContent())?.match(/crb_\S+/)?.[0];
  if (!key) throw new Error(`no key shown; the page said: ${(await page.textContent('main'))?.slice(0, 300)}`);
  return key;
}

/** The admin every browser test's server creates on its first start. */
export const BROWSER_ADMIN = { email: 'chef@journal.example', password: 'mot-de-passe-du-chef' };

export interface BrowserStage {
  testEnv: TestEnv;
  server: RunningServer;
  browser: Browser;
  /** Closes the browser, stops the server, removes its data. */
  close(): Promise<void>;
}

/** The real server (`crible serve` in-process, empty database, {@link BROWSER_ADMIN}) and a browser. */
export async function startBrowserStage(): Promise<BrowserStage> {
  const testEnv = createTestEnv({ PORT: '0', HOST: '127.0.0.1', CRIBLE_ADMIN_EMAIL: BROWSER_ADMIN.email, CRIBLE_ADMIN_PASSWORD: BROWSER_ADMIN.password });
  const server = await startServer(loadConfig(testEnv.env), () => {});
  const browser = await launchChromium();
  return {
    testEnv,
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      await testEnv.cleanup();
    },
  };
}

/** Sends comments through the API with a fresh key, as a site would; returns their ids in order. */
export async function postComments(stage: BrowserStage, comments: ReadonlyArray<Record<string, unknown>>): Promise<number[]> {
  const services = createServices({ db: stage.server.db, config: loadConfig(stage.testEnv.env), logger: createLogger('silent') });
  const { key } = await services.accounts.createApiKey(`e2e-${Date.now()}`, API_SCOPES, null);
  const ids: number[] = [];
  for (let start = 0; start < comments.length; start += 500) {
    const res = await fetch(`${stage.server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(comments.slice(start, start + 500)),
    });
    if (res.status !== 201) throw new Error(`the API answered ${res.status}: ${await res.text()}`);
    ids.push(...((await res.json()) as { items: Array<{ id: number }> }).items.map((item) => item.id));
  }
  return ids;
}

/** Moderators' decisions in the log, by action (approve, reject, undo). */
export async function decisionCount(stage: BrowserStage, action: string): Promise<number> {
  const [row] = await stage.server.db('moderation_events').where({ action, actor_type: 'user' }).count({ n: '*' });
  return Number(row?.n ?? 0);
}

/**
 * Polls a condition from the test side: the pages' CSP forbids the string evaluation that
 * page.waitForFunction would need.
 */
export async function waitUntil(condition: () => Promise<boolean>, { timeoutMs = 10_000, what = 'the condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
