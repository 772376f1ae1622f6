/**
 * A map that keeps at least its `capacity` latest entries, and at most twice as many: two
 * generations, the older dropped whole when the newer is full (deleting the oldest entry one by
 * one cost more than a Map's lookups, and left its table full of holes to skip).
 */
export function latestEntries<K, V>(capacity: number): { set(key: K, value: V): void; get(key: K): V | undefined } {
  let newer = new Map<K, V>();
  let older = new Map<K, V>();
  return {
    set(key, value) {
      newer.set(key, value);
      if (newer.size >= capacity) {
        older = newer;
        newer = new Map();
      }
    },
    get: (key) => newer.get(key) ?? older.get(key),
  };
}
