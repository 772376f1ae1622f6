import { builtinLexicon, LEXICON_VERSION } from '../../scoring/lexicon/index.js';
import { builtinModel, createScorerFor } from '../../scoring/index.js';
import type { Scorer } from '../../scoring/types.js';
import type { LexiconRepo } from '../../repositories/lexicon.repo.js';
import { buildLexicon } from './build-lexicon.js';
import type { LocalEntry } from './local-entry.js';

/** Where ingestion, import and rescoring get the scorer to use now. */
export interface ScorerSource {
  current(): Promise<Scorer>;
}

/** A scorer that never changes (tools, tests, the `crible score` command). */
export function fixedScorer(scorer: Scorer): ScorerSource {
  return { current: async () => scorer };
}

/** The version stored with scores: the built-in list's, plus the local list's when there is one. */
export function lexiconVersionOf(localVersion: number): string {
  return localVersion === 0 ? LEXICON_VERSION : `${LEXICON_VERSION}+local.${localVersion}`;
}

let builtinOnly: Scorer | undefined;

/**
 * Compiles the built-in lexicon with a newsroom's entries. Throws if they do not compile. The
 * built-in lexicon alone is compiled once per process (a few hundred milliseconds) and shared.
 */
export function scorerWithLocal(locals: readonly LocalEntry[], localVersion: number): Scorer {
  // The learned model comes with the built-in lexicon; a newsroom's entries add to the lexicon only.
  if (locals.length === 0 && localVersion === 0) return (builtinOnly ??= createScorerFor(builtinLexicon, LEXICON_VERSION, { model: builtinModel() }));
  return createScorerFor(buildLexicon(builtinLexicon, locals).entries, lexiconVersionOf(localVersion), { model: builtinModel() });
}

/**
 * The built-in lexicon with the newsroom's entries from the database. Each call reads the local
 * lexicon's version (one indexed query), so a change saved on any instance applies to the next
 * comment every instance scores; the compiled scorer is kept until the version moves.
 */
export function createLexiconScorerSource(lexicon: LexiconRepo): ScorerSource {
  let cached: { version: number; scorer: Promise<Scorer> } | null = null;
  return {
    async current(): Promise<Scorer> {
      const version = await lexicon.currentVersion();
      if (cached?.version !== version) {
        const scorer = lexicon.listLocal().then((locals) => scorerWithLocal(locals, version));
        cached = { version, scorer };
        // A failed build is not kept: the next call tries again.
        scorer.catch(() => {
          if (cached?.scorer === scorer) cached = null;
        });
      }
      return cached.scorer;
    },
  };
}
