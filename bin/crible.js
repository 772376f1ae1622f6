#!/usr/bin/env node
// The `crible` command. `npm install` builds dist/ (the prepare script); this only starts it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('crible: the build is missing; run `npm run build` (npm install does it) and try again.');
  process.exit(1);
}
await import(entry.href);
