import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const command = fileURLToPath(new URL('../../src/cli/score.command.ts', import.meta.url));
// A tiny program with only `score` registered: the test exercises the real command, not the rest of the CLI.
const program = `import { Command } from 'commander';
import { registerScoreCommand } from ${JSON.stringify(command)};
const p = new Command('crible'); registerScoreCommand(p); await p.parseAsync();`;

function run(input: string, args: string[] = []): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program, 'score', ...args], {
    input,
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('crible score', () => {
  it('when given plain lines and NDJSON, then writes one JSON result per line, in order', () => {
    const r = run('Espèce de connard\n{"text":"bonjour"}\nmerci\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { score: number; matches: unknown[] });
    assert.equal(r.status, 0);
    assert.equal(lines.length, 3);
    assert.ok((lines[0]?.score ?? 0) > 0);
    assert.equal(lines[1]?.score, 0);
    assert.equal(lines[2]?.score, 0);
  });

  it('when a line is bad NDJSON, then it writes an error object for it, says so on stderr and carries on', () => {
    const r = run('{bad\n{"nope":1}\nconnard\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(r.status, 0);
    assert.equal(lines.length, 3);
    assert.equal(lines[0]?.line, 1);
    assert.match(String(lines[0]?.error), /invalid JSON/);
    assert.match(String(lines[1]?.error), /"text"/);
    assert.ok('score' in (lines[2] ?? {}));
    assert.match(r.stderr, /line 1: invalid JSON/);
    assert.match(r.stderr, /line 2:/);
  });

  it('when parentAuthorName is given and named, then the target is that person', () => {
    const r = run('{"text":"Paul, tu dis n\'importe quoi","parentAuthorName":"Paul"}\n');
    assert.equal((JSON.parse(r.stdout) as { target: string }).target, 'person');
  });

  it('when --explain is set, then it prints a readable breakdown', () => {
    const r = run('Espèce de connard\n', ['--explain']);
    assert.match(r.stdout, /^score \d\.\d{3} → (flag|hold) \(target: person\)/);
    assert.match(r.stdout, /\[connard\]/);
  });

  it('when thresholds are given, then decisions follow them', () => {
    // A hit the lexicon flags by default and the model neither flags nor clears.
    const byDefault = run('Cette réforme, quelle connerie.\n');
    assert.equal((JSON.parse(byDefault.stdout) as { decision: string }).decision, 'flag');
    const r = run('Cette réforme, quelle connerie.\n', ['--flag-threshold', '0.95', '--hold-threshold', '0.99']);
    assert.equal((JSON.parse(r.stdout) as { decision: string }).decision, 'publish');
  });

  it('when a threshold is out of range, then it fails with a message', () => {
    const r = run('x\n', ['--flag-threshold', '2']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /flag-threshold/);
  });
});
