/**
 * Stage 4b of scoring: is a hit *used* (aimed at someone) or only *mentioned*? For each hit, the
 * words around it in the original text decide whether it is quoted (`« … »`, `"…"`, `“…”`),
 * reported after a naming or reporting verb (`traité de`, `le mot`, `aurait crié`), negated
 * (`Tu n'es pas un idiot`, `Personne n'a dit que …`), said of oneself (`Je suis trop con ce
 * matin`, `moi aussi je suis gay et fier`), or profanity aimed at no one (`Putain, quel match !`).
 *
 * Pure, and reads only the original text and the hit's span, so the fast scan and the full
 * pipeline (which share the spans) get the same answer by construction. The rules look at the
 * clause before the hit (back to `. ! ? ; ,` or a line break, at most {@link CLAUSE_CHARS}
 * characters), folded like the matcher folds text. A first-person speech act stays an insult:
 * `Je ne dirai pas que tu es une ordure`, `je te traite de connard`.
 *
 * What a reason does to the score is score.ts's business: `quotation`, `reported` and
 * `negation` make the hit worth a flag at most (a person still looks: never a silent publish),
 * `no_target` a low flag at most (never a hold), `self_directed` lets the comment be published.
 */
import type { Category, ContextReason, Target } from './types.js';
import { foldText } from './normalize.js';

/** How far back (UTF-16 units) the rules read for the hit's clause. */
export const CLAUSE_CHARS = 160;

/** Reasons that lower a hit to a flag at most. */
export const MENTION_REASONS: ReadonlySet<ContextReason> = new Set<ContextReason>(['quotation', 'reported', 'negation']);

/** What the rules need to know about one hit. */
export interface ContextHit {
  readonly start: number;
  readonly end: number;
  readonly category: Category;
  /** Who the hit is aimed at (target.ts). */
  readonly target: Target;
}

/** Quotation marks of the text, found once per comment: `[open, close]` offsets of each pair. */
export type QuoteSpans = readonly (readonly [number, number])[];

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

// Naming and reporting verbs, and the nouns that name a word (`le mot …`), folded.
const REPORTING = set(
  'traite traites traitee traitees traiter traitait traitaient traitent traitant ' +
  'qualifie qualifies qualifiee qualifiees qualifier qualifiait qualifiaient qualifient ' +
  'crie cries criee crier criait criaient crient criant hurle hurles hurler hurlait hurlaient hurlent hurlant ' +
  'scande scandes scander scandait scandaient scandent scandant lance lancer lancait lancaient ' +
  'ecrit ecrits ecrite ecrire ecrivait ecrivaient ecrivent tague tagues taguee taguer ' +
  'insulte insultee insultes insulter insultait insultaient insultent ' +
  'surnomme surnommee surnommer surnommait surnomment appele appelee appeles appeler appelait appelaient ' +
  'dit disait disaient repete repetait repeter ' +
  'mot mots terme termes expression insulte insultes injure injures cris slogan slogans propos inscription inscriptions tag tags',
);
// After these, a hit names a word or an act, not the reader: reading up to this many words back.
const REPORT_WINDOW = 6;

// First-person speech verbs: `je ne dirai pas que …` is a rhetorical insult, not a negation.
const RHETORICAL = set(
  'dirai dirais dis dire traiterai traiterais traite traiter appellerai appellerais appelle appeler ' +
  'qualifierai qualifierais qualifie qualifier insulterai insulterais insulte',
);
const FIRST_PERSON = set('je j');
const ADDRESSEE = set('te t vous');

const NEGATION_ADVERBS = set('pas jamais plus point nullement aucunement guere');
const NE = set('ne n');
// `Personne n'a dit que …`: a negated subject before a verb of saying or thinking.
const NOBODY = set('personne nul aucun aucune');
const SAYING = set(
  'dit dire pense pensent pretend pretendent pretendu affirme affirment ecrit traite traites qualifie soutient soutenu ' +
  'croit cru insinue accuse suggere',
);
const COPULA = set('es est etes sont suis sommes etait etaient etais fut serait seras sera');
// Words that may sit between a negation and the hit it denies (`pas du tout un`, `pas que tu sois un`).
const NEGATED_FILLERS = set(
  'que qu tu t il elle ils elles on vous je j sois soit soient soyez es est sont etes suis etait etaient etais fut etre ete ' +
  'un une des de d du le la les l si aussi vraiment tout tous toute toutes completement totalement forcement franchement ' +
  'tellement assez ce c cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs moi toi lui eux ' +
  'a as ont avez ai devenu devenue devenus si gros grosse vrai vraie',
);
const MAX_NEGATED_FILLERS = 5;

const SELF_SUBJECT = set('je j moi');
const SELF_VERBS = set('suis etais serai serais sens sentais trouve chui chuis');
const SELF_FILLERS = set(
  'vraiment trop tellement un une si qu que completement totalement grave carrement bien parfois peu juste assez ' +
  'le la plus gros grosse vrai vraie sacre sacree pauvre meme encore de d vieux vieille petit petite aussi moi me ' +
  'ne n qu un fier fiere et toujours franchement vraiment souvent',
);
const MAX_SELF_FILLERS = 5;

