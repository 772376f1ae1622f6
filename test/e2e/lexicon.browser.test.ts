import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/server.js';
import { aComment } from '../helpers/comments.js';
import { BROWSER_ADMIN, browserMissing, createApiKeyPage, signInPage, startBrowserStage, type BrowserStage } from '../helpers/browser.js';

describe('the lexicon in a real browser', { skip: browserMissing }, () => {
  let stage: BrowserStage;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    stage = await startBrowserStage();
    ({ server, browser } = stage);
  });
  after(() => stage?.close());

  it('when an admin adds a local term, then the dry run shows what it changes, and after saving a new comment with it is flagged', async () => {
    const page = await browser.newPage();
    await signInPage(page, server.url, BROWSER_ADMIN);
    // A key for the site, and one comment already waiting that the new word concerns.
    const key = await createApiKeyPage(page, server.url);
    const send = async (body: string) => {
      const res = await fetch(`${server.url}/api/v1/comments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(aComment({ body })),
      });
      assert.equal(res.status, 201);
      return (await res.json()) as { id: number; status: string };
    };
    const before = await send('Les bachibouzouks de ce forum recommencent.');
    assert.equal(before.status, 'published');

    await page.click('nav a:has-text("Lexique")');
    await page.waitForURL('**/admin/lexicon');
    const form = page.locator('#add-term');
    await form.locator('input[name=words]').fill('bachibouzouk');
    await form.locator('select[name=forms]').selectOption('plural');
    await form.locator('select[name=category]').selectOption('insult');
    await form.locator('select[name=severity]').selectOption('2');
    await Promise.all([page.waitForURL('**/admin/lexicon/preview'), form.locator('button[type=submit]').click()]);

    const published = page.locator('.dry-run-group[data-group="published"]');
    assert.equal(await published.getAttribute('data-changed'), '1', 'the waiting comment would change');
    assert.match((await published.textContent()) ?? '', /bachibouzouks de ce forum/);

    await Promise.all([page.waitForURL(/\/admin\/rescore\/\d+$/), page.click('#save-lexicon')]);
    // Read before the page refreshes itself (the flash shows once).
    assert.match((await page.locator('#flash').textContent()) ?? '', /Lexique enregistré \(version 1\)/);
    await page.waitForSelector('#rescore-job[data-status="done"]', { timeout: 15_000 });

    const after = await send('Encore un bachibouzouk qui commente.');
    assert.equal(after.status, 'flagged');
    await page.goto(`${server.url}/queue?view=flagged`);
    const card = page.locator(`#c${after.id}`);
    assert.equal(await card.locator('mark', { hasText: 'bachibouzouk' }).count(), 1, 'the new word is highlighted on the card');
  });
});
