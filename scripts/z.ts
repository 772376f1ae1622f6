import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isDeepStrictEqual } from 'node:util';
import { createScorer, createScorerFor, BUILTIN_MODEL } from '../src/scoring/index.js';
import { builtinLexicon, LEXICON_VERSION } from '../src/scoring/lexicon/index.js';
const rows = parse(readFileSync('../shared/eval/fr-toxicity-train.csv', 'utf8'), { relax_column_count: true }) as string[][];
const texts = rows.map((r) => r.slice(1).join(','));
const fast = createScorer(), full = createScorerFor(builtinLexicon, LEXICON_VERSION, { fastPath: false, model: BUILTIN_MODEL });
let bad = 0; for (const t of texts) { if (!isDeepStrictEqual(fast.score(t), full.score(t))) { if (bad++ < 3) console.log('DIFF', t.slice(0, 100), JSON.stringify(fast.score(t).model), JSON.stringify(full.score(t).model)); } }
console.log('diffs', bad);