// Right before an opening quote, these address the reader: `t'es un « génie »` is still aimed.
const ADDRESSING_BEFORE_QUOTE = set('es etes espece sale sales bande tas toi vous tu t');

const CLAUSE_BREAK = /[.!?;,\n\r\u2026]/;

/** The folded words of `text[from, to)`, elisions split (`n'es` → `n`, `es`). */
function foldedWords(text: string): string[] {
  const folded = foldText(text);
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c > 0x7f;
    if (letter) word += folded[i];
    else if (word.length > 0) {
      words.push(word);
      word = '';
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}

/** Where the hit's clause starts: after the last clause break before `start`, within {@link CLAUSE_CHARS}. */
function clauseStart(text: string, start: number): number {
  const from = Math.max(0, start - CLAUSE_CHARS);
  for (let i = start - 1; i >= from; i--) if (CLAUSE_BREAK.test(text[i] as string)) return i + 1;
  return from;
}

/** Where the hit's clause ends: the first clause break after `end` (or the end of the text). */
function clauseEnd(text: string, end: number): number {
  const to = Math.min(text.length, end + CLAUSE_CHARS);
  for (let i = end; i < to; i++) if (CLAUSE_BREAK.test(text[i] as string)) return i;
  return to;
}

/**
 * The quotation-mark pairs of a text: `« … »`, `“ … ”` and straight `" … "`. An opening mark
 * with no closing one quotes nothing.
 *
 * @example
 * quoteSpans('Il a dit « idiot » puis "con".'); // [[9, 17], [24, 28]]
 */
export function quoteSpans(text: string): QuoteSpans {
  const spans: [number, number][] = [];
  let guillemet = -1;
  let curly = -1;
  let straight = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xab) guillemet = guillemet < 0 ? i : guillemet;
    else if (c === 0xbb && guillemet >= 0) {
      spans.push([guillemet, i]);
      guillemet = -1;
    } else if (c === 0x201c) curly = curly < 0 ? i : curly;
    else if (c === 0x201d && curly >= 0) {
      spans.push([curly, i]);
      curly = -1;
    } else if (c === 0x22) {
      if (straight < 0) straight = i;
      else {
        spans.push([straight, i]);
        straight = -1;
      }
    }
  }
  return spans;
}

/** True when a text has a quotation mark at all (the common case has none: no spans to find). */
export function hasQuoteMarks(text: string): boolean {
  return text.includes('«') || text.includes('"') || text.includes('“');
}

/** The pair around `[start, end)`, if any. */
function enclosingQuote(quotes: QuoteSpans, start: number, end: number): readonly [number, number] | null {
  for (const q of quotes) if (q[0] < start && end <= q[1]) return q;
  return null;
}

/**
 * Quoted: inside a pair of quotation marks, with words outside them (a comment that is nothing but
 * `"connard"` quotes nobody), and not right after an address (`t'es un « génie »`).
 */
function isQuoted(text: string, quotes: QuoteSpans, hit: ContextHit): boolean {
  const q = enclosingQuote(quotes, hit.start, hit.end);
  if (q === null) return false;
  const outside = foldedWords(text.slice(0, q[0]) + ' ' + text.slice(q[1] + 1));
  if (outside.length < 2) return false;
  const before = foldedWords(text.slice(clauseStart(text, q[0]), q[0]));
  const last = before[before.length - 1];
  const secondLast = before[before.length - 2];
  if (last !== undefined && ADDRESSING_BEFORE_QUOTE.has(last)) return false;
  if ((last === 'de' || last === 'd') && secondLast !== undefined && ADDRESSING_BEFORE_QUOTE.has(secondLast)) return false;
  return true;
}

/** `je te traite de …`, `je vous dis que …`: the speaker addresses the reader, whatever the verb. */
function isDirectSpeech(words: readonly string[], verb: number): boolean {
  let k = verb - 1;
  if (k >= 0 && (words[k] === 'ai' || words[k] === 'vais')) k--;
  if (k < 0 || !ADDRESSEE.has(words[k] as string)) return false;
  for (let j = Math.max(0, k - 2); j < k; j++) if (FIRST_PERSON.has(words[j] as string)) return true;
  return false;
}

/** Reported: a naming or reporting verb (or `le mot`) at most {@link REPORT_WINDOW} words before the hit. */
function isReported(words: readonly string[]): boolean {
  for (let k = words.length - 1; k >= Math.max(0, words.length - REPORT_WINDOW); k--) {
    if (REPORTING.has(words[k] as string)) return !isDirectSpeech(words, k);
  }
  return false;
}

