/**
 * A frozen map between small non-negative integers, in typed arrays (open addressing, linear
 * probing, load ≤ 1/4): the phrase-trie edges, looked up several times per word, where a `Map`
 * costs a hash-table walk on the heap per lookup.
 */
export class IntMap {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
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
    while (1 << bits < 4 * entries.length) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
    for (const [key, value] of entries) {
      if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new RangeError(`IntMap key out of range: ${key}`);
      let slot = this.slotOf(key);
      while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = value;
    }
  }

  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[slot] as number;
      if (k === key) return this.values[slot] as number;
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
