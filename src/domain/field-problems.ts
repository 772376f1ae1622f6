import type { z } from 'zod';

/** What is wrong with one field of one item: the shape the API documents and import reports use. */
export interface FieldProblem {
  /** The item's place in a batch, or null for a single one. */
  index: number | null;
  field: string;
  problem: string;
  /** Set when the problem has a code of its own (`invalid_text`: a character no database can store). */
  code?: string;
}

/** zod issues as `{ index, field, problem }`. */
export function toFieldProblems(error: z.ZodError, index: number | null): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const field = issue.path.filter((part) => typeof part === 'string').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ index, field: field ? `${field}.${key}` : key, problem: 'unknown field' }));
    }
    const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    const code = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : undefined;
    return [{ index, field: field || '(body)', problem, ...(code === undefined ? {} : { code }) }];
  });
}
