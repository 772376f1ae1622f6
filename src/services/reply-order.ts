/** A batch's comment as far as its place in a thread goes. */
export interface ThreadPlace {
  key: string;
  parentKey: string | undefined;
}

/** Comments that can be inserted together, and whether their parents in the batch precede them. */
export interface Generation<T> {
  items: T[];
  /** False for the last resort: replies caught in a cycle, inserted without their link. */
  parentsPrecede: boolean;
}

/**
 * The order a batch is inserted in, generation by generation, so that a reply whose parent is in
 * the same batch comes after it and can be linked to its new id: first every comment without a
 * parent in the batch, then the replies to those, and so on. Replies whose parents wait on a cycle
 * (a dump can say anything) come last, with no link to them.
 */
export function insertionGenerations<T extends ThreadPlace>(batch: readonly T[]): Array<Generation<T>> {
  const inBatch = new Set(batch.map((item) => item.key));
  const placed = new Set<string>();
  const generations: Array<Generation<T>> = [];
  let pending: readonly T[] = batch;
  while (pending.length > 0) {
    const ready = pending.filter((item) => !item.parentKey || !inBatch.has(item.parentKey) || placed.has(item.parentKey));
    if (ready.length === 0) {
      generations.push({ items: [...pending], parentsPrecede: false });
      break;
    }
    generations.push({ items: ready, parentsPrecede: true });
    for (const item of ready) placed.add(item.key);
    const readySet = new Set(ready);
    pending = pending.filter((item) => !readySet.has(item));
  }
  return generations;
}
