import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { aComment } from '../helpers/comments.js';
import { BROWSER_ADMIN, browserMissing, decisionCount, postComments, signInPage, startBrowserStage, waitUntil, type BrowserStage } from '../helpers/browser.js';

/** Comments the lexicon holds, each on an article of its own so a test can filter its own. */
function heldComments(article: string, n: number) {
  return Array.from({ length: n }, (_, i) =>
    aComment({ body: `Ferme ta gueule, espèce de connard numéro ${i}.`, article: { externalId: article, title: `Article ${article}` } }),
  );
}

async function articleIdOf(stage: BrowserStage, externalId: string): Promise<number> {
  const row = await stage.server.db('articles').where({ external_id: externalId }).first('id');
  return Number(row.id);
}

describe('the keyboard loop in a real browser', { skip: browserMissing }, () => {
  let stage: BrowserStage;

  before(async () => {
    stage = await startBrowserStage();
  });
  after(() => stage?.close());

  it('when a moderator holds a, then exactly one comment is approved and the next card comes up focused', async () => {
    await postComments(stage, heldComments('hold-a', 4));
    const article = await articleIdOf(stage, 'hold-a');
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.goto(`${stage.server.url}/queue?article=${article}`);
    const firstId = await page.locator('#cards article.comment').first().getAttribute('id');
    const before = await decisionCount(stage, 'approve');

    // A held key: one keydown, then repeats (Playwright marks further downs as repeat), for ~300 ms.
    await page.keyboard.down('a');
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(30);
      await page.keyboard.down('a');
    }
    await page.keyboard.up('a');
    await page.locator('#card-note.flash-ok', { hasText: 'Commentaire approuvé' }).waitFor();
    await page.waitForTimeout(500);
    assert.equal((await decisionCount(stage, 'approve')) - before, 1, 'one decision for a held key');
    assert.equal(await page.locator(`#${firstId}`).count(), 0, 'the decided card left the queue');
    const focused = await page.evaluate('document.activeElement?.id');
    assert.equal(focused, await page.locator('#cards article.comment').first().getAttribute('id'), 'the next card has the focus');
    assert.equal(await page.locator('#card-note + article.comment.current').count(), 1, 'the confirmation sits beside the card');
  });

  it('when a moderator presses a twice quickly, then the second press does not decide the card that just came up', async () => {
    await postComments(stage, heldComments('double-a', 3));
    const article = await articleIdOf(stage, 'double-a');
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.goto(`${stage.server.url}/queue?article=${article}`);
    const before = await decisionCount(stage, 'approve');
    await page.keyboard.press('a');
    await page.waitForTimeout(110);
    await page.keyboard.press('a');
    await page.waitForTimeout(800);
    assert.equal((await decisionCount(stage, 'approve')) - before, 1, 'a double press is one decision');
    assert.equal(await page.locator('#cards article.comment').count(), 2);
    // Once the card has been in front of the moderator a moment, a press decides it.
    await page.keyboard.press('a');
    await waitUntil(async () => (await page.locator('#cards article.comment').count()) === 1);
    assert.equal((await decisionCount(stage, 'approve')) - before, 2);
  });

  it('when the last card of a page is decided, then the next page comes in without a reload', async () => {
    await postComments(stage, heldComments('pages', 8));
    const article = await articleIdOf(stage, 'pages');
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.goto(`${stage.server.url}/queue?article=${article}&per=5`);
    await page.evaluate('window.marker = true');
    assert.equal(await page.locator('#cards article.comment').count(), 5);
    for (let i = 0; i < 5; i++) {
      const count = await page.locator('#cards article.comment').count();
      await page.waitForTimeout(450);
      await page.keyboard.press('r');
      await page.keyboard.press('1');
      await waitUntil(async () => (await page.locator('#cards article.comment').count()) !== count);
    }
    await page.locator('#card-note', { hasText: 'Page suivante chargée' }).waitFor();
    assert.equal(await page.locator('#cards article.comment').count(), 3, 'the three comments left');
    assert.equal(await page.evaluate('window.marker'), true, 'no page reload');
    assert.equal(await page.locator('#cards article.comment.current').count(), 1);
  });

  it('when a moderator rejects a selection of three and presses u, then all three come back and the message says so', async () => {
    await postComments(stage, heldComments('bulk-undo', 3));
    const article = await articleIdOf(stage, 'bulk-undo');
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.goto(`${stage.server.url}/queue?article=${article}`);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('j');
    }
    await page.click('form#bulk button.reject');
    await page.locator('#flash, #card-note', { hasText: '3 commentaires traités' }).first().waitFor();
    assert.equal(await page.locator('#cards article.comment').count(), 0);
    await page.keyboard.press('u');
    await page.locator('#card-note', { hasText: 'le rejet groupé de 3 commentaires' }).waitFor();
    assert.equal(await page.locator('#cards article.comment').count(), 3, 'the whole bulk decision is undone');
    const states = await stage.server.db('comments').where({ article_id: article }).pluck('status');
    assert.deepEqual(new Set(states), new Set(['held']));
  });

  it('when a moderator presses u after one decision, then the message names the author and where the comment is', async () => {
    const [comment] = heldComments('single-undo', 1);
    await postComments(stage, [{ ...comment, author: { externalId: 'undo-author', name: 'Camille Undo' } }]);
    const article = await articleIdOf(stage, 'single-undo');
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.goto(`${stage.server.url}/queue?article=${article}`);
    await page.keyboard.press('a');
    await page.locator('#card-note', { hasText: 'Commentaire approuvé' }).waitFor();
    await page.waitForTimeout(450);
    await page.keyboard.press('u');
    const note = page.locator('#card-note', { hasText: 'Annulé' });
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /l’approbation du commentaire de Camille Undo \(« Ferme ta gueule.* »\) ; il est de nouveau retenu\./);
    assert.equal(await page.locator('#cards article.comment.current').count(), 1);
  });

  it('when the help opens, then it lists the decision keys and the eight reasons', async () => {
    const page = await stage.browser.newPage();
    await signInPage(page, stage.server.url, BROWSER_ADMIN);
    await page.keyboard.press('?');
    const help = page.locator('#keys-help');
    await help.waitFor();
    assert.equal(await help.locator('.keys-reasons li').count(), 8);
    for (const key of ['n', 'i', 'h', 'p']) assert.equal(await help.locator('kbd', { hasText: new RegExp(`^${key}$`) }).count(), 1, key);
  });
});
