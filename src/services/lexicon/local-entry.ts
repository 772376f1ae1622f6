/**
 * The newsroom's own entries, as an admin writes them: a word or expression, which of its forms
 * count, a category and a severity — never a pattern or a regular expression. This module turns
 * them into lexicon entries and refuses those that would match nothing or nearly everything.
 */
import { z } from 'zod';
import {
  CATEGORIES,
  compileLexicon,
  createScorerFor,
  foldText,
  LexiconPatternError,
  type Category,
  type LexiconEntry,
} from '../../scoring/index.js';
import { isCommonWord } from './common-words.js';
import { isStorableText } from '../../domain/storable-text.js';

import type { Forms, LocalEntryInput, LocalKind } from '../../repositories/lexicon.repo.js';

// The entries' shapes are the repository's (it stores them); this module gives their rules.
export type { Forms, LocalEntry, LocalEntryInput, LocalKind } from '../../repositories/lexicon.repo.js';

export const LOCAL_KINDS: readonly LocalKind[] = ['term', 'allow', 'disable'];
export const FORMS: readonly Forms[] = ['exact', 'plural', 'gender_plural', 'prefix'];

/** An entry that cannot be saved; the message is for the admin (French). */
export class LocalEntryError extends Error {
  override name = 'LocalEntryError';
}

const MAX_WORDS_CHARS = 100;
/** A disabled entry names a built-in pattern, and some list dozens of alternatives (`sale/sales arabe/…`). */
const MAX_PATTERN_CHARS = 2000;
const MAX_VARIANTS = 10;
const MIN_LOCAL_PREFIX = 4;

