import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertionGenerations } from '../../src/services/reply-order.js';

const place = (key: string, parentKey?: string) => ({ key, parentKey });
const keysOf = (generations: ReturnType<typeof insertionGenerations<{ key: string; parentKey: string | undefined }>>) =>
  generations.map((g) => ({ keys: g.items.map((item) => item.key), parentsPrecede: g.parentsPrecede }));

describe('the order a batch is inserted in', () => {
  it('when replies come before their parents, then each generation waits for the one it answers', () => {
    const batch = [place('c', 'b'), place('b', 'a'), place('a'), place('d', 'stored-elsewhere')];
    assert.deepEqual(keysOf(insertionGenerations(batch)), [
      { keys: ['a', 'd'], parentsPrecede: true },
      { keys: ['b'], parentsPrecede: true },
      { keys: ['c'], parentsPrecede: true },
    ]);
  });

  it('when comments answer each other in a cycle, then they and their replies come last, without links', () => {
    const batch = [place('x', 'y'), place('y', 'x'), place('z', 'x'), place('free')];
    assert.deepEqual(keysOf(insertionGenerations(batch)), [
      { keys: ['free'], parentsPrecede: true },
      { keys: ['x', 'y', 'z'], parentsPrecede: false },
    ]);
  });

  it('when nothing in the batch answers anything in it, then there is one generation in the batch order', () => {
    const batch = [place('b'), place('a', 'elsewhere'), place('c')];
    assert.deepEqual(keysOf(insertionGenerations(batch)), [{ keys: ['b', 'a', 'c'], parentsPrecede: true }]);
    assert.deepEqual(insertionGenerations([]), []);
  });
});
