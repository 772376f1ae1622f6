/**
 * The model shipped with Crible: `models/fr-comments.bin` in the package folder (written by
 * `npm run train`), read once, on first use — the only file scoring reads, so importing a module
 * still starts nothing and the weights are never downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseModelFile, type ModelFile } from './model.js';

export const BUILTIN_MODEL_FILE = 'fr-comments.bin';

// From src/scoring/ (tsx) or dist/src/scoring/ (the build), the package folder is two or three up.
const CANDIDATES = ['../../models/', '../../../models/'].map((dir) => fileURLToPath(new URL(dir + BUILTIN_MODEL_FILE, import.meta.url)));

let cached: ModelFile | undefined;

/** Where the built-in model file is (the first candidate that exists). */
export function builtinModelPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`the model file ${BUILTIN_MODEL_FILE} is missing from the package (looked in ${CANDIDATES.join(', ')})`);
  return found;
}

/**
 * The built-in model, parsed (cached for the process).
 *
 * @example
 * builtinModel().version; // 'fr-model-…'
 */
export function builtinModel(): ModelFile {
  return (cached ??= parseModelFile(readFileSync(builtinModelPath())));
}
