import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createTestApp, csrfTokenOf, signIn, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';

const NUL = '\u0000';
const LONE = '\uD83D'; // the first half of an emoji's pair, alone

/** Where a site's comment may carry text, and the comment with a bad character put there. */
const FIELDS: Array<[string, (bad: string) => Record<string, unknown>]> = [
  ['body', (bad) => aComment({ body: `Bonjour${bad} tout le monde` })],
  ['externalId', (bad) => aComment({ externalId: `c-${bad}-1` })],
  ['author.name', (bad) => aComment({ author: { externalId: 'u-bad', name: `Jean${bad}` } })],
  ['author.externalId', (bad) => aComment({ author: { externalId: `u${bad}`, name: 'Jean' } })],
  ['article.externalId', (bad) => aComment({ article: { externalId: `a${bad}`, title: 'T' } })],
  ['article.title', (bad) => aComment({ article: { externalId: 'a-1', title: `Titre${bad}` } })],
  ['parentExternalId', (bad) => aComment({ parentExternalId: `p${bad}` })],
];

describe('text PostgreSQL cannot store, at every door (same answer on both databases)', () => {
  let t: TestApp;
  let key: string;
  const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  for (const [field, build] of FIELDS) {
    for (const [name, bad] of [['U+0000', NUL], ['a lone surrogate', LONE]] as const) {
      it(`when a comment's ${field} holds ${name}, then 400 invalid_text names the field and nothing is stored`, async () => {
        const before = await count('comments');
        const res = await request(t.app)
          .post('/api/v1/comments')
          .set('Authorization', `Bearer ${key}`)
          .send([aComment(), build(bad)])
          .expect(400);
        assert.equal(res.body.error.code, 'invalid_text');
        const problem = res.body.error.details.find((d: { code?: string }) => d.code === 'invalid_text');
        assert.deepEqual({ index: problem.index, field: problem.field }, { index: 1, field });
        assert.match(problem.problem, name === 'U+0000' ? /U\+0000/ : /lone surrogate U\+D83D/);
        assert.equal(await count('comments'), before);
      });
    }
  }

  it('when a whole emoji (a surrogate pair) is sent, then it is stored as sent', async () => {
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment({ body: 'Bravo 👏🏽 !' })).expect(201);
    const [row] = await t.db('comments').where({ id: res.body.id }).select('body');
    assert.equal(row.body, 'Bravo 👏🏽 !');
  });

  it('when an import holds such rows, then each is a row error with its line and every other row is stored', async () => {
    const rows = [
      aComment({ externalId: 'imp-1' }),
      aComment({ externalId: 'imp-2', body: `nul${NUL}` }),
      aComment({ externalId: 'imp-3' }),
      aComment({ externalId: 'imp-4', author: { externalId: 'u-4', name: `x${LONE}` } }),
      aComment({ externalId: 'imp-5' }),
    ].map((row) => ({ ...row, source: 'unstorable-import' }));
    const res = await request(t.app)
      .post('/api/v1/imports?format=ndjson')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(rows.map((row) => JSON.stringify(row)).join('\n'))
      .expect(201);
    assert.deepEqual([res.body.inserted, res.body.rejected], [3, 2]);
    const stored = await t.db('comments').where({ source: 'unstorable-import' }).orderBy('external_id').pluck('external_id');
    assert.deepEqual(stored, ['imp-1', 'imp-3', 'imp-5']);
    const rejects = await t.db('import_rejects').where({ job_id: res.body.jobId }).orderBy('line_number');
    assert.deepEqual(rejects.map((r) => Number(r.line_number)), [2, 4]);
    assert.match(rejects[0].reason, /^body: .*U\+0000/);
    assert.match(rejects[1].reason, /^author\.name: .*lone surrogate/);
  });

  it('when a CSV import holds a NUL byte in a cell, then that row is a row error and the rest is stored', async () => {
    const csv = `id,article_id,author_id,author_name,body\ncsv-1,a,u1,Ana,Bonjour\ncsv-2,a,u2,Bob,mal${NUL}form\ncsv-3,a,u3,Cléo,Salut\n`;
    const res = await request(t.app)
      .post('/api/v1/imports?format=csv&source=unstorable-csv')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    assert.deepEqual([res.body.inserted, res.body.rejected], [2, 1]);
    const [reject] = await t.db('import_rejects').where({ job_id: res.body.jobId });
    assert.equal(Number(reject.line_number), 3);
    assert.match(reject.reason, /U\+0000/);
  });

  it('when a lexicon CSV holds U+0000, then the upload is refused with its line and nothing is added', async () => {
    const admin = await signIn(t.app, await t.addUser('admin'));
    const token = csrfTokenOf((await admin.get('/admin/lexicon').expect(200)).text);
    const before = await count('lexicon_local');
    for (const words of [`schmil${NUL}blick`, `schmilblick`]) {
      const variants = words === 'schmilblick' ? `schmilblic${NUL}` : '';
      const upload = `kind;words;forms;variants;category;severity;needs_target\nterm;gloubi;exact;;profanity;1;non\nterm;${words};exact;${variants};profanity;1;non\n`;
      const res = await admin.post('/admin/lexicon/import').field('_csrf', token).attach('file', Buffer.from(upload), 'lexique.csv').expect(422);
      assert.match(res.text, /ligne 3/);
      assert.match(res.text, /U\+0000/);
    }
    const save = await admin.post('/admin/lexicon/save').type('form').send({ _csrf: token, op: 'add', kind: 'term', words: `x${NUL}y` });
    assert.equal(save.status, 400);
    assert.equal(await count('lexicon_local'), before);
  });

  it('when a page form or query string holds U+0000, then 400 and nothing reaches the database', async () => {
    const moderator = await signIn(t.app, await t.addUser('moderator'));
    const page = await moderator.get('/queue?q=%00').expect(400);
    assert.match(page.text, /caractère invalide/);
    const token = csrfTokenOf((await moderator.get('/log').expect(200)).text);
    const { body } = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(aComment({ body: 'Ferme ta gueule, connard.' }));
    await moderator
      .post(`/comments/${body.id}/decision`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&action=reject&reason=insulte&version=${body.version}&note=a%00b`)
      .expect(400);
    const api = await request(t.app).get('/api/v1/comments?cursor=%00').set('Authorization', `Bearer ${key}`).expect(400);
    assert.equal(api.body.error.code, 'invalid_text');
    assert.equal(await count('moderation_events'), Number(await count('comments')));
  });
});
