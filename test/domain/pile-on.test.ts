import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractMentions, findPileOns, nameKey, type PendingComment } from '../../src/domain/pile-on.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
const DEFAULTS = { replies: 3, authors: 3, minutes: 60 };
const MARIE = { id: 100, name: 'Marie Curie' };

let nextId = 1;
/** A pending comment by author `authorId`, `minutes` after T0, optionally replying to `parent`. */
function pending(authorId: number, minutes: number, options: { parent?: { id: number; name: string }; body?: string } = {}): PendingComment {
  const id = nextId++;
  return {
    id,
    version: 1,
    authorId,
    authorName: `Auteur ${authorId}`,
    body: options.body ?? 'Espèce de connard.',
    createdAt: new Date(T0 + minutes * MIN),
    parentAuthor: options.parent ?? null,
  };
}

const ids = (comments: readonly PendingComment[]) => comments.map((c) => c.id);

describe('extractMentions', () => {
  const cases: Array<[string, string[]]> = [
    ['@Marie tu mens', ['Marie']],
    ['Bravo @JeanDupont.', ['JeanDupont']],
    ['@Élodie et @élodie et @Élodie', ['Élodie', 'élodie']],
    ['écris à jean@example.fr', []],
    ['@@double', []],
    ['(@jean-luc) et @paul_2-', ['jean-luc', 'paul_2']],
    ['un @ seul', []],
  ];
  for (const [body, expected] of cases) {
    it(`when the body is ${JSON.stringify(body)}, then the mentions are ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(extractMentions(body), expected);
    });
  }
});

describe('nameKey', () => {
  it('when names differ by case, accents, spaces or hyphens, then their keys are equal', () => {
    assert.equal(nameKey('Jean-Noël Dupont'), 'jeannoeldupont');
    assert.equal(nameKey('@JEANNOELDUPONT'), nameKey('Jean Noël Dupont'));
    assert.equal(nameKey('!!!'), '');
  });
});

describe('findPileOns thresholds', () => {
  it('when exactly `replies` comments from `authors` distinct authors reply to one person, then one alert', () => {
    const rows = [pending(1, 0, { parent: MARIE }), pending(2, 10, { parent: MARIE }), pending(3, 20, { parent: MARIE })];
    const alerts = findPileOns(rows, DEFAULTS);
    assert.equal(alerts.length, 1);
    assert.deepEqual(alerts[0]!.target, { key: 'author:100', name: 'Marie Curie', authorId: 100 });
    assert.deepEqual(ids(alerts[0]!.comments), ids(rows));
    assert.equal(alerts[0]!.distinctAuthors, 3);
    assert.equal(alerts[0]!.minutes, 20);
  });

  it('when one reply fewer than the threshold, then no alert', () => {
    assert.deepEqual(findPileOns([pending(1, 0, { parent: MARIE }), pending(2, 10, { parent: MARIE })], DEFAULTS), []);
  });

  it('when one distinct author fewer than the threshold, then no alert', () => {
    const rows = [pending(1, 0, { parent: MARIE }), pending(2, 10, { parent: MARIE }), pending(2, 20, { parent: MARIE })];
    assert.deepEqual(findPileOns(rows, DEFAULTS), []);
  });

  it('when above both thresholds, then every comment of the burst is in the one alert', () => {
    const rows = [1, 2, 3, 4, 1].map((author, i) => pending(author, i * 5, { parent: MARIE }));
    const alerts = findPileOns(rows, DEFAULTS);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.comments.length, 5);
    assert.equal(alerts[0]!.distinctAuthors, 4);
  });

  it('when the thresholds are raised, then the same comments no longer alert', () => {
    const rows = [pending(1, 0, { parent: MARIE }), pending(2, 1, { parent: MARIE }), pending(3, 2, { parent: MARIE })];
    assert.equal(findPileOns(rows, { ...DEFAULTS, replies: 4 }).length, 0);
    assert.equal(findPileOns(rows, { ...DEFAULTS, authors: 4 }).length, 0);
    assert.equal(findPileOns(rows, { replies: 2, authors: 2, minutes: 60 }).length, 1);
  });
});

describe('findPileOns window', () => {
  it('when the first and last comments are exactly `minutes` apart, then they are in the window', () => {
    const rows = [pending(1, 0, { parent: MARIE }), pending(2, 30, { parent: MARIE }), pending(3, 60, { parent: MARIE })];
    const alerts = findPileOns(rows, DEFAULTS);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.minutes, 60);
  });

  it('when they are one millisecond more than `minutes` apart, then no alert', () => {
    const rows = [pending(1, 0, { parent: MARIE }), pending(2, 30, { parent: MARIE }), pending(3, 60, { parent: MARIE })];
    rows[2]!.createdAt = new Date(T0 + 60 * MIN + 1);
    assert.deepEqual(findPileOns(rows, DEFAULTS), []);
  });

  it('when two bursts are hours apart, then they are two alerts, the bigger first', () => {
    const morning = [1, 2, 3].map((author, i) => pending(author, i, { parent: MARIE }));
    const evening = [4, 5, 6, 7].map((author, i) => pending(author, 600 + i, { parent: MARIE }));
    const alerts = findPileOns([...morning, ...evening], DEFAULTS);
    assert.deepEqual(alerts.map((a) => ids(a.comments)), [ids(evening), ids(morning)]);
  });

  it('when the rows arrive in any order, then the alert lists them oldest first', () => {
    const rows = [pending(3, 20, { parent: MARIE }), pending(1, 0, { parent: MARIE }), pending(2, 10, { parent: MARIE })];
    assert.deepEqual(ids(findPileOns(rows, DEFAULTS)[0]!.comments), [rows[1]!.id, rows[2]!.id, rows[0]!.id]);
  });

  it('when comments straddle the window, then only windows that reach the thresholds contribute', () => {
    // A stray reply 2 hours before the burst is not part of it.
    const stray = pending(9, -120, { parent: MARIE });
    const burst = [1, 2, 3].map((author, i) => pending(author, i, { parent: MARIE }));
    const alerts = findPileOns([stray, ...burst], DEFAULTS);
    assert.deepEqual(ids(alerts[0]!.comments), ids(burst));
  });
});

describe('findPileOns targets', () => {
  it('when replies and @mentions name the same replied-to author, then they count together', () => {
    const rows = [
      pending(1, 0, { parent: MARIE }),
      pending(2, 5, { parent: MARIE }),
      pending(3, 10, { body: '@MarieCurie tu racontes n’importe quoi, pauvre idiote' }),
    ];
    const alerts = findPileOns(rows, DEFAULTS);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.target.authorId, 100);
    assert.equal(alerts[0]!.target.name, 'Marie Curie');
    assert.equal(alerts[0]!.comments.length, 3);
  });

  it('when a reply also @mentions its parent author, then it counts once', () => {
    const rows = [
      pending(1, 0, { parent: MARIE, body: '@Marie_Curie idiote' }),
      pending(2, 5, { parent: MARIE, body: '@marie-curie idiote' }),
    ];
    assert.deepEqual(findPileOns(rows, { replies: 3, authors: 2, minutes: 60 }), []);
    const alerts = findPileOns(rows, { replies: 2, authors: 2, minutes: 60 });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.comments.length, 2);
  });

  it('when only @mentions name someone who is not among the rows, then the alert is for the bare name', () => {
    const rows = [1, 2, 3].map((author, i) => pending(author, i, { body: `@Zorro dégage ${i}` }));
    const alerts = findPileOns(rows, DEFAULTS);
    assert.deepEqual(alerts[0]!.target, { key: 'name:zorro', name: '@Zorro', authorId: null });
  });

  it('when an author replies to or mentions themself, then it does not count against them', () => {
    const rows = [
      pending(1, 0, { parent: MARIE }),
      pending(2, 5, { parent: MARIE }),
      { ...pending(100, 6, { parent: MARIE }), authorName: MARIE.name },
      { ...pending(100, 7, { body: '@MarieCurie répond' }), authorName: MARIE.name },
    ];
    assert.deepEqual(findPileOns(rows, DEFAULTS), []);
  });

  it('when two authors share a name, then replies to each are not merged and a mention of that name stays a name', () => {
    const anonymeA = { id: 200, name: 'Anonyme' };
    const anonymeB = { id: 201, name: 'Anonyme' };
    const rows = [
      pending(1, 0, { parent: anonymeA }),
      pending(2, 1, { parent: anonymeB }),
      pending(3, 2, { parent: anonymeA }),
      pending(4, 3, { body: '@Anonyme tais-toi' }),
    ];
    assert.deepEqual(findPileOns(rows, DEFAULTS), []);
    const alerts = findPileOns(rows, { replies: 2, authors: 2, minutes: 60 });
    assert.deepEqual(alerts.map((a) => a.target.key), ['author:200']);
  });

  it('when a comment targets two people, then it is in both alerts', () => {
    const paul = { id: 300, name: 'Paul' };
    const rows = [1, 2, 3].map((author, i) => pending(author, i, { parent: MARIE, body: `@Paul et toi ${i}` }));
    rows.push(pending(9, 3, { parent: paul }));
    const alerts = findPileOns(rows, DEFAULTS);
    assert.deepEqual(alerts.map((a) => a.target.key).sort(), ['author:100', 'author:300']);
  });
});
