/**
 * The library entry: `import { createScorer } from 'crible'`.
 * @example
 * const scorer = createScorer();
 * scorer.score('Ta gueule, espèce de connard').decision; // 'hold'
 */
export * from './scoring/index.js';
