import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { createScorer } from '../src/scoring/index.js';
import { modelWords } from '../src/scoring/model-words.js';
const require = createRequire(import.meta.url);
const dict = new Set<string>((require('an-array-of-french-words') as string[]).flatMap((w) => modelWords(w)));
const rows = parse(readFileSync('../shared/eval/fr-toxicity-train.csv', 'utf8'), { relax_column_count: true }) as string[][];
const scorer = createScorer();
const df = new Map<string, [number, number]>();
for (const r of rows) { const t = r.slice(1).join(','); if (scorer.score(t).decision !== 'publish') continue; for (const w of modelWords(t)) { const c = df.get(w) ?? [0, 0]; c[0]++; if (r[0] === '1') c[1]++; df.set(w, c); } }
const list = [...df].filter(([w, [n, t]]) => dict.has(w) && w.length > 2 && n >= 4 && (t + 1) / (n + 2) >= 0.6).sort((a, b) => b[1][1] - a[1][1]);
console.log(list.length, list.slice(0, 900).map(([w, [n, t]]) => `${w}:${t}/${n}`).join(' '));
