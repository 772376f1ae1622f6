import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/server.js';
import type { TestEnv } from '../helpers/test-env.js';
import { aComment } from '../helpers/comments.js';
import { BROWSER_ADMIN, browserMissing, createApiKeyPage, signInPage, startBrowserStage, type BrowserStage } from '../helpers/browser.js';

describe('the queue in a real browser', { skip: browserMissing }, () => {
  let stage: BrowserStage;
  let testEnv: TestEnv;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    stage = await startBrowserStage();
    ({ testEnv, server, browser } = stage);
  });
  after(() => stage?.close());

  it('when a moderator logs in, then the worst comment is first, highlighted, and rejecting it by keyboard logs it', async () => {
    const page = await browser.newPage();
    // An API key through the admin page, then comments through the API, as a site would.
    await signInPage(page, server.url, BROWSER_ADMIN);
    const key = await createApiKeyPage(page, server.url);

    const worst = aComment({ body: 'Ferme ta gueule, espèce de connard, on sait où tu habites.' });
    // Flagged by the lexicon, neither cleared nor raised by the model: it stays in the queue.
    const mild = aComment({ body: 'Cette réforme, quelle connerie.' });
    const civil = aComment({ body: 'Merci pour ce reportage.' });
    const res = await fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([mild, civil, worst]),
    });
    assert.equal(res.status, 201);
    const stored = (await res.json()) as { items: Array<{ id: number; externalId: string; score: number }> };
    const worstId = stored.items.find((item) => item.externalId === worst.externalId)!.id;
    assert.ok(stored.items.every((item) => item.id === worstId || item.score < stored.items.find((i) => i.id === worstId)!.score));

    await page.goto(`${server.url}/queue`);
    const first = page.locator('article.comment').first();
    assert.equal(await first.getAttribute('id'), `c${worstId}`, 'the highest score is first');
    assert.equal(await first.locator('mark.cat-insult', { hasText: 'connard' }).count(), 1, 'the insult is highlighted');
    assert.equal(await first.evaluate((el) => el.classList.contains('current')), true, 'the first card is selected');

    await page.keyboard.press('r');
    await page.keyboard.press('1');
    await page.waitForSelector('.flash-ok:has-text("Commentaire rejeté")');
    assert.notEqual(await page.locator('article.comment').first().getAttribute('id'), `c${worstId}`, 'it left the queue');

    await page.click('a.tab:has-text("Rejetés")');
    await page.waitForURL('**/queue?view=rejected');
    assert.equal(await page.locator('article.comment').first().getAttribute('id'), `c${worstId}`);

    await page.click('nav a:has-text("Journal")');
    const row = page.locator('table.log tbody tr').first();
    assert.match((await row.textContent()) ?? '', /Admin|chef/);
    assert.match((await row.textContent()) ?? '', /Rejeté/);
    assert.match((await row.textContent()) ?? '', /Insulte/);

    await page.goto(`${server.url}/queue`);
    await page.keyboard.press('?');
    assert.equal(await page.locator('#keys-help').evaluate((el) => (el as unknown as { open: boolean }).open), true, 'help overlay opens');
    await page.screenshot({ path: `${testEnv.dataDir}/queue.png` });
  });

  it('when several authors pile on one reader, then the queue alerts at the top and one click rejects them all', async () => {
    const page = await browser.newPage();
    await signInPage(page, server.url, BROWSER_ADMIN);
    const key = await createApiKeyPage(page, server.url);

    const now = Date.now();
    const target = aComment({ author: { externalId: 'victime', name: 'Awa Traoré' }, body: 'Je ne suis pas d’accord avec cet article.', createdAt: new Date(now - 3_600_000).toISOString() });
    const replies = [0, 1, 2].map((i) =>
      aComment({ parentExternalId: target.externalId, body: `Ferme ta gueule, espèce de connasse (${i}).`, createdAt: new Date(now - (2 - i) * 300_000).toISOString() }),
    );
    const res = await fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([target, ...replies]),
    });
    assert.equal(res.status, 201);

    await page.goto(`${server.url}/queue`);
    const alert = page.locator('section.pile-on', { hasText: 'Awa Traoré' });
    assert.match((await alert.locator('h2').textContent()) ?? '', /^Possible acharnement contre Awa Traoré : 3 réponses signalées de 3 auteurs en 10 min$/);
    await alert.locator('button', { hasText: 'Tout rejeter' }).click();
    // The URL is /queue before and after the post: the flash, not the URL, says the new page is there.
    await page.locator('#flash, #card-note', { hasText: '3 commentaires traités.' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('section.pile-on', { hasText: 'Awa Traoré' }).count(), 0, 'decided comments no longer alert');
    await page.goto(`${server.url}/queue?view=rejected`);
    // Highlights put labels inside the body text; the reply's context line names the target.
    assert.equal(await page.locator('article.comment', { hasText: 'En réponse à Awa Traoré' }).count(), 3);
  });

  it('when an article title is 1,000 characters without a space, then the queue stays as wide as the window', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.url, BROWSER_ADMIN);
    const key = await createApiKeyPage(page, server.url);
    const comment = aComment({ body: 'Ferme ta gueule, connard.', article: { externalId: `long-${Date.now()}`, url: 'https://journal.example/long', title: 'T'.repeat(1000) } });
    const res = await fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(comment),
    });
    assert.equal(res.status, 201);
    await page.goto(`${server.url}/queue`);
    await page.locator('article.comment p.article', { hasText: 'TTTT' }).first().waitFor();
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(width <= 1440, `the page is ${width} px wide at 1440`);
    await page.close();
  });
});
