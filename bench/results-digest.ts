/**
 * A digest of every full ScoreResult over the evaluation files and disguised variants of their
 * rows: `npx tsx bench/results-digest.ts`. Speed work on src/scoring must leave it unchanged (run
 * it before and after); a lexicon change changes it, on purpose. `--dump FILE` writes the results
 * as JSON lines, to diff when two digests differ.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { createScorer } from '../src/scoring/index.js';

const evalDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'eval');

function texts(): string[] {
  const out: string[] = [];
  for (const name of ['fr-toxicity-train.csv', 'fr-toxicity-400.csv']) {
    const path = resolve(evalDir, name);
    if (!existsSync(path)) continue;
    const rows = parse(readFileSync(path, 'utf8'), { relax_column_count: true, relaxQuotes: true }) as string[][];
    for (const r of rows) out.push(r.slice(1).join(','));
  }
  const seed = resolve(evalDir, 'seed-comments.jsonl');
  if (existsSync(seed)) {
    for (const line of readFileSync(seed, 'utf8').split('\n')) if (line.trim() !== '') out.push((JSON.parse(line) as { text: string }).text);
  }
  const news = resolve(evalDir, 'seed-news-sentences.txt');
  if (existsSync(news)) out.push(...readFileSync(news, 'utf8').split('\n'));
  return out;
}

/** The same rows, disguised the ways the scorer's slower roads exist for. */
function variants(text: string, k: number): string[] {
  return [
    text.toUpperCase(),
    text.replace(/o/g, '0').replace(/e/g, '3'),
    text.replace(/oe/g, 'œ').replace(/a/g, 'à'),
    text.replace(/([a-z])([a-z]{3})\b/g, '$1*$2'),
    text.replace(/ /g, k % 2 === 0 ? '  ' : '\n'),
    text.replace(/a/g, 'а').replace(/(\w)(\w)/, '$1\u200B$2'),
    `@marc ${text} !!!`,
  ];
}

const { values } = parseArgs({ options: { dump: { type: 'string' } } });
const scorers = [createScorer(), createScorer({ learnedLayer: false, flagThreshold: 0.3 })];
const hash = createHash('sha256');
const lines: string[] = [];
let count = 0;
const all = texts();
all.forEach((text, k) => {
  for (const t of k % 5 === 0 ? [text, ...variants(text, k)] : [text]) {
    for (const [s, scorer] of scorers.entries()) {
      const line = JSON.stringify([s, t, scorer.score(t), k % 7 === 0 ? scorer.score(t, { parentAuthorName: 'Marc' }) : null]);
      hash.update(line).update('\n');
      if (values.dump !== undefined) lines.push(line);
      count++;
    }
  }
});
if (values.dump !== undefined) writeFileSync(values.dump, lines.join('\n') + '\n');
console.log(`${count} results from ${all.length} texts: sha256 ${hash.digest('hex')}`);