/** Letters (any script, accents), spaces, apostrophes and hyphens: what words are made of. */
const WORDS_SHAPE = /^[\p{L}\p{M}' ’-]+$/u;

/** Lower case, one space between words, apostrophes and hyphens read as the tokenizer reads them. */
export function cleanWords(raw: string): string {
  return raw.normalize('NFC').toLowerCase().replace(/[’'-]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Said before any other rule: PostgreSQL would refuse the row, SQLite keep a word no text can hold. */
const UNSTORABLE = 'contient un caractère invalide (U+0000 ou une moitié de paire UTF-16)';

/** The schema of one entry as a form or a CSV row sends it (strings), checked and cleaned. */
export const localEntrySchema = z
  .object({
    kind: z.enum(['term', 'allow', 'disable']),
    words: z.string().refine(isStorableText, UNSTORABLE).trim().min(1, 'mot manquant').max(MAX_PATTERN_CHARS, `${MAX_PATTERN_CHARS} caractères au plus`),
    forms: z.enum(['exact', 'plural', 'gender_plural', 'prefix']).default('exact'),
    variants: z
      .string()
      .refine(isStorableText, UNSTORABLE)
      .max(500)
      .default('')
      .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v.length > 0)),
    category: z.enum(CATEGORIES as [Category, ...Category[]]).nullable().default(null),
    severity: z.coerce.number().int().min(1).max(3).nullable().default(null),
    needsTarget: z.boolean().default(false),
  })
  .strict()
  .refine((e) => e.kind === 'disable' || e.words.length <= MAX_WORDS_CHARS, {
    path: ['words'],
    message: `${MAX_WORDS_CHARS} caractères au plus`,
  });

/** The last word's forms as pattern syntax: `naze` → `naze(s)`, `connard` → `connard(e)(s)`, `encul` → `encul*`. */
function withForms(word: string, forms: Forms): string {
  if (forms === 'prefix') return `${word}*`;
  if (forms === 'exact') return word;
  const plural = /[sxz]$/.test(word) ? '' : '(s)';
  if (forms === 'plural') return word + plural;
  return word.endsWith('e') ? word + plural : `${word}(e)${plural === '' ? '' : '(s)'}`;
}

function patternOf(words: string, forms: Forms): string {
  const parts = cleanWords(words).split(' ');
  const last = parts.length - 1;
  parts[last] = withForms(parts[last] as string, forms);
  return parts.join(' ');
}

/** The lexicon entries a local term stands for: one per spelling. */
export function termEntries(entry: Pick<LocalEntryInput, 'words' | 'forms' | 'variants' | 'category' | 'severity' | 'needsTarget'>): LexiconEntry[] {
  return [entry.words, ...entry.variants].map((words) => ({
    pattern: patternOf(words, entry.forms),
    category: entry.category ?? 'insult',
    severity: entry.severity ?? 1,
    ...(entry.needsTarget ? { needsTarget: true } : {}),
  }));
}

function checkShape(words: string, what: string): void {
  if (!WORDS_SHAPE.test(words)) {
    throw new LocalEntryError(`« ${words} » : ${what} ne peut contenir que des lettres, des espaces, des apostrophes et des tirets (pas de chiffres ni de symboles : Crible reconnaît seul les déguisements comme c0nn@rd).`);
  }
}

/**
 * Checks a term and returns its lexicon entries, or throws a {@link LocalEntryError} saying why it
 * would match nothing (it does not even match its own words once compiled) or too much (a single
 * letter, only everyday words such as « de la », a prefix of fewer than 4 letters).
 */
export function validateTerm(input: LocalEntryInput): LexiconEntry[] {
  if (input.category === null || input.severity === null) throw new LocalEntryError('Choisissez une catégorie et une gravité.');
  if (input.variants.length > MAX_VARIANTS) throw new LocalEntryError(`${MAX_VARIANTS} variantes au plus.`);
  for (const words of [input.words, ...input.variants]) {
    checkShape(words, 'un terme');
    const folded = cleanWords(foldText(cleanWords(words))).split(' ');
    if (folded.every((w) => w.length < 2)) throw new LocalEntryError(`« ${words} » est trop court : une seule lettre correspondrait à presque tout.`);
    if (folded.every(isCommonWord)) throw new LocalEntryError(`« ${words} » n'est fait que de mots courants : il correspondrait à presque tous les commentaires.`);
    if (input.forms === 'prefix' && words.trim().includes(' ')) throw new LocalEntryError('« Tous les mots qui commencent ainsi » ne vaut que pour un seul mot.');
    // Stricter than the compiler (3): the built-in prefixes are checked against a dictionary, an admin's are not.
    if (input.forms === 'prefix' && (folded[0] ?? '').length < MIN_LOCAL_PREFIX) {
      throw new LocalEntryError(`« ${words} » : un début de mot doit avoir au moins ${MIN_LOCAL_PREFIX} lettres, sinon il correspondrait à trop de mots.`);
    }
  }
  const entries = termEntries(input);
  for (const entry of entries) compileOrExplain(entry);
  // Matching nothing: the compiled term must at least find its own words in a sentence.
  const scorer = createScorerFor(entries, 'check');
  for (const words of [input.words, ...input.variants]) {
    const sample = `Toi, ${words} !`;
    if (scorer.score(sample).matches.length === 0) {
      throw new LocalEntryError(`« ${words} » ne correspondrait à rien une fois normalisé (essayez la forme écrite en toutes lettres).`);
    }
  }
  return entries;
}

function compileOrExplain(entry: LexiconEntry): void {
  try {
    compileLexicon([entry]);
  } catch (err) {
    if (!(err instanceof LexiconPatternError)) throw err;
    throw new LocalEntryError(`« ${entry.pattern} » refusé : ${frenchReason(err.message)}`);
  }
}

/** The compiler's reasons are for developers; the admin gets the gist. */
function frenchReason(message: string): string {
  if (message.includes('shorter than')) return 'un début de mot doit avoir au moins 4 lettres, sinon il correspondrait à trop de mots.';
  if (message.includes('one-letter')) return 'une seule lettre correspondrait à toutes les élisions (c’, l’…).';
  if (message.includes('can never match')) return 'ce mot ne peut jamais correspondre (les chiffres sont lus comme des lettres déguisées).';
  if (message.includes('more than')) return 'trop de formes.';
  return message;
}

/** Cleans and checks an allowed phrase's shape; what it protects is decided against the whole lexicon. */
export function validateAllowPhrase(input: LocalEntryInput): string {
  checkShape(input.words, 'une expression autorisée');
  return cleanWords(input.words);
}
