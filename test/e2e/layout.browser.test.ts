import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { aComment } from '../helpers/comments.js';
import { BROWSER_ADMIN, browserMissing, postComments, signInPage, startBrowserStage, type BrowserStage } from '../helpers/browser.js';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page (WCAG 2.1 A and AA rules) and returns its serious and critical findings. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeScript });
  const violations = (await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> }; document: unknown };
    const result = await g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('\n');

async function pageWidth(page: Page): Promise<number> {
  return Number(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth));
}

describe('layout and accessibility in a real browser', { skip: browserMissing }, () => {
  let stage: BrowserStage;
  let authorId: number;

  before(async () => {
    stage = await startBrowserStage();
    const replyTo = aComment({ body: 'Je trouve cet article très juste.', author: { externalId: 'layout-target', name: 'Awa Traoré' } });
    await postComments(stage, [
      replyTo,
      aComment({ body: 'Ferme ta gueule, espèce de connard, on sait où tu habites.', parentExternalId: replyTo.externalId, author: { externalId: 'layout-author', name: 'Jean-Baptiste Dupont-Lefebvre' } }),
      aComment({ body: 'Cette réforme, quelle connerie.' }),
      aComment({ body: 'Quel article de merde, vraiment, « connard » est le mot.' }),
    ]);
    authorId = Number((await stage.server.db('authors').where({ external_id: 'layout-author' }).first('id')).id);
  });
  after(() => stage?.close());

  async function signedIn(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light') {
    // axe-core is injected as a script of its own: the pages' CSP (scripts from the server only) would refuse it.
    const context = await stage.browser.newContext({ viewport, colorScheme, bypassCSP: true });
    const page = await context.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    return page;
  }

  it('when the queue is shown at 390 px, then every action of a card is on screen without horizontal scroll', async () => {
    const page = await signedIn({ width: 390, height: 844 });
    await page.goto(`${stage.server.url}/queue`);
    assert.ok((await pageWidth(page)) <= 390, `the page is ${await pageWidth(page)} px wide at 390`);
    const card = page.locator('#cards article.comment').first();
    for (const selector of ['button.approve', 'button.reject', 'select[name=reason]', 'input[name=note]', 'a.history', 'a.author']) {
      const box = await card.locator(selector).first().boundingBox();
      assert.ok(box, `${selector} is shown`);
      assert.ok(box.x >= 0 && box.x + box.width <= 390, `${selector} spans ${box.x}–${box.x + box.width} px`);
    }
    const logout = await page.locator('header.topbar button', { hasText: 'Se déconnecter' }).boundingBox();
    assert.ok(logout && logout.x + logout.width <= 390, 'the logout button is on screen');
    mkdirSync(path.join(stage.testEnv.dataDir, 'img'), { recursive: true });
    await page.screenshot({ path: path.join(stage.testEnv.dataDir, 'img', 'queue-390.png') });
    await page.context().close();
  });

  it('when the admin tables are shown at 360 px, then none is wider than the window', async () => {
    const page = await signedIn({ width: 360, height: 740 });
    for (const url of ['/queue', '/admin/imports', '/admin', '/log', '/stats', `/authors/${authorId}`]) {
      await page.goto(`${stage.server.url}${url}`);
      assert.ok((await pageWidth(page)) <= 360, `${url} is ${await pageWidth(page)} px wide at 360`);
    }
    await page.context().close();
  });

  it('when the lexicon is shown at 1440 px, then its table fits, category, severity and disable columns included', async () => {
    const page = await signedIn({ width: 1440, height: 900 });
    await page.goto(`${stage.server.url}/admin/lexicon`);
    assert.ok((await pageWidth(page)) <= 1440, `the lexicon page is ${await pageWidth(page)} px wide at 1440`);
    const lastHeader = await page.locator('#lexicon-entries thead th').last().boundingBox();
    assert.ok(lastHeader && lastHeader.x + lastHeader.width <= 1440, 'the last column is on screen');
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`when axe-core checks the queue, author, import, lexicon and statistics pages (${scheme} theme), then it finds nothing serious`, async () => {
      const page = await signedIn({ width: 1440, height: 900 }, scheme);
      for (const url of ['/queue', `/authors/${authorId}`, '/admin/imports', '/admin/lexicon', '/stats']) {
        await page.goto(`${stage.server.url}${url}`);
        const violations = await seriousViolations(page);
        assert.equal(violations.length, 0, `${url}:\n${describeViolations(violations)}`);
      }
      await page.context().close();
    });
  }

  it('when the system asks for a dark theme, then the page is dark', async () => {
    const page = await signedIn({ width: 1440, height: 900 }, 'dark');
    await page.goto(`${stage.server.url}/queue`);
    const background = await page.evaluate(() => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { body: unknown } };
      return g.getComputedStyle(g.document.body).backgroundColor;
    });
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    assert.ok((r ?? 255) + (g ?? 255) + (b ?? 255) < 150, `the background is ${background}`);
    await page.context().close();
  });

  it('when a moderator tabs to a button, then the focus is visible', async () => {
    const page = await signedIn({ width: 1440, height: 900 });
    await page.goto(`${stage.server.url}/queue`);
    await page.locator('#cards article.comment button.approve').first().focus();
    const outline = await page.evaluate(() => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string }; document: { activeElement: unknown } };
      const style = g.getComputedStyle(g.document.activeElement);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    assert.match(outline, /^(solid|auto|dashed) [2-9]/, `the focused button's outline is ${outline}`);
    await page.context().close();
  });
});
