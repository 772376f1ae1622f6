import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';
import { importServiceFor, streamOf } from '../helpers/import-app.js';
import { applySearch, searchRestriction, type SearchRestriction } from '../../src/repositories/comment-search.js';
import { createDeferredIndexesRepo } from '../../src/repositories/deferred-indexes.repo.js';
import { selectComments } from '../../src/repositories/comments.repo.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** A word no other test uses: letters only, so every tokenizer keeps it whole. */
const uniqueWord = () => `mot${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/** The comment ids a queue page shows, in order. */
const idsOnPage = (html: string) => [...html.matchAll(/id="c(\d+)"/g)].map((m) => Number(m[1]));

describe('full-text search in the queue and the API', () => {
  let t: TestApp;
  let key: string;
  let moderator: Agent;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    moderator = await signIn(t.app, await t.addUser('moderator'));
  });
  after(() => t.close());

  async function ingest(overrides: Record<string, unknown> = {}) {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment(overrides)).expect(201);
    return res.body as { id: number; status: string; score: number };
  }

  async function search(q: string, extra = 'view=all') {
    return idsOnPage((await moderator.get(`/queue?${extra}&q=${encodeURIComponent(q)}`).expect(200)).text);
  }

  it('when searching élu, then Élu, ELU and Elu are found, but not élus or réélu; élu* finds élus too', async () => {
    const tag = uniqueWord();
    const found = await Promise.all(['Le maire est Élu', 'ELU dès le premier tour', 'Elu sans surprise', 'un élu local'].map((body) => ingest({ body: `${body} ${tag}` })));
    const plural = await ingest({ body: `Les élus votent ${tag}` });
    const again = await ingest({ body: `Il est réélu ${tag}` });
    assert.deepEqual((await search(`élu ${tag}`)).sort(), found.map((c) => c.id).sort());
    assert.deepEqual((await search(`ELU ${tag}`)).sort(), found.map((c) => c.id).sort());
    assert.deepEqual((await search(`élu* ${tag}`)).sort(), [...found, plural].map((c) => c.id).sort());
    assert.ok(!(await search(`élu* ${tag}`)).includes(again.id), 'a prefix is the start of a word');
  });

  it('when searching several words, then each must be in the body, the author name or the article title', async () => {
    const [a, b, c] = [uniqueWord(), uniqueWord(), uniqueWord()];
    const bodyOnly = await ingest({ body: `${a} et ${b}` });
    const withTitle = await ingest({ body: `Seulement ${a}`, article: { externalId: `art-${c}`, title: `Reportage ${b}` } });
    const withAuthor = await ingest({ body: `Seulement ${a}`, author: { externalId: `au-${c}`, name: `Jean ${b.toUpperCase()}` } });
    await ingest({ body: `Seulement ${a}` });
    assert.deepEqual((await search(`${a} ${b}`)).sort(), [bodyOnly.id, withTitle.id, withAuthor.id].sort());
    assert.deepEqual(await search(`${a} ${b} ${c}`), [], 'a word found nowhere');
  });

  it('when searching a quoted phrase, then only those words in that order match; œ and oe are the same letter', async () => {
    const tag = uniqueWord();
    const phrase = await ingest({ body: `Ferme ta gueule ${tag}` });
    const apart = await ingest({ body: `Ta mère, quelle gueule ${tag}` });
    const oeuvre = await ingest({ body: `Une belle Œuvre ${tag}` });
    assert.deepEqual(await search(`"ta gueule" ${tag}`), [phrase.id]);
    assert.deepEqual((await search(`ta gueule ${tag}`)).sort(), [phrase.id, apart.id].sort());
    assert.deepEqual(await search(`oeuvre ${tag}`), [oeuvre.id]);
    assert.deepEqual(await search(`"!!" ${tag}`).then((ids) => ids.length), 3, 'a term without letters is ignored');
  });

  it('when a search is combined with a tab, a category, a sort and keyset pages, then every match shows once, in order', async () => {
    const tag = uniqueWord();
    const made: Array<{ id: number; status: string; score: number }> = [];
    for (let i = 0; i < 30; i++) {
      const insult = i % 3 === 0;
      made.push(await ingest({ body: insult ? `Espèce de connard ${tag} ${i}` : `Merci ${tag} ${i}`, createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }));
    }
    await ingest({ body: 'Espèce de connard sans le mot' });
    // Newest first, over two pages of 25.
    const first = (await moderator.get(`/queue?view=all&sort=newest&q=${tag}`).expect(200)).text;
    const next = /href="([^"]+)" rel="next"/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = idsOnPage((await moderator.get(next).expect(200)).text);
    assert.deepEqual([...idsOnPage(first), ...second], made.map((c) => c.id).reverse());
    // The insults of the tab À traiter, by score, with a category filter.
    const insults = made.filter((_, i) => i % 3 === 0);
    const todo = insults.filter((c) => c.status === 'held' || c.status === 'flagged');
    assert.ok(todo.length > 0, 'the insults wait in the queue');
    const page = await search(tag, 'view=todo&category=insult');
    assert.deepEqual(new Set(page), new Set(todo.map((c) => c.id)));
    const scores = page.map((id) => made.find((c) => c.id === id)!.score);
    assert.deepEqual(scores, [...scores].sort((x, y) => y - x));
    assert.deepEqual(await search(tag, 'view=rejected'), []);
  });

  it('when a comment is decided, an author renamed or a title filled in, then the search follows', async () => {
    const tag = uniqueWord();
    const renamed = uniqueWord();
    const title = uniqueWord();
    const comment = await ingest({ body: `Espèce de connard ${tag}`, author: { externalId: `au-${tag}`, name: 'Avant' }, article: { externalId: `art-${tag}` } });
    assert.equal(comment.status === 'held' || comment.status === 'flagged', true);
    const csrf = csrfTokenOf((await moderator.get('/queue').expect(200)).text);
    await moderator.post(`/comments/${comment.id}/decision`).type('form').send({ _csrf: csrf, action: 'reject', reason: 'insulte', version: 1 }).expect(303);
    assert.deepEqual(await search(tag, 'view=todo'), []);
    assert.deepEqual(await search(tag, 'view=rejected'), [comment.id]);
    await ingest({ body: 'Un autre', author: { externalId: `au-${tag}`, name: `Après ${renamed}` }, article: { externalId: `art-${tag}`, title: `Titre ${title}` } });
    assert.deepEqual(await search(`${tag} ${renamed}`), [comment.id]);
    assert.deepEqual(await search(`${tag} ${title}`), [comment.id]);
    assert.deepEqual(await search(`${tag} avant`), []);
  });

  it('when the API is asked with q, then it pages through the matches in the statuses asked', async () => {
    const tag = uniqueWord();
    const made: Array<{ id: number; status: string; score: number }> = [];
    for (let i = 0; i < 5; i++) made.push(await ingest({ body: `Article très juste ${tag}` }));
    await ingest({ body: 'Article très juste' });
    const api = (query: string) => request(t.app).get(`/api/v1/comments?${query}`).set('Authorization', `Bearer ${key}`).expect(200);
    const first = (await api(`q=${tag}&limit=3&status=published`)).body;
    const second = (await api(`q=${tag}&limit=3&status=published&cursor=${first.nextCursor}`)).body;
    assert.deepEqual([...first.items, ...second.items].map((c: { id: number }) => c.id), made.map((c) => c.id));
    assert.equal(second.nextCursor, null);
    assert.deepEqual((await api(`q=${tag}&status=held`)).body.items, []);
  });

  it('when a word is in more comments than the id list takes, then the row-by-row condition finds the same page', async () => {
    const tag = uniqueWord();
    const made: Array<{ id: number; status: string; score: number }> = [];
    for (let i = 0; i < 6; i++) made.push(await ingest({ body: `Merci ${tag} ${i}` }));
    const byIds = await searchRestriction(t.db, tag, ['published']);
    const byCondition = await searchRestriction(t.db, tag, ['published'], 2);
    assert.equal(byIds?.kind, 'ids');
    assert.equal(byCondition?.kind, 'condition');
    const page = async (restriction: SearchRestriction | null) => {
      const query = selectComments(t.db).where('comments.status', 'published').orderBy('comments.id', 'desc').limit(4);
      assert.equal(applySearch(t.db, query, restriction), true);
      return (await query).map((row: { id: unknown }) => Number(row.id));
    };
    assert.deepEqual(await page(byCondition), made.map((c) => c.id).reverse().slice(0, 4));
    assert.deepEqual(await page(byIds), await page(byCondition));
    assert.deepEqual(await searchRestriction(t.db, `${tag} ${uniqueWord()}`, null), { kind: 'none' });
    assert.equal(await searchRestriction(t.db, ' "" * ', null), null, 'no word: no search');
  });
});

describe('full-text search after a first bulk import', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('when a first import deferred the full-text index, then it is built at the end and finds the imported comments', async () => {
    const tag = uniqueWord();
    const dump = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ id: `d-${i}`, story_id: `s${i % 3}`, author_id: `u${i % 5}`, body: i % 4 ? `Très bon reportage ${tag}.` : 'Espèce de connard.' }),
    ).join('\n');
    const result = await importServiceFor(t.db).run(streamOf(dump), { format: 'ndjson', source: 'dump' });
    assert.equal(result.inserted, 40);
    assert.deepEqual(await createDeferredIndexesRepo(t.db).pending(), []);
    const restriction = await searchRestriction(t.db, `Reportage ${tag}`, null);
    const query = selectComments(t.db);
    applySearch(t.db, query, restriction);
    assert.equal((await query).length, 30);
  });
});
