/**
 * A frozen map between small non-negative integers, in one typed array (open addressing, linear
 * probing, load ≤ 1/2): the phrase-trie edges, looked up several times per word, where a `Map`
 * costs a hash-table walk on the heap per lookup. Each slot holds its key and its value side by
 * side, so a lookup that misses the cache misses it once, not once for the key and once for the value.
 */
export class IntMap {
  /** `slots[2s]` is the key of slot `s` (-1: empty), `slots[2s + 1]` its value. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  /**
   * @example
   * const m = new IntMap([[7, 1], [12, 2]]);
   * m.get(12); // 2
   * m.get(8);  // -1
   */
  constructor(entries: ReadonlyArray<readonly [number, number]>) {
    let bits = 4;
    while (1 << bits < 2 * entries.length) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(2 << bits).fill(-1);
    for (const [key, value] of entries) {
      if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new RangeError(`IntMap key out of range: ${key}`);
      let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.slots[2 * slot] !== -1 && this.slots[2 * slot] !== key) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = key;
      this.slots[2 * slot + 1] = value;
    }
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const slots = this.slots;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = slots[2 * slot] as number;
      if (k === key) return slots[2 * slot + 1] as number;
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