/**
 * Negated: `ne … pas/jamais/plus` (or a bare `pas` outside a question) right before the hit, with
 * only articles, pronouns and copulas between; or `personne/nul/aucun ne` + a verb of saying.
 * Not a restriction (`tu n'es qu'un …`, `tu n'es plus qu'un …`), not a first-person speech verb
 * (`je ne dirai pas que tu es …`).
 */
function isNegated(words: readonly string[], question: boolean): boolean {
  const n = words.length;
  for (let k = 0; k + 2 < n; k++) {
    if (NOBODY.has(words[k] as string) && NE.has(words[k + 1] as string)) {
      for (let j = k + 2; j < Math.min(n, k + 5); j++) if (SAYING.has(words[j] as string)) return true;
    }
  }
  let adverb = -1;
  for (let k = n - 1; k >= Math.max(0, n - 1 - MAX_NEGATED_FILLERS); k--) {
    if (NEGATION_ADVERBS.has(words[k] as string)) {
      adverb = k;
      break;
    }
    if (!NEGATED_FILLERS.has(words[k] as string)) return false;
  }
  if (adverb < 0) return false;
  let ne = -1;
  for (let k = adverb - 1; k >= Math.max(0, adverb - 4); k--) {
    if (NE.has(words[k] as string)) {
      ne = k;
      break;
    }
  }
  if (ne < 0 && (question || words[adverb] !== 'pas')) return false;
  const verbs = words.slice(ne < 0 ? Math.max(0, adverb - 2) : ne + 1, adverb);
  const afterAdverb = words[adverb + 1];
  if ((afterAdverb === 'que' || afterAdverb === 'qu') && verbs.some((v) => COPULA.has(v))) return false;
  const speaker = words.slice(Math.max(0, (ne < 0 ? adverb : ne) - 3), ne < 0 ? adverb : ne).some((w) => FIRST_PERSON.has(w));
  if (speaker && words.slice(ne < 0 ? adverb - 2 : ne, n).some((w) => RHETORICAL.has(w))) return false;
  return true;
}

/** Said of oneself: `je suis (vraiment trop) con`, `j'suis qu'un idiot`, `moi aussi je suis …`, `quel con je suis`. */
function isSelfDirected(words: readonly string[], after: readonly string[]): boolean {
  const n = words.length;
  for (let k = n - 1; k >= Math.max(0, n - 1 - MAX_SELF_FILLERS); k--) {
    const w = words[k] as string;
    if (SELF_VERBS.has(w)) {
      const subject = words[k - 1];
      const reflexive = words[k - 2];
      if (w === 'chui' || w === 'chuis') return true;
      if (subject !== undefined && SELF_SUBJECT.has(subject)) return true;
      // `je me sens/trouve …`
      if (subject === 'me' && reflexive !== undefined && SELF_SUBJECT.has(reflexive)) return true;
      return false;
    }
    if (!SELF_FILLERS.has(w)) break;
  }
  // `quel con je suis`: an exclamation about oneself (`que je suis bête` is caught above).
  const exclaims = words[n - 1] === 'quel' || words[n - 1] === 'quelle' || words[n - 2] === 'quel' || words[n - 2] === 'quelle';
  return exclaims && n <= 3 && (after[0] === 'je' || after[0] === 'j') && after[1] !== undefined && SELF_VERBS.has(after[1]);
}

/**
 * The context of one hit, or null when it is plainly used. `quotes` comes from {@link quoteSpans}
 * (empty when the text has no quotation marks).
 *
 * @example
 * const text = "On m'a traité de « gros naze » au boulot.";
 * contextOf(text, quoteSpans(text), { start: 18, end: 27, category: 'insult', target: 'person' }); // 'quotation'
 * contextOf('Tu n\'es pas un idiot.', [], { start: 15, end: 20, category: 'insult', target: 'person' }); // 'negation'
 * contextOf('Putain, quel match !', [], { start: 0, end: 6, category: 'profanity', target: 'none' }); // 'no_target'
 */
export function contextOf(text: string, quotes: QuoteSpans, hit: ContextHit): ContextReason | null {
  if (quotes.length > 0 && isQuoted(text, quotes, hit)) return 'quotation';
  const from = clauseStart(text, hit.start);
  const to = clauseEnd(text, hit.end);
  const words = foldedWords(text.slice(from, hit.start));
  if (isReported(words)) return 'reported';
  const question = text.slice(hit.end, Math.min(text.length, to + 2)).includes('?');
  if (hit.category !== 'threat' && isNegated(words, question)) return 'negation';
  if (hit.category === 'insult' || hit.category === 'profanity' || hit.category === 'identity_attack') {
    const after = foldedWords(text.slice(hit.end, to));
    // A slur said of oneself counts as reclaimed only with its pride: `je suis pédé et fier`.
    const reclaimed = hit.category !== 'identity_attack' || (after[0] === 'et' && /^fier(e|s|es)?$/.test(after[1] ?? ''));
    if (reclaimed && isSelfDirected(words, after)) return 'self_directed';
  }
  if (hit.category === 'profanity' && hit.target === 'none') return 'no_target';
  return null;
}
