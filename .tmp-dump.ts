// throwaway (lexicon helper), deleted after use
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createScorer } from './src/scoring/index.js';
const rows = parse(readFileSync('/work/shared/eval/fr-toxicity-train.csv', 'utf8'), { relax_column_count: true }) as string[][];
const s = createScorer();
const fn: string[] = [], fp: string[] = [], tp: string[] = [], tn: string[] = [];
for (const r of rows) {
  const res = s.score(r[1]!);
  const p = res.decision !== 'publish';
  const line = JSON.stringify({ t: r[1], m: res.matches.map((m) => m.term + '|' + m.text), sc: +res.score.toFixed(2), tg: res.target });
  if (r[0] === '1') (p ? tp : fn).push(line); else (p ? fp : tn).push(line);
}
for (const [n, a] of Object.entries({ fn, fp, tp, tn })) writeFileSync(`/tmp/crible-mine/${n}.jsonl`, a.join('\n') + '\n');
console.log(fn.length, fp.length, tp.length, tn.length);
