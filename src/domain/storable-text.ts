/**
 * Text PostgreSQL cannot store: U+0000 (its `text` type ends strings there and refuses it) and
 * lone UTF-16 surrogates (no UTF-8 encoding exists for them; SQLite would store mangled bytes).
 * Crible refuses such input the same way on both databases rather than clean it, so a stored
 * comment is always byte for byte what the site sent.
 */
// No `u` flag: with it a regular expression cannot see a surrogate half on its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what PostgreSQL cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The code the API answers with, and import rows and field problems carry. */
export const INVALID_TEXT = 'invalid_text';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** What is wrong with `text`, in words, or undefined when it can be stored. */
export function unstorableTextProblem(text: string): string | undefined {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return undefined;
  const at = UNSTORABLE.exec(text)!.index;
  if (found === '\u0000') return `contains U+0000 (NUL) at character ${at}, which cannot be stored`;
  const code = found.charCodeAt(0).toString(16).toUpperCase();
  return `contains a lone surrogate U+${code} at character ${at} (not valid Unicode), which cannot be stored`;
}

/**
 * The text with each unstorable character replaced by U+FFFD, for what Crible keeps *about* a
 * refused input (an import's rejected row, its reason) rather than the input itself.
 */
export function toStorableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** The first string in a parsed query or form (nested objects and arrays included) that cannot be stored. */
export function findUnstorable(value: unknown, path = ''): { field: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    return problem === undefined ? undefined : { field: path || '(value)', problem };
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const keyProblem = unstorableTextProblem(key);
    if (keyProblem !== undefined) return { field: path || '(name)', problem: `a field name ${keyProblem}` };
    const found = findUnstorable(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}
