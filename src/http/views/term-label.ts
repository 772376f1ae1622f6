/**
 * A lexicon pattern as a person reads it. Most patterns are short (`connard(e)(s)`, `ta/vos gueule`)
 * and shown as they are; a few list dozens of alternatives in one slot (`arabes/noirs/juifs/… sont
 * des terroristes/…`), which would fill a tooltip or a table cell. Those keep the first two
 * alternatives of each long slot. The exact pattern stays in the database and in every export.
 */

/** Patterns up to this many characters are shown whole. */
const WHOLE_UP_TO = 48;
/** Alternatives kept from a slot that has more. */
const KEPT_ALTERNATIVES = 2;

/**
 * @example
 * termLabel('connard(e)(s)'); // 'connard(e)(s)'
 * termLabel('arabes/noirs/juifs/musulmans sont des terroristes/voleurs/violeurs/criminels/bandits');
 * // 'arabes/noirs/… sont des terroristes/voleurs/…'
 */
export function termLabel(pattern: string): string {
  if (pattern.length <= WHOLE_UP_TO) return pattern;
  return pattern
    .split(' ')
    .map((slot) => {
      const alternatives = slot.split('/');
      return alternatives.length > KEPT_ALTERNATIVES ? `${alternatives.slice(0, KEPT_ALTERNATIVES).join('/')}/…` : slot;
    })
    .join(' ');
}
