import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('the lexicon pages', () => {
  let t: TestApp;
  let key: string;
  let admin: Agent;
  let token: string;

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    admin = await signIn(t.app, await t.addUser('admin'));
    token = csrfTokenOf((await admin.get('/admin/lexicon').expect(200)).text);
  });
  after(() => t.close());

  async function ingest(body: string) {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment({ body })).expect(201);
    return res.body as { id: number; status: string };
  }

  async function waitForRescoring(jobPath: string) {
    for (let i = 0; i < 200; i++) {
      const page = await admin.get(jobPath).expect(200);
      if (!page.text.includes('data-status="running"')) return page;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('rescoring did not finish');
  }

  it('when a moderator opens the lexicon, then it is refused; signed out, the login page comes first', async () => {
    const moderator = await signIn(t.app, await t.addUser('moderator'));
    await moderator.get('/admin/lexicon').expect(403);
    const res = await request(t.app).get('/admin/lexicon').expect(303);
    assert.match(res.headers.location ?? '', /^\/login/);
  });

  it('when an admin searches by term, category and origin, then only those entries are listed', async () => {
    const page = (await admin.get('/admin/lexicon?q=connard&category=insult&origin=builtin').expect(200)).text;
    assert.match(page, /<code>connard\(e\)\(s\)<\/code>/);
    assert.doesNotMatch(page, /<code>[^<]*pute[^<]*<\/code>/);
    const none = (await admin.get('/admin/lexicon?q=connard&origin=local').expect(200)).text;
    assert.match(none, /0 entrée\b/);
  });

  it('when an admin previews a new term, then the dry run shows the comments that would change, escaped; saving applies it and shows the rescoring', async () => {
    const waiting = await ingest('Tu es un <b>gloubiboulga</b> <script>alert(1)</script>');
    assert.equal(waiting.status, 'published');
    const form = { _csrf: token, op: 'add', kind: 'term', words: 'Gloubiboulga', forms: 'plural', variants: '', category: 'insult', severity: '3' };
    const preview = await admin.post('/admin/lexicon/preview').type('form').send(form).expect(200);
    assert.match(preview.text, /data-group="published" data-changed="1"/);
    assert.ok(!preview.text.includes('<script>alert(1)</script>'), 'a comment never reaches the page as markup');
    assert.ok(preview.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(preview.text, /exactement ce que l&#39;enregistrement changera/);

    const saved = await admin.post('/admin/lexicon/save').type('form').send(form).expect(303);
    assert.match(saved.headers.location ?? '', /^\/admin\/rescore\/\d+$/);
    const job = await waitForRescoring(saved.headers.location!);
    assert.match(job.text, /data-status="done"/);
    assert.match(job.text, /<strong>1<\/strong> changement de statut/);

    const fresh = await ingest('Encore un gloubiboulga, tu es un gloubiboulga.');
    assert.equal(fresh.status, 'held');
    const lexiconPage = (await admin.get('/admin/lexicon?origin=local').expect(200)).text;
    assert.match(lexiconPage, /<code>gloubiboulga<\/code>/);
    assert.match(lexiconPage, /id="lexicon-history"[\s\S]*Ajout[\s\S]*« gloubiboulga »/);
  });

  it('when a rescoring page is asked for with a nonsense or unknown id, then 404', async () => {
    await admin.get('/admin/rescore/abc').expect(404);
    await admin.get('/admin/rescore/99999999').expect(404);
    await admin.get('/admin/rescore/1e400').expect(404);
  });

  it('when an entry would match everything, then the page says why with status 422 and nothing is saved', async () => {
    const res = await admin.post('/admin/lexicon/save').type('form').send({ _csrf: token, op: 'add', kind: 'term', words: 'de la', forms: 'exact', category: 'insult', severity: '1' }).expect(422);
    assert.match(res.text, /mots courants/);
    const noCsrf = await admin.post('/admin/lexicon/save').type('form').send({ op: 'add', kind: 'term', words: 'truc', category: 'insult', severity: '1' });
    assert.equal(noCsrf.status, 403);
  });

  it('when the local lexicon is downloaded and a CSV uploaded, then the upload is previewed, then imported on confirmation', async () => {
    const csv = await admin.get('/admin/lexicon/export.csv').expect(200).expect('content-type', /text\/csv/);
    assert.match(csv.text, /^kind,words,forms,variants,category,severity,needs_target\n/);
    assert.match(csv.text, /term,gloubiboulga,plural,,insult,3,non/);

    const upload = 'kind;words;forms;variants;category;severity;needs_target\nterm;schmilblick;exact;;profanity;1;non\n';
    const preview = await admin.post('/admin/lexicon/import').field('_csrf', token).attach('file', Buffer.from(upload), 'lexique.csv').expect(200);
    assert.match(preview.text, /« <strong>schmilblick<\/strong> »/);
    const hidden = /name="csv" value="([^"]*)"/.exec(preview.text);
    assert.ok(hidden, 'the file travels with the confirmation');
    await admin.post('/admin/lexicon/save').type('form').send({ _csrf: token, op: 'import', csv: upload }).expect(303);
    assert.match((await admin.get('/admin/lexicon?origin=local').expect(200)).text, /<code>schmilblick<\/code>/);

    const bad = await admin.post('/admin/lexicon/import').field('_csrf', token).attach('file', Buffer.from('kind,words\nterm,x\n'), 'bad.csv').expect(422);
    assert.match(bad.text, /Colonnes manquantes/);
    await admin.post('/admin/lexicon/import').attach('file', Buffer.from(upload), 'x.csv').expect(403);
    const notUtf8 = await admin.post('/admin/lexicon/import').field('_csrf', token).attach('file', Buffer.from([0x6b, 0xff, 0xfe, 0x0a]), 'latin.csv').expect(422);
    assert.match(notUtf8.text, /UTF-8/);
  });

  it('when a built-in term is disabled from the list, then the dry run comes first and the list marks it disabled after saving', async () => {
    const preview = await admin.post('/admin/lexicon/preview').type('form').send({ _csrf: token, op: 'add', kind: 'disable', words: 'crétin(e)(s)' }).expect(200);
    assert.match(preview.text, /désactivation « <strong>crétin\(e\)\(s\)<\/strong> »/);
    await admin.post('/admin/lexicon/save').type('form').send({ _csrf: token, op: 'add', kind: 'disable', words: 'crétin(e)(s)' }).expect(303);
    const list = (await admin.get('/admin/lexicon?origin=disabled').expect(200)).text;
    assert.match(list, /<tr class="revoked">\s*<td><code>crétin\(e\)\(s\)<\/code>/);
    assert.match(list, /Réactiver…/);
  });
});
