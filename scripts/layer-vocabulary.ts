/**
 * Which words of the closed vocabulary (model-vocabulary.ts) the learned layer may weigh: shared by
 * the trainer (`npm run train`) and `npm run eval:ceiling`, so the ceiling measures the layer as it
 * is really trained.
 */
import { expandPattern, foldText } from '../src/scoring/index.js';
import { IDENTITY_WORDS } from '../src/scoring/lexicon/targets.js';
import { builtinLexicon } from '../src/scoring/lexicon/index.js';
import { modelWords } from '../src/scoring/model-words.js';
import { MODEL_VOCABULARY } from './model-vocabulary.js';

/**
 * The closed vocabulary, checked (folded single words, none of them an identity word), minus the
 * words the lexicon already knows: there the lexicon's context rules (a target needed, allow
 * phrases: `la chatte de la voisine`, `votre vol est retardé`) decide, and the layer must not
 * bypass them. `known: 'any-word'` (the trainer's rule) counts every word of every lexicon form;
 * `'single-word'` only whole single-word forms, so a word the lexicon uses only inside phrases
 * (`nul` of `t'es nul`) stays with the layer. Prefix forms (`encul*`) count in both. Returns the
 * words kept and those the lexicon took.
 */
export function layerVocabulary(known: 'any-word' | 'single-word' = 'any-word'): { kept: ReadonlySet<string>; lexicon: string[] } {
  const identity = new Set(IDENTITY_WORDS.flatMap((p) => expandPattern(p).flat().map(foldText)));
  const sequences = builtinLexicon.flatMap((e) => expandPattern(e.pattern));
  const forms = (known === 'any-word' ? sequences : sequences.filter((seq) => seq.length === 1)).flat().map(foldText);
  const exact = new Set(forms.filter((f) => !f.endsWith('*')));
  const prefixes = sequences.flat().map(foldText).filter((f) => f.endsWith('*')).map((f) => f.slice(0, -1));
  const kept = new Set<string>();
  const lexicon: string[] = [];
  for (const w of MODEL_VOCABULARY) {
    const words = modelWords(w);
    if (words.length !== 1 || words[0] !== w) throw new Error(`vocabulary word "${w}" is not one folded word`);
    if (identity.has(w)) throw new Error(`vocabulary word "${w}" names a group (lexicon/targets.ts IDENTITY_WORDS)`);
    if (exact.has(w) || prefixes.some((p) => w.startsWith(p))) lexicon.push(w);
    else kept.add(w);
  }
  return { kept, lexicon };
}
