import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestEntries } from '../../src/services/import/latest-entries.js';

test('keeps at least its capacity of latest entries, the latest value of each key winning', () => {
  const names = latestEntries<string, string>(3);
  for (let i = 1; i <= 10; i++) names.set(`c${i}`, `author ${i}`);
  // The three latest are always there, whatever the two generations hold.
  assert.deepEqual(['c8', 'c9', 'c10'].map((key) => names.get(key)), ['author 8', 'author 9', 'author 10']);
  // Never more than twice the capacity: the oldest are gone.
  assert.equal(names.get('c1'), undefined);
  assert.equal(names.get('c3'), undefined);

  names.set('c9', 'renamed');
  assert.equal(names.get('c9'), 'renamed');
  names.set('c11', 'author 11'); // fills the newer generation: it becomes the older one
  assert.equal(names.get('c9'), 'renamed');
});

test('an entry is kept until capacity newer ones came after it', () => {
  const capacity = 50;
  const recent = latestEntries<number, number>(capacity);
  for (let i = 0; i < 1000; i++) {
    recent.set(i, i * 2);
    for (let back = 0; back < capacity && back <= i; back++) assert.equal(recent.get(i - back), (i - back) * 2);
  }
});
