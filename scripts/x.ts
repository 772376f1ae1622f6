import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createScorer, compileModel, BUILTIN_MODEL } from '../src/scoring/index.js';
const rows = parse(readFileSync('../shared/eval/fr-toxicity-train.csv', 'utf8'), { relax_column_count: true }) as string[][];
const texts = rows.map((r) => r.slice(1).join(','));
const on = createScorer(), off = createScorer({ learnedLayer: false });
const layer = compileModel(BUILTIN_MODEL);
const run = (f: (t: string) => unknown) => { const t0 = performance.now(); for (let k = 0; k < 3; k++) for (const t of texts) f(t); return (3 * texts.length) / ((performance.now() - t0) / 1000); };
for (let r = 0; r < 3; r++) console.log('off', Math.round(run((t) => off.score(t))), 'on', Math.round(run((t) => on.score(t))), 'look only', Math.round(run((t) => layer.look(t))));
