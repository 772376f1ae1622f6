/**
 * `crible score`: scores comments from stdin, one per line, and writes one result per line, in
 * order, as they come (a pipe of a million lines never sits in memory).
 *
 * A line is plain text, or an NDJSON object `{"text": "...", "parentAuthorName": "..."}` when it
 * starts with `{`. A bad NDJSON line gives `{"line": n, "error": "..."}` on stdout (so outputs stay
 * aligned with inputs) and a message on stderr; the command carries on.
 */
import { createInterface } from 'node:readline';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createScorer, explain, type ScoreContext } from '../scoring/index.js';

interface ScoreOptions {
  explain?: boolean;
  flagThreshold?: number;
  holdThreshold?: number;
}

function parseThreshold(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0 || x > 1) throw new InvalidArgumentError('expected a number in (0, 1]');
  return x;
}

type ParsedLine = { text: string; context: ScoreContext } | { error: string };

function parseLine(line: string): ParsedLine {
  if (!line.trimStart().startsWith('{')) return { text: line, context: {} };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected a JSON object' };
  const { text, parentAuthorName } = value as Record<string, unknown>;
  if (typeof text !== 'string') return { error: 'missing string field "text"' };
  if (parentAuthorName !== undefined && typeof parentAuthorName !== 'string') {
    return { error: '"parentAuthorName" must be a string' };
  }
  return { text, context: parentAuthorName === undefined ? {} : { parentAuthorName } };
}

/** Writes and waits when the pipe is full, so a slow reader does not make us buffer everything. */
async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}

async function scoreStdin(options: ScoreOptions): Promise<void> {
  const scorer = createScorer({ flagThreshold: options.flagThreshold, holdThreshold: options.holdThreshold });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    const parsed = parseLine(line);
    if ('error' in parsed) {
      process.stderr.write(`crible score: line ${n}: ${parsed.error}\n`);
      await write(`${JSON.stringify({ line: n, error: parsed.error })}\n`);
      continue;
    }
    const result = scorer.score(parsed.text, parsed.context);
    await write(options.explain === true ? `${explain(result, parsed.text)}\n\n` : `${JSON.stringify(result)}\n`);
  }
}

/**
 * Adds `crible score` to the program.
 *
 * @example
 * const program = new Command('crible');
 * registerScoreCommand(program);
 * // echo "Espèce de connard" | crible score --explain
 */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('score comments read from stdin, one per line (plain text or NDJSON with a "text" field)')
    .option('--explain', 'print a readable breakdown instead of JSON')
    .addOption(new Option('--flag-threshold <score>', 'score at or above which a comment is flagged').argParser(parseThreshold))
    .addOption(new Option('--hold-threshold <score>', 'score at or above which a comment is held').argParser(parseThreshold))
    .action(async (options: ScoreOptions) => {
      try {
        await scoreStdin(options);
      } catch (err) {
        process.stderr.write(`crible score: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
